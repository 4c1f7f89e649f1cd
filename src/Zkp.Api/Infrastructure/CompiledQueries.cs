using Microsoft.EntityFrameworkCore;
using Zkp.Credentials.Verification;

namespace Zkp.Api.Infrastructure;

/// <summary>
/// The reads every verification request makes, compiled once. A LINQ query is otherwise rebuilt as an expression
/// tree and looked up in EF Core's query cache on every call; profiling verify/proof under load showed EF Core's own
/// work as the largest share of a request's CPU, ahead of the pairing.
/// </summary>
/// <remarks>
/// One instance per application (a singleton), not static: a compiled query binds to the model of the first context
/// it runs with and refuses any other, and one test process hosts applications on PostgreSQL and SQLite.
/// Each query's result is exactly what the LINQ query it replaced returned; nothing is cached between calls.
/// </remarks>
public sealed class CompiledQueries
{
    /// <summary>The API key with this hash, its organisation's plan, and whether that organisation is an issuer.</summary>
    public Func<ZkpDbContext, byte[], CancellationToken, Task<ApiKeyRow?>> ApiKeyByHash { get; } =
        EF.CompileAsyncQuery((ZkpDbContext db, byte[] hash, CancellationToken _) => db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash)
            .Join(
                db.Organizations,
                k => k.OrganizationId,
                o => o.Id,
                (k, o) => new ApiKeyRow(k.Id, k.KeyHash, k.ExpiresUtc, k.OrganizationId, o.Plan, db.Issuers.Any(i => i.Id == o.Id)))
            .SingleOrDefault());

    /// <summary>The QR token with this hash (untracked).</summary>
    public Func<ZkpDbContext, byte[], CancellationToken, Task<Model.QrToken?>> QrTokenByHash { get; } =
        EF.CompileAsyncQuery((ZkpDbContext db, byte[] hash, CancellationToken _) => db.QrTokens.AsNoTracking().SingleOrDefault(q => q.TokenHash == hash));

    /// <summary>Every issuer with its current status.</summary>
    public Func<ZkpDbContext, IAsyncEnumerable<TrustedIssuer>> TrustedIssuers { get; } =
        EF.CompileAsyncQuery((ZkpDbContext db) => db.Issuers.AsNoTracking().Select(i => new TrustedIssuer(i.Did, i.Name, i.NcuaCharter, i.Status)));

    /// <summary>The current bits and last-change time of the status lists with these ids.</summary>
    public Func<ZkpDbContext, Guid[], IAsyncEnumerable<StatusListVersion>> StatusListVersions { get; } =
        EF.CompileAsyncQuery((ZkpDbContext db, Guid[] ids) => db.StatusLists.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new StatusListVersion(s.Id, s.UpdatedUtc, s.Bits)));

    /// <summary>The organisation's active webhook subscriptions and their comma-separated events.</summary>
    public Func<ZkpDbContext, Guid, IAsyncEnumerable<ActiveSubscription>> ActiveSubscriptions { get; } =
        EF.CompileAsyncQuery((ZkpDbContext db, Guid organizationId) => db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.OrganizationId == organizationId && s.IsActive)
            .Select(s => new ActiveSubscription(s.Id, s.Events)));

    /// <summary>Reads a compiled sequence query to the end.</summary>
    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }
}

public sealed record ApiKeyRow(Guid Id, byte[] KeyHash, DateTime? ExpiresUtc, Guid OrganizationId, string Plan, bool IsIssuer);

public sealed record StatusListVersion(Guid Id, DateTime UpdatedUtc, byte[] Bits);

public sealed record ActiveSubscription(Guid Id, string Events);
