namespace Zkp.Api.RateLimiting;

/// <summary>Fixed-window counters: one more request for <paramref name="key"/> in the current window, and the verdict.</summary>
public interface IRateLimitCounters
{
    ValueTask<RateLimitDecision> AcquireAsync(HttpContext context, string key, int permitLimit, int windowSeconds);
}

public readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds)
{
    /// <summary>The verdict for the <paramref name="count"/>-th request of the window that opened at <paramref name="windowStart"/>.</summary>
    public static RateLimitDecision For(int count, int permitLimit, long windowStart, int windowSeconds, long now) =>
        new(count <= permitLimit, permitLimit, Math.Max(0, permitLimit - count), (int)Math.Max(1, windowStart + windowSeconds - now));
}
