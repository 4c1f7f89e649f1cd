using System.Collections.Concurrent;

namespace Zkp.Api.RateLimiting;

/// <summary>
/// In-process fixed-window counters keyed by policy and caller. Limits are therefore per API node;
/// behind a load balancer with N nodes a caller can get up to N times the limit (see docs/operations.md).
/// </summary>
public sealed class FixedWindowCounters(TimeProvider time)
{
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
        var reset = (int)(windowStart + windowSeconds - now);
        return new RateLimitDecision(window.Count <= permitLimit, permitLimit, Math.Max(0, permitLimit - window.Count), Math.Max(1, reset));
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

public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);
