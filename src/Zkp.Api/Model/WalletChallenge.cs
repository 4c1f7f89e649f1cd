namespace Zkp.Api.Model;

/// <summary>A single-use, short-lived nonce a wallet signs to prove it controls the DID it registers.</summary>
public sealed class WalletChallenge
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>SHA-256 of the challenge string.</summary>
    public required byte[] ChallengeHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    /// <summary>Set by the first attempt to use it, successful or not.</summary>
    public DateTime? ConsumedUtc { get; set; }
}
