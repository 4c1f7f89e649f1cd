namespace Zkp.Api.Model;

/// <summary>
/// A presentation challenge the verifier pipeline has accepted, with the token it was accepted for. The primary
/// key (domain, challenge) makes consumption one insert that every API process sees.
/// </summary>
public sealed class UsedChallenge
{
    public required string Domain { get; set; }

    public required string Challenge { get; set; }

    /// <summary>SHA-256 of the QR token whose presentation carried the challenge.</summary>
    public required byte[] TokenHash { get; set; }

    public DateTime UsedUtc { get; set; }
}
