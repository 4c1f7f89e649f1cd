namespace Zkp.Api.Model;

/// <summary>
/// One fixed rate-limit window of one caller on one endpoint, when the counters live in the database
/// (<c>RateLimits:Store = database</c>). Written only by raw upserts (see DatabaseWindowCounters); mapped so that the
/// schema and the model are checked against each other.
/// </summary>
public sealed class RateLimitWindow
{
    /// <summary>HMAC-SHA256 of the counter's key (policy, route and caller) under a key derived from the JWT signing key.</summary>
    public required byte[] KeyHash { get; set; }

    /// <summary>Unix seconds at which the window opened (a multiple of <see cref="WindowSeconds"/>).</summary>
    public long WindowStart { get; set; }

    public int WindowSeconds { get; set; }

    public int Count { get; set; }
}
