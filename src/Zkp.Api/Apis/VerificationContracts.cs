using System.Text.Json.Serialization;

namespace Zkp.Api.Apis;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TokenRequest(string? Token);

/// <summary>One entry of <c>GET /verify/history</c>: the guide's fields plus <c>failed_step</c> and <c>failure_code</c>.</summary>
public sealed record VerificationHistoryItem(
    Guid Id,
    string? MemberDid,
    System.Text.Json.Nodes.JsonObject ClaimsVerified,
    bool AllVerified,
    string? FailedStep,
    string? FailureCode,
    System.Text.Json.Nodes.JsonObject? IssuerInfo,
    string VerifiedAt);

public sealed record VerificationHistoryResponse(IReadOnlyList<VerificationHistoryItem> Items, int Total, int Limit, int Offset);
