namespace Zkp.Api.Model;

public sealed class ApiKey
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>SHA-256 of the whole key string; the key itself is never stored.</summary>
    public required byte[] KeyHash { get; set; }

    /// <summary>Non-secret start of the key (scheme prefix and four characters) to tell keys apart in listings.</summary>
    public required string DisplayPrefix { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Null while the key is current; set at rotation (now, or now plus the grace period).</summary>
    public DateTime? ExpiresUtc { get; set; }
}
