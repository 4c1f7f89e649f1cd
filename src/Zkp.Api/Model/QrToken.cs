namespace Zkp.Api.Model;

/// <summary>
/// A QR token a member shares with lenders: a holder-signed presentation of some of their credentials, bound to a
/// fresh challenge and a domain, valid until <see cref="ExpiresUtc"/>. Only the token's SHA-256 is stored.
/// </summary>
/// <remarks>
/// A member whose holder key is in a wallet gets a pending row first (<see cref="TokenHash"/> and
/// <see cref="PresentationJson"/> null, the unsigned presentation in <see cref="UnsignedPresentationJson"/>); it becomes
/// a token when the wallet-signed presentation is posted back.
/// </remarks>
public sealed class QrToken
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 of the token string; null while the presentation awaits the wallet's signature.</summary>
    public byte[]? TokenHash { get; set; }

    public Guid MemberAccountId { get; set; }

    public required string MemberDid { get; set; }

    /// <summary>The presented credential ids as a JSON array of strings, in request order.</summary>
    public required string CredentialIds { get; set; }

    /// <summary>The holder-signed presentation, exactly as signed (the pipeline verifies these bytes).</summary>
    public string? PresentationJson { get; set; }

    /// <summary>Set only while pending: the presentation the wallet must sign.</summary>
    public string? UnsignedPresentationJson { get; set; }

    /// <summary>The nonce signed into the presentation; fresh for every token.</summary>
    public required string Challenge { get; set; }

    /// <summary>The domain signed into the presentation: the platform's public base URL, or the audience's domain.</summary>
    public required string Domain { get; set; }

    /// <summary>The lender organisation the member addressed the token to; null lets any lender verify it.</summary>
    public Guid? AudienceOrganizationId { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}
