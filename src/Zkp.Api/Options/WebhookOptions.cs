namespace Zkp.Api.Options;

/// <summary>Section <c>Webhooks</c>: URL policy, dispatcher and retry schedule.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Roughly 24 h in total, after the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 8 h, 8 h (each with jitter),
    /// so eight attempts in all.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultRetrySchedule =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(8), TimeSpan.FromHours(8),
    ];

    /// <summary>
    /// Allows <c>http://</c> to loopback hosts (localhost, 127.0.0.0/8, ::1) and skips the public-address
    /// check. Defaults to true in Development only; production accepts public https endpoints alone.
    /// </summary>
    public bool? AllowDevelopmentUrls { get; set; }

    /// <summary>Run the background dispatcher in this process (every API node may; claims never overlap).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How long the dispatcher sleeps when it found nothing due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows claimed per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Must exceed <see cref="RequestTimeout"/>: a claim older than this is presumed abandoned by a dead node.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delays before each retry; null means <see cref="DefaultRetrySchedule"/>. Attempts = length + 1.</summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    /// <summary>Each delay is multiplied by a uniform factor in [1 - j, 1 + j] so receivers recovering from an outage are not hit in lock-step.</summary>
    public double JitterFraction { get; set; } = 0.2;

    /// <summary>A receiver's <c>Retry-After</c> is honoured up to this long.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A subscription whose attempts have all failed for this long is disabled and its owner emailed.</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(5);

    public IReadOnlyList<TimeSpan> EffectiveRetrySchedule => RetrySchedule ?? DefaultRetrySchedule;
}
