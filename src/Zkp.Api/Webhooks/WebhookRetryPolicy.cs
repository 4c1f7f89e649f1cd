using System.Net;
using Zkp.Api.Options;

namespace Zkp.Api.Webhooks;

/// <summary>What one attempt's outcome means for the delivery: done, retry at a time, or give up.</summary>
public static class WebhookRetryPolicy
{
    /// <summary>Timeouts, connection errors, 408, 429 and 5xx are worth retrying; every other non-2xx is the receiver's final answer.</summary>
    public static bool IsRetryable(int? statusCode) =>
        statusCode is null or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;

    /// <summary>
    /// When the next attempt is due after <paramref name="attemptsMade"/> attempts, or null when the schedule is
    /// exhausted. The scheduled delay is jittered by a factor drawn from [1 - j, 1 + j] (<paramref name="unitRandom"/>
    /// in [0, 1)), and a longer <c>Retry-After</c> wins, up to <see cref="WebhookOptions.MaxRetryAfter"/>.
    /// </summary>
    public static DateTime? NextAttemptUtc(WebhookOptions options, int attemptsMade, DateTime nowUtc, TimeSpan? retryAfter, double unitRandom)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        var schedule = options.EffectiveRetrySchedule;
        if (attemptsMade > schedule.Count)
        {
            return null;
        }

        var factor = 1 + (options.JitterFraction * ((2 * unitRandom) - 1));
        var delay = schedule[attemptsMade - 1] * factor;
        if (retryAfter is { } requested && requested > delay)
        {
            delay = requested < options.MaxRetryAfter ? requested : options.MaxRetryAfter;
        }

        return nowUtc + delay;
    }

    /// <summary>The <c>Retry-After</c> of a response as a delay: delta-seconds or an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date && date > now ? date - now : null;
    }
}
