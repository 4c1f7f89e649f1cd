using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Apis;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Options;

namespace Zkp.Api.Credentials;

/// <summary>
/// Runs queued issuance jobs. Each round claims a batch under this instance's lease: on PostgreSQL with
/// <c>SELECT ... FOR UPDATE SKIP LOCKED</c> in one transaction, so any number of API nodes share the queue and never
/// hold the same job; on SQLite (one process) with a conditional update per job. A job whose lease expired (its node
/// died mid-job) is claimable again. The job's <c>succeeded</c> state is written in the transaction that stores its
/// credential, and only while this worker still holds the lease, so a job yields at most one credential.
/// </summary>
public sealed partial class IssuanceWorker(
    IServiceScopeFactory scopes, IOptions<CredentialOptions> options, TimeProvider time, IMeterFactory meterFactory, ILogger<IssuanceWorker> logger)
    : PollingWorker(logger)
{
    private const int BatchSize = 4;

    internal static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Identifies this process's claims (<c>lease_owner</c>).</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>The meter of <c>zkp.issuance.jobs</c> (docs/operations.md, "Metrics").</summary>
    public const string MeterName = "Zkp.Api.Issuance";

    private readonly Counter<long> _jobs = meterFactory.Create(MeterName).CreateCounter<long>(
        "zkp.issuance.jobs", unit: "{job}", description: "Queued issuance jobs this node finished, by result.");

    protected override bool Enabled => options.Value.WorkerEnabled;

    protected override TimeSpan PollInterval => options.Value.PollInterval;

    internal override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await ClaimAsync(cancellationToken);
        foreach (var job in batch)
        {
            await RunAsync(job, cancellationToken);
        }

        return batch.Count;
    }

    private async Task<List<IssuanceJob>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZkpDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + options.Value.LeaseDuration;
        var owner = InstanceId;

        if (db.Database.IsNpgsql())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.IssuanceJobs.FromSql(
                    $"""
                    SELECT * FROM issuance_jobs
                    WHERE status = 'queued' OR (status = 'running' AND lease_expires_utc <= {now})
                    ORDER BY created_utc
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            if (rows.Count > 0)
            {
                var ids = rows.Select(r => r.Id).ToList();
                await db.IssuanceJobs.Where(j => ids.Contains(j.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, IssuanceJobStatuses.Running)
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseExpiresUtc, leaseUntil)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.StartedUtc, now), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return rows;
        }

        // SQLite serves one process: a job is ours when the conditional update still finds it claimable.
        var candidates = await db.IssuanceJobs.AsNoTracking()
            .Where(j => j.Status == IssuanceJobStatuses.Queued || (j.Status == IssuanceJobStatuses.Running && j.LeaseExpiresUtc <= now))
            .OrderBy(j => j.CreatedUtc)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var claimed = new List<IssuanceJob>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var updated = await db.IssuanceJobs
                .Where(j => j.Id == candidate.Id && (j.Status == IssuanceJobStatuses.Queued || (j.Status == IssuanceJobStatuses.Running && j.LeaseExpiresUtc <= now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, IssuanceJobStatuses.Running)
                    .SetProperty(j => j.LeaseOwner, owner)
                    .SetProperty(j => j.LeaseExpiresUtc, leaseUntil)
                    .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                    .SetProperty(j => j.StartedUtc, now), cancellationToken);
            if (updated == 1)
            {
                claimed.Add(candidate);
            }
        }

        return claimed;
    }

    private async Task RunAsync(IssuanceJob job, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZkpDbContext>();
        var owner = InstanceId;

        // The claim above counted this attempt; a job whose workers keep dying is failed rather than retried forever.
        if (job.Attempts + 1 > options.Value.MaxAttempts)
        {
            await FinishAsync(db, job.Id, IssuanceJobStatuses.Failed, null, ProblemCodes.InternalError,
                "Issuance was interrupted too many times; please request the credential again.", cancellationToken);
            return;
        }

        var request = JsonSerializer.Deserialize<QueuedIssuance>(job.RequestJson, RequestJson)!;
        var issuance = scope.ServiceProvider.GetRequiredService<CredentialIssuanceService>();
        try
        {
            await issuance.IssueForJobAsync(job.MemberAccountId, request.ClaimType, request.Threshold, request.UpperBound,
                credentialId => CompleteInTransactionAsync(db, job.Id, credentialId, cancellationToken), cancellationToken);
            _jobs.Add(1, new KeyValuePair<string, object?>("result", "succeeded"));
        }
        catch (CredentialIssuanceException refused)
        {
            await FinishAsync(db, job.Id, IssuanceJobStatuses.Failed, null, refused.Code, refused.Message, cancellationToken);
        }
        catch (IssuanceLeaseLostException)
        {
            LogLeaseLost(logger, job.Id);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-job: hand it back now rather than after the lease expires.
            await db.IssuanceJobs.Where(j => j.Id == job.Id && j.LeaseOwner == owner && j.Status == IssuanceJobStatuses.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, IssuanceJobStatuses.Queued).SetProperty(j => j.LeaseExpiresUtc, (DateTime?)null), CancellationToken.None);
            throw;
        }
    }

    // Runs inside the issuing transaction: the credential commits only with the job's success, and only under our lease.
    private async Task<bool> CompleteInTransactionAsync(ZkpDbContext db, Guid jobId, Guid credentialId, CancellationToken cancellationToken)
    {
        var owner = InstanceId;
        var now = time.GetUtcNow().UtcDateTime;
        return await db.IssuanceJobs
            .Where(j => j.Id == jobId && j.LeaseOwner == owner && j.Status == IssuanceJobStatuses.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, IssuanceJobStatuses.Succeeded)
                .SetProperty(j => j.CredentialId, credentialId)
                .SetProperty(j => j.LeaseExpiresUtc, (DateTime?)null)
                .SetProperty(j => j.CompletedUtc, now), cancellationToken) == 1;
    }

    private async Task FinishAsync(ZkpDbContext db, Guid jobId, string status, Guid? credentialId, string? code, string? detail, CancellationToken cancellationToken)
    {
        var owner = InstanceId;
        var now = time.GetUtcNow().UtcDateTime;
        var reason = detail is { Length: > 500 } ? detail[..500] : detail;
        var finished = await db.IssuanceJobs
            .Where(j => j.Id == jobId && j.LeaseOwner == owner && j.Status == IssuanceJobStatuses.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.CredentialId, credentialId)
                .SetProperty(j => j.FailureCode, code)
                .SetProperty(j => j.FailureDetail, reason)
                .SetProperty(j => j.LeaseExpiresUtc, (DateTime?)null)
                .SetProperty(j => j.CompletedUtc, now), cancellationToken);
        if (finished == 1)
        {
            _jobs.Add(1, new KeyValuePair<string, object?>("result", status), new KeyValuePair<string, object?>("code", code));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the lease on issuance job {JobId}; another worker runs it")]
    private static partial void LogLeaseLost(ILogger logger, Guid jobId);
}

/// <summary>The request stored with a queued job (<c>issuance_jobs.request_json</c>), already checked against the catalogue.</summary>
public sealed record QueuedIssuance(string ClaimType, ulong? Threshold, ulong? UpperBound);
