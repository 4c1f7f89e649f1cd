namespace Zkp.Api.Model;

public sealed class RefreshToken
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>All tokens descending from one login share a family; reuse of a rotated one revokes it whole.</summary>
    public Guid FamilyId { get; set; }

    public required byte[] TokenHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    /// <summary>Set when this token was exchanged for its successor.</summary>
    public DateTime? ConsumedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}
