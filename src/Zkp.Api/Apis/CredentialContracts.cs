using System.Text.Json;
using System.Text.Json.Serialization;
using Zkp.Api.Model;

namespace Zkp.Api.Apis;

/// <summary>Body of <c>POST /credentials/issue</c>. Numbers are JSON integers; a negative one is out of range.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IssueCredentialRequest(string? ClaimType, long? Threshold, long? UpperBound);

/// <summary>A credential as the API returns it; <see cref="Credential"/> is the signed W3C VC itself.</summary>
public sealed record CredentialResponse(
    Guid Id,
    string ClaimType,
    long Threshold,
    long? UpperBound,
    string Status,
    Guid IssuerId,
    DateTime IssuedAt,
    DateTime ExpiresAt,
    DateTime? RevokedAt,
    JsonElement Credential)
{
    public static CredentialResponse From(Credential row)
    {
        ArgumentNullException.ThrowIfNull(row);
        using var document = JsonDocument.Parse(row.CredentialJson);
        return new CredentialResponse(
            row.Id,
            row.ClaimType,
            row.Threshold,
            row.UpperBound,
            row.Status,
            row.IssuerId,
            Utc(row.IssuedUtc),
            Utc(row.ValidUntilUtc),
            row.RevokedUtc is { } revoked ? Utc(revoked) : null,
            document.RootElement.Clone());
    }

    internal static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

/// <summary>Answer of <c>POST /credentials/issue?async=true</c>.</summary>
public sealed record IssuanceJobAccepted(Guid JobId, string Status);

/// <summary>An asynchronous issuance job: <c>credential</c> once succeeded, <c>failure_code</c> and <c>failure_reason</c> once failed.</summary>
public sealed record IssuanceJobResponse(
    Guid JobId,
    string Status,
    DateTime CreatedAt,
    DateTime? CompletedAt,
    CredentialResponse? Credential,
    string? FailureCode,
    string? FailureReason);
