using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Zkp.Api.Infrastructure;
using Zkp.Api.Options;
using Zkp.Api.Security;

namespace Zkp.Api.RateLimiting;

/// <summary>
/// Fixed-window counters in the database (<c>RateLimits:Store = database</c>), so that every API node counts against
/// the same windows and a limit holds across a load balancer. Each request is one atomic upsert on the request's own
/// pooled context (outside any transaction): the row of (keyed hash of the key, window start) gets one more, and the
/// count it returns decides. The key is stored only as an HMAC-SHA256 under a key derived from the JWT signing key
/// (which every node shares): a plain hash of "ip:" and an IPv4 address could be reversed by trying all 2^32, this
/// cannot without the key, so neither user ids nor client IPs can be read from the table. About once a minute per
/// node, one request also deletes windows that ended (by the indexed window start).
/// </summary>
public sealed class DatabaseWindowCounters(TimeProvider time, IOptionsMonitor<RateLimitOptions> options, JwtSigningKey signingKey) : IRateLimitCounters
{
    public const string KeyPurpose = "Zkp.Api.RateLimits.KeyHash.v1";

    private readonly byte[] _hmacKey = signingKey.DeriveKey(KeyPurpose);
    private long _lastSweepSecond;

    public async ValueTask<RateLimitDecision> AcquireAsync(HttpContext context, string key, int permitLimit, int windowSeconds)
    {
        ArgumentNullException.ThrowIfNull(context);
        var db = context.RequestServices.GetRequiredService<ZkpDbContext>();
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var windowStart = now - (now % windowSeconds);
        await SweepEndedWindowsAsync(db, now);
        // Not the request's cancellation (here and in the sweep): a client that goes away must not leave a statement
        // cancelled halfway on the pooled connection it shares with the rest of the request.
        var count = await RawStatement.QueryColumnAsync<int>(db, """
            INSERT INTO rate_limit_windows (key_hash, window_start, window_seconds, count) VALUES (@p0, @p1, @p2, 1)
            ON CONFLICT (key_hash, window_start) DO UPDATE SET count = rate_limit_windows.count + 1
            RETURNING count
            """, [HMACSHA256.HashData(_hmacKey, Encoding.UTF8.GetBytes(key)), windowStart, windowSeconds], CancellationToken.None);
        return RateLimitDecision.For(count.Single(), permitLimit, windowStart, windowSeconds, now);
    }

    private async Task SweepEndedWindowsAsync(ZkpDbContext db, long now)
    {
        var last = Interlocked.Read(ref _lastSweepSecond);
        if (now - last < 60 || Interlocked.CompareExchange(ref _lastSweepSecond, now, last) != last)
        {
            return;
        }

        // A window that opened a whole longest window ago has ended, whatever its own length.
        var cutoff = now - options.CurrentValue.LongestWindowSeconds();
        await RawStatement.QueryColumnAsync<int>(db, "DELETE FROM rate_limit_windows WHERE window_start < @p0 RETURNING 1", [cutoff], CancellationToken.None);
    }
}
