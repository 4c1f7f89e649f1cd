namespace Zkp.Api.Options;

/// <summary>Section <c>Registry</c>: issuers, member DIDs and status lists.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>The public origin external verifiers reach; status list credential ids are built from it, so it is signed into them.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public int WalletChallengeSeconds { get; set; } = 300;

    /// <summary>Cache-Control max-age of <c>GET /status-lists/{id}</c>: how late a verifier may see a revocation.</summary>
    public int StatusListMaxAgeSeconds { get; set; } = 300;
}

/// <summary>Section <c>Admin</c>: the platform admin created (once) at start-up.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
