using System.Collections.Concurrent;

namespace Zkp.Api.RateLimiting;

/// <summary>
/// In-process fixed-window counters keyed by policy and caller (<c>RateLimits:Store = memory</c>, the default). Limits
/// are therefore per API node: behind a load balancer with N nodes a caller can get up to N times the limit, unless
/// the nodes share <see cref="DatabaseWindowCounters"/> (see docs/operations.md).
/// </summary>
public sealed class FixedWindowCounters(TimeProvider time) : IRateLimitCounters
{
    public ValueTask<RateLimitDecision> AcquireAsync(HttpContext context, string key, int permitLimit, int windowSeconds) =>
        ValueTask.FromResult(Acquire(key, permitLimit, windowSeconds));

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private long _lastSweepSecond;

    public RateLimitDecision Acquire(string key, int permitLimit, int windowSeconds)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var windowStart = now - (now % windowSeconds);
        SweepExpired(now);
        var window = _windows.AddOrUpdate(
            key,
            _ => new Window(windowStart, windowSeconds, 1),
            (_, existing) => existing.Start == windowStart ? existing with { Count = existing.Count + 1 } : new Window(windowStart, windowSeconds, 1));
        return RateLimitDecision.For(window.Count, permitLimit, windowStart, windowSeconds, now);
    }

    private void SweepExpired(long now)
    {
        var last = Interlocked.Read(ref _lastSweepSecond);
        if (now - last < 60 || Interlocked.CompareExchange(ref _lastSweepSecond, now, last) != last)
        {
            return;
        }

        foreach (var entry in _windows)
        {
            if (entry.Value.Start + entry.Value.Seconds <= now)
            {
                _windows.TryRemove(entry);
            }
        }
    }

    private sealed record Window(long Start, int Seconds, int Count);
}
