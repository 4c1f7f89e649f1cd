using System.Diagnostics.Metrics;

namespace Zkp.Api.Verification;

/// <summary>
/// Counters of the lender verification endpoint, on the meter <see cref="MeterName"/> (read them with
/// <c>dotnet-counters monitor -p PID --counters Zkp.Api.Verification</c> or any OpenTelemetry metrics exporter):
/// <list type="bullet">
/// <item><c>zkp.verification.runs</c>: pipeline runs, tag <c>outcome</c> = <c>verified</c> or <c>failed</c>, and for a
/// failed run <c>failed_step</c> (<c>DECODE</c>, <c>FRESHNESS</c>, <c>ISSUER_AUTH</c>, ...). A run later refused for
/// quota is counted here too: its work was done.</item>
/// <item><c>zkp.verification.quota_refusals</c>: 429 <c>quota_exceeded</c> answers, tag <c>stage</c> =
/// <c>before_run</c> (refused without running the pipeline) or <c>after_run</c> (the run was rolled back).</item>
/// </list>
/// No tag carries an organisation or a token: the counters are for capacity, not for auditing (the
/// <c>verifications</c> table is the audit trail).
/// </summary>
public sealed class VerificationMetrics
{
    public const string MeterName = "Zkp.Api.Verification";

    private readonly Counter<long> _runs;
    private readonly Counter<long> _quotaRefusals;

    public VerificationMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>("zkp.verification.runs", unit: "{run}", description: "Verifier pipeline runs.");
        _quotaRefusals = meter.CreateCounter<long>("zkp.verification.quota_refusals", unit: "{request}", description: "Verifications refused for quota.");
    }

    public void Run(string? failedStep)
    {
        if (failedStep is null)
        {
            _runs.Add(1, new KeyValuePair<string, object?>("outcome", "verified"));
        }
        else
        {
            _runs.Add(1, new KeyValuePair<string, object?>("outcome", "failed"), new KeyValuePair<string, object?>("failed_step", failedStep));
        }
    }

    public void QuotaRefused(bool beforeRun) => _quotaRefusals.Add(1, new KeyValuePair<string, object?>("stage", beforeRun ? "before_run" : "after_run"));
}
