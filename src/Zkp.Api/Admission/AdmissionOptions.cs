using Microsoft.Extensions.Options;

namespace Zkp.Api.Admission;

/// <summary>
/// Section <c>Admission</c>: how many verification requests (verify/proof, verify/token, qr/resolve) run at once in
/// this process, and how many wait for a place, first come first served. A request beyond both gets 503
/// <c>server_busy</c> with <c>Retry-After</c> and runs nothing.
/// </summary>
/// <remarks>
/// Why: without a bound every request competes at once for the thread pool, the proof batcher, the connection pool
/// and PostgreSQL, and the unlucky ones wait several times the mean. With a bound the work in flight stays near what
/// saturates the cores and the rest wait in arrival order, so the tail stays close to the mean. The bound must leave
/// room for the proof batcher, which only forms batches from requests that are in flight together.
/// </remarks>
public sealed class AdmissionOptions
{
    public const string Section = "Admission";

    /// <summary>Off: verification requests are admitted without a bound (the behaviour before admission existed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Verification requests running at once. 16 on two cores, from quiet runs of the load (docs/benchmarks.md,
    /// "Fifth session: REST load"): p99 91.6-94.5 ms at 502-514/s, against 102-105 ms with 24, 96 ms with 12,
    /// 118-121 ms with 32 or no limit, and 8 starving the proof batcher (368/s).
    /// </summary>
    public int VerificationPermitLimit { get; set; } = 16;

    /// <summary>Verification requests waiting for a place, oldest first; the next one is refused with 503.</summary>
    public int VerificationQueueLimit { get; set; } = 256;
}

public sealed class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.VerificationPermitLimit < 1)
        {
            problems.Add("Admission:VerificationPermitLimit must be at least 1.");
        }

        if (options.VerificationQueueLimit < 0)
        {
            problems.Add("Admission:VerificationQueueLimit must be at least 0.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
