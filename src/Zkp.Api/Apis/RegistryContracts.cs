using System.Globalization;
using System.Text.Json.Serialization;
using Zkp.Api.Model;

namespace Zkp.Api.Apis;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateIssuerRequest(string? Name, string? NcuaCharter);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IssuerStatusRequest(string? Status);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateIssuerAdminRequest(string? Email, string? Password);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record BindWalletRequest(string? Did, string? Challenge, string? Signature);

/// <summary>The guide's trust registry entry, field for field. created_at is UTC to the second, without offset, as in the guide.</summary>
public sealed record TrustRegistryEntry(Guid Id, string Did, string Name, string NcuaCharter, string PublicKeyHex, string Status, string CreatedAt)
{
    public static TrustRegistryEntry From(Issuer issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return new(issuer.Id, issuer.Did, issuer.Name, issuer.NcuaCharter, Convert.ToHexStringLower(issuer.PublicKey), issuer.Status,
            issuer.CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
    }
}

public sealed record IssuerAdminResponse(Guid Id, string Email, string Role, Guid IssuerId);

public sealed record IssuerApiKeyResponse(string ApiKey, Guid IssuerId);

public sealed record MemberAttributesResponse(
    Guid MemberId,
    Guid IssuerId,
    long? AnnualIncome,
    int? CreditScore,
    string? AccountOpenedOn,
    string? MembershipStatus,
    string? EmploymentStatus,
    int? EmploymentMonths,
    int? DtiRatioBps,
    DateTime UpdatedAt,
    IReadOnlyList<string>? ChangedFields)
{
    public static MemberAttributesResponse From(MemberAttributes attributes, IReadOnlyList<string>? changed)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return new(attributes.MemberAccountId, attributes.IssuerId, attributes.AnnualIncome, attributes.CreditScore,
            attributes.AccountOpenedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), attributes.MembershipStatus,
            attributes.EmploymentStatus, attributes.EmploymentMonths, attributes.DtiRatioBps,
            DateTime.SpecifyKind(attributes.UpdatedUtc, DateTimeKind.Utc), changed);
    }
}

public sealed record BulkUpsertResponse(int Rows, int Created, int Updated, int Unchanged);

public sealed record MemberDidResponse(string Did, string HolderKeyCustody);

public sealed record WalletChallengeResponse(string Challenge, DateTime ExpiresAt);
