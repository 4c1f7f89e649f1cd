using Microsoft.Extensions.Options;
using Zkp.Api.Options;

namespace Zkp.Api.Webhooks;

/// <summary>Refuses to start with settings under which the dispatcher would misbehave rather than fail loudly.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.LeaseDuration <= options.RequestTimeout)
        {
            // Otherwise a slow but live attempt loses its lease and a second node sends the same delivery concurrently.
            failures.Add("Webhooks:LeaseDuration must be longer than Webhooks:RequestTimeout.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Webhooks:RequestTimeout and Webhooks:PollInterval must be positive.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            failures.Add("Webhooks:BatchSize must be between 1 and 1000.");
        }

        if (options.JitterFraction is < 0 or >= 1 || double.IsNaN(options.JitterFraction))
        {
            failures.Add("Webhooks:JitterFraction must be at least 0 and below 1.");
        }

        if (options.EffectiveRetrySchedule.Any(delay => delay < TimeSpan.Zero))
        {
            failures.Add("Webhooks:RetrySchedule delays must not be negative.");
        }

        if (options.DisableAfterFailingFor <= TimeSpan.Zero || options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("Webhooks:DisableAfterFailingFor must be positive and Webhooks:MaxRetryAfter not negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
