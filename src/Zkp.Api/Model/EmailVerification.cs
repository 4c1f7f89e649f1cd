namespace Zkp.Api.Model;

public sealed class EmailVerification
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>SHA-256 of the six-digit code, so a pending verification can be found by its code.</summary>
    public required byte[] CodeHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public int FailedAttempts { get; set; }

    public DateTime? ConsumedUtc { get; set; }
}
