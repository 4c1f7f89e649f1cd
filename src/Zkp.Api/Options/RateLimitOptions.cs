using Microsoft.Extensions.Options;

namespace Zkp.Api.Options;

/// <summary>
/// Section <c>RateLimits</c>: fixed windows per endpoint policy (per user when authenticated,
/// per client IP otherwise). Defaults follow the integration guide's published limits.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where the windows are counted: <c>memory</c> (the default: each API node counts alone, so N nodes allow up to N
    /// times a limit) or <c>database</c> (one upsert per limit and request in the shared database, so the limits hold
    /// across nodes).
    /// </summary>
    public string Store { get; set; } = MemoryStore;

    public const string MemoryStore = "memory";

    public const string DatabaseStore = "database";

    /// <summary>The longest window of any policy, configured or default, in seconds (plan limits use 60).</summary>
    public int LongestWindowSeconds() =>
        RateLimitPolicies.Defaults.Keys.Select(name => Resolve(name).WindowSeconds).Append(60).Max();

    public Dictionary<string, RateLimitRule> Policies { get; set; } = new(StringComparer.Ordinal);

    public RateLimitRule Resolve(string policy) =>
        Policies.TryGetValue(policy, out var rule) ? rule : RateLimitPolicies.Defaults[policy];

    /// <summary>
    /// Problems with the configured policies, empty when they are usable. Checked at start-up, because a
    /// rule without a window (or an unknown policy name, i.e. a typo) would otherwise surface only as a
    /// failed request.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Store is not (MemoryStore or DatabaseStore))
        {
            problems.Add($"RateLimits:Store must be \"{MemoryStore}\" or \"{DatabaseStore}\", not \"{Store}\".");
        }

        foreach (var (name, rule) in Policies)
        {
            if (!RateLimitPolicies.Defaults.ContainsKey(name))
            {
                problems.Add($"RateLimits:Policies:{name} is not a known policy (known: {string.Join(", ", RateLimitPolicies.Defaults.Keys)}).");
            }

            if (rule.PermitLimit < 1)
            {
                problems.Add($"RateLimits:Policies:{name}:PermitLimit must be at least 1.");
            }

            if (rule.WindowSeconds < 1)
            {
                problems.Add($"RateLimits:Policies:{name}:WindowSeconds must be at least 1.");
            }
        }

        return problems;
    }
}

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; }
}

public static class RateLimitPolicies
{
    /// <summary>5/min: register, login, 2FA verify-login, refresh, logout, password-reset confirm, email verify.</summary>
    public const string Auth = "auth";

    /// <summary>3/hour: rotate-key, password-reset request, email resend.</summary>
    public const string Sensitive = "sensitive";

    /// <summary>10/min: 2FA enable, confirm and disable (an authenticated user's own settings).</summary>
    public const string Account = "account";

    /// <summary>30/min: analytics and admin reads.</summary>
    public const string Analytics = "analytics";

    /// <summary>60/min: trust registry reads.</summary>
    public const string TrustRegistry = "trust_registry";
    /// <summary>10/min: webhook create and rotate-secret.</summary>
    public const string WebhookWrites = "webhook_writes";

    /// <summary>30/min: webhook list, delete, deliveries and redeliver.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>10/min: qr/generate (and completing a wallet-signed token).</summary>
    public const string QrGenerate = "qr_generate";

    /// <summary>30/min: verify/token, verify/proof, verify/history, qr/resolve.</summary>
    public const string Verify = "verify";

    public static readonly IReadOnlyDictionary<string, RateLimitRule> Defaults = new Dictionary<string, RateLimitRule>(StringComparer.Ordinal)
    {
        [Auth] = new() { PermitLimit = 5, WindowSeconds = 60 },
        [Sensitive] = new() { PermitLimit = 3, WindowSeconds = 3600 },
        [Account] = new() { PermitLimit = 10, WindowSeconds = 60 },
        [Analytics] = new() { PermitLimit = 30, WindowSeconds = 60 },
        [TrustRegistry] = new() { PermitLimit = 60, WindowSeconds = 60 },
        [WebhookWrites] = new() { PermitLimit = 10, WindowSeconds = 60 },
        [Webhooks] = new() { PermitLimit = 30, WindowSeconds = 60 },
        [QrGenerate] = new() { PermitLimit = 10, WindowSeconds = 60 },
        [Verify] = new() { PermitLimit = 30, WindowSeconds = 60 },
    };
}

/// <summary>Section <c>Plans</c>: monthly verification quotas and API-key request rates.</summary>
public sealed class PlanOptions
{
    public const string Section = "Plans";

    public PlanRule Free { get; set; } = new() { MonthlyQuota = 100, RequestsPerMinute = 10 };

    public PlanRule Standard { get; set; } = new() { MonthlyQuota = 5000, RequestsPerMinute = 60 };

    /// <summary>Unlimited verifications (<see cref="PlanRule.MonthlyQuota"/> null).</summary>
    public PlanRule Enterprise { get; set; } = new() { MonthlyQuota = null, RequestsPerMinute = 300 };

    public PlanRule For(string plan) => plan switch
    {
        Model.Plans.Free => Free,
        Model.Plans.Standard => Standard,
        Model.Plans.Enterprise => Enterprise,
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, "Unknown plan."),
    };
}

public sealed class PlanRule
{
    /// <summary>Null means unlimited.</summary>
    public int? MonthlyQuota { get; set; }

    public int RequestsPerMinute { get; set; }
}
