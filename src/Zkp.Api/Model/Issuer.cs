namespace Zkp.Api.Model;

/// <summary>
/// A credit union that signs credentials. Its id is also the id of its <see cref="Organization"/> row, so
/// issuer admins (accounts with that organisation id) and issuer API keys reuse the account and key machinery.
/// </summary>
public sealed class Issuer
{
    public Guid Id { get; set; }

    /// <summary>The Ed25519 <c>did:key</c> of <see cref="PublicKey"/>.</summary>
    public required string Did { get; set; }

    public required string Name { get; set; }

    public required string NcuaCharter { get; set; }

    /// <summary>One of <see cref="IssuerStatuses"/>.</summary>
    public required string Status { get; set; }

    public required byte[] PublicKey { get; set; }

    /// <summary>The 32-byte Ed25519 seed, protected with Data Protection (purpose <c>Security.KeyVault.IssuerSigningKeyPurpose</c>); never returned.</summary>
    public required string SigningSeedProtected { get; set; }

    public DateTime CreatedUtc { get; set; }
}

public static class IssuerStatuses
{
    public const string Active = "active";
    public const string Suspended = "suspended";
    public const string Revoked = "revoked";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Active, Suspended, Revoked };
}
