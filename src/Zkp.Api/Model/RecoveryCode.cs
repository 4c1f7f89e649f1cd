namespace Zkp.Api.Model;

public sealed class RecoveryCode
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public required byte[] CodeHash { get; set; }

    public DateTime? UsedUtc { get; set; }
}
