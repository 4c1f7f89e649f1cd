namespace Zkp.Api.Model;

/// <summary>
/// A member's holder DID. Created lazily, the first time the member's DID is needed. With custody
/// <c>custodial</c> the platform holds the Ed25519 seed (protected with Data Protection); after the member
/// binds a wallet (<c>wallet</c>) the seed is erased and only the wallet can sign presentations.
/// </summary>
public sealed class MemberKey
{
    public Guid AccountId { get; set; }

    public required string Did { get; set; }

    /// <summary>One of <see cref="HolderKeyCustody"/>.</summary>
    public required string HolderKeyCustody { get; set; }

    /// <summary>Null once a wallet is bound.</summary>
    public string? SeedProtected { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

public static class HolderKeyCustody
{
    public const string Custodial = "custodial";
    public const string Wallet = "wallet";
}
