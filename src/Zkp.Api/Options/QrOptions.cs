namespace Zkp.Api.Options;

/// <summary>Section <c>Qr</c>: lifetimes of the QR tokens members share with lenders.</summary>
public sealed class QrOptions
{
    public const string Section = "Qr";

    /// <summary>Lifetime when <c>qr/generate</c> gives no <c>expires_in</c>: 15 minutes.</summary>
    public int DefaultExpiresInSeconds { get; set; } = 900;

    /// <summary>The longest <c>expires_in</c> a member may ask for: 24 hours.</summary>
    public int MaxExpiresInSeconds { get; set; } = 86_400;

    /// <summary>The most credentials one token may bundle.</summary>
    public int MaxCredentialsPerToken { get; set; } = 6;
}

/// <summary>Section <c>Verification</c>: how verify/proof checks Groth16 proofs.</summary>
public sealed class VerificationOptions
{
    public const string Section = "Verification";

    /// <summary>
    /// Check the proofs of concurrent verifications together (group commit, one multi-pairing per batch); the
    /// answers are the ones each proof gets alone. Off: every proof is checked alone on its request's thread.
    /// </summary>
    public bool BatchProofs { get; set; } = true;

    /// <summary>Batches that may run at once; 0 means half the processors, at least one.</summary>
    public int BatchLanes { get; set; }

    /// <summary>Most proofs per batch.</summary>
    public int MaxBatchSize { get; set; } = 32;
}
