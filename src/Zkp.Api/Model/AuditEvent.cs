namespace Zkp.Api.Model;

/// <summary>
/// Who changed what, and when: issuer status changes, admin creation, member attribute upserts.
/// <see cref="Fields"/> names the fields that changed, never their values (attributes are financial data).
/// </summary>
public sealed class AuditEvent
{
    public Guid Id { get; set; }

    /// <summary>The signed-in account, or null when the caller was an API key (then <see cref="ActorOrganizationId"/> is set).</summary>
    public Guid? ActorAccountId { get; set; }

    public Guid? ActorOrganizationId { get; set; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    public Guid? IssuerId { get; set; }

    public Guid? MemberAccountId { get; set; }

    /// <summary>Comma-separated field names (attribute upserts) or the new status (status changes).</summary>
    public string? Fields { get; set; }

    public DateTime CreatedUtc { get; set; }
}

public static class AuditActions
{
    public const string IssuerCreated = "issuer.created";
    public const string IssuerStatusChanged = "issuer.status_changed";
    public const string IssuerAdminCreated = "issuer.admin_created";
    public const string IssuerApiKeyCreated = "issuer.api_key_created";
    public const string MemberAttributesCreated = "member.attributes_created";
    public const string MemberAttributesUpdated = "member.attributes_updated";
    public const string MemberWalletBound = "member.wallet_bound";
}
