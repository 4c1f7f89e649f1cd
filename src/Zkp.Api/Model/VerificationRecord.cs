namespace Zkp.Api.Model;

/// <summary>
/// One run of the verifier pipeline for a lender, passed or failed: the lender's audit trail
/// (<c>GET /verify/history</c>) and the source of the <c>verification.*</c> webhook events.
/// </summary>
public sealed class VerificationRecord
{
    public Guid Id { get; set; }

    public Guid LenderOrganizationId { get; set; }

    /// <summary>The API key that asked; null for a lender user's JWT.</summary>
    public Guid? ApiKeyId { get; set; }

    /// <summary>SHA-256 of the QR token verified.</summary>
    public byte[]? TokenHash { get; set; }

    public string? MemberDid { get; set; }

    /// <summary>JSON object claim type to passed, as in the response's <c>claims_verified</c>.</summary>
    public required string ClaimsVerified { get; set; }

    public bool AllVerified { get; set; }

    /// <summary>The first failing step (e.g. <c>ZKP_VERIFY</c>); null when all passed.</summary>
    public string? FailedStep { get; set; }

    /// <summary>The failing step's stable code (e.g. <c>PROOF_INVALID</c>).</summary>
    public string? FailureCode { get; set; }

    /// <summary>JSON array of the steps that ran (step, label, passed, detail, code).</summary>
    public required string Steps { get; set; }

    /// <summary>JSON object did, name, ncua_charter, trusted; null when the presentation did not decode.</summary>
    public string? IssuerInfo { get; set; }

    public DateTime VerifiedUtc { get; set; }
}
