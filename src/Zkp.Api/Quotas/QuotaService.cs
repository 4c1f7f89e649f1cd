using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Infrastructure;
using Zkp.Api.Options;

namespace Zkp.Api.Quotas;

/// <summary>
/// Monthly verification quotas per organisation. <see cref="TryConsumeAsync"/> is one atomic
/// upsert-with-condition in the database (PostgreSQL and SQLite share the syntax), so concurrent
/// verifications on several API nodes never use more than the plan allows.
/// </summary>
public sealed class QuotaService(ZkpDbContext db, IOptions<PlanOptions> plans, TimeProvider time, QuotaExhaustionMemo exhausted)
{
    public static string MonthKey(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Whole seconds from <paramref name="now"/> until the quotas reset, at the start of the next UTC month (at least 1).</summary>
    public static long SecondsUntilReset(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var nextMonth = new DateTime(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        return Math.Max(1, (long)Math.Ceiling((nextMonth - utc).TotalSeconds));
    }

    /// <summary>Counts one verification against this month's quota; false (and nothing counted) when it is used up.</summary>
    public Task<bool> TryConsumeAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        TryConsumeAsync(organizationId, plan: null, cancellationToken);

    /// <summary>
    /// As <see cref="TryConsumeAsync(Guid, CancellationToken)"/> with the organisation's plan already known, read in
    /// this request (the API-key authentication reads it with the key), so no second query reads it again.
    /// </summary>
    public async Task<bool> TryConsumeAsync(Guid organizationId, string? plan, CancellationToken cancellationToken = default)
    {
        var limit = await MonthlyLimitAsync(organizationId, plan, cancellationToken);
        var month = MonthKey(time.GetUtcNow());
        // A raw statement, not Database.SqlQuery: this runs on every verification (see RawStatement).
        var used = await RawStatement.QueryColumnAsync<int>(db, """
            INSERT INTO quota_usage (organization_id, month_key, used) VALUES (@p0, @p1, 1)
            ON CONFLICT (organization_id, month_key) DO UPDATE SET used = quota_usage.used + 1
            WHERE quota_usage.used < @p2
            RETURNING used
            """, [organizationId, month, limit], cancellationToken);
        if (used.Count == 1 && used[0] <= limit)
        {
            return true;
        }

        exhausted.Add(organizationId, month);
        return false;
    }

    /// <summary>
    /// True when this process saw the organisation's quota run out this month and the count still says so: the
    /// caller can refuse before doing the work. One query, and only for organisations in <see cref="QuotaExhaustionMemo"/>;
    /// for all others no query at all. <see cref="TryConsumeAsync(Guid, string?, CancellationToken)"/> stays the
    /// authority: false here does not promise that the count will succeed.
    /// </summary>
    public async Task<bool> IsKnownExhaustedAsync(Guid organizationId, string? plan, CancellationToken cancellationToken = default)
    {
        var month = MonthKey(time.GetUtcNow());
        if (!exhausted.Contains(organizationId, month))
        {
            return false;
        }

        var limit = await MonthlyLimitAsync(organizationId, plan, cancellationToken);
        if (await UsedAsync(organizationId, month, cancellationToken) >= limit)
        {
            return true;
        }

        exhausted.Remove(organizationId, month);
        return false;
    }

    public async Task<QuotaStatus> GetStatusAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var plan = await PlanOfAsync(organizationId, cancellationToken);
        var month = MonthKey(time.GetUtcNow());
        var used = await UsedAsync(organizationId, month, cancellationToken);
        var quota = plans.Value.For(plan).MonthlyQuota;
        return new QuotaStatus(plan, quota, used, quota is { } q ? Math.Max(0, q - used) : null, month);
    }

    private async Task<int> UsedAsync(Guid organizationId, string month, CancellationToken cancellationToken) =>
        await db.QuotaUsages.AsNoTracking()
            .Where(q => q.OrganizationId == organizationId && q.MonthKey == month)
            .Select(q => (int?)q.Used)
            .SingleOrDefaultAsync(cancellationToken) ?? 0;

    // Unlimited plans count against int.MaxValue, which no month reaches.
    private async Task<int> MonthlyLimitAsync(Guid organizationId, string? plan, CancellationToken cancellationToken) =>
        plans.Value.For(plan ?? await PlanOfAsync(organizationId, cancellationToken)).MonthlyQuota ?? int.MaxValue;

    private async Task<string> PlanOfAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Plan).SingleOrDefaultAsync(cancellationToken)
        ?? throw new InvalidOperationException($"Organization {organizationId} does not exist.");
}

public sealed record QuotaStatus(string Plan, int? MonthlyQuota, int Used, int? Remaining, string MonthKey);
