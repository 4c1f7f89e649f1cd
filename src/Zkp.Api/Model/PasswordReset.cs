namespace Zkp.Api.Model;

public sealed class PasswordReset
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public required byte[] TokenHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? ConsumedUtc { get; set; }
}
