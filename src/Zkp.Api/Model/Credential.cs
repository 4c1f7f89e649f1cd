namespace Zkp.Api.Model;

/// <summary>
/// A claim credential issued to a member: the signed W3C VC as issued, and the columns the API filters and
/// reports on. <see cref="Id"/> is the VC's <c>id</c> (<c>urn:uuid:{Id}</c>) and the value its proof is bound to.
/// </summary>
public sealed class Credential
{
    public Guid Id { get; set; }

    public Guid MemberAccountId { get; set; }

    public Guid IssuerId { get; set; }

    public required string ClaimType { get; set; }

    /// <summary>The threshold as requested (after the catalogue's default); the signed bounds are in the document.</summary>
    public long Threshold { get; set; }

    /// <summary>The upper bound of a range claim (<c>credit_tier</c>; the catalogue's top when none was requested), null otherwise.</summary>
    public long? UpperBound { get; set; }

    public Guid StatusListId { get; set; }

    public int StatusListIndex { get; set; }

    /// <summary>The signed credential (JSON) exactly as issued; it carries the proof and never the member's value.</summary>
    public required string CredentialJson { get; set; }

    /// <summary>One of <see cref="CredentialStatuses"/>.</summary>
    public required string Status { get; set; }

    public DateTime IssuedUtc { get; set; }

    public DateTime ValidUntilUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }

    /// <summary>The account that revoked (member or issuer admin), null for an issuer API key.</summary>
    public Guid? RevokedByAccountId { get; set; }

    /// <summary>The organisation whose API key revoked, null when an account did.</summary>
    public Guid? RevokedByOrganizationId { get; set; }
}

public static class CredentialStatuses
{
    public const string Active = "active";
    public const string Revoked = "revoked";
}
