using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Email;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Options;

namespace Zkp.Api.Webhooks;

/// <summary>
/// Delivers due outbox rows. Each round claims a batch by marking it <c>in_flight</c> under this
/// instance's lease: on PostgreSQL with <c>SELECT ... FOR UPDATE SKIP LOCKED</c> in one transaction, so
/// any number of API nodes share the outbox and never hold the same row; on SQLite (one process) with
/// a conditional update per row. A lease that expires (its node died mid-attempt) makes the row
/// claimable again, so delivery is at-least-once; receivers deduplicate on <c>delivery_id</c>.
/// </summary>
public sealed partial class WebhookDispatcher : PollingWorker
{
    public const string ProtectorPurpose = "Zkp.Webhooks.Secret.v1";

    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _time;
    private readonly IDataProtector _protector;
    private readonly IEmailSender _email;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly HttpClient _http;
    private readonly Counter<long> _attempts;

    /// <summary>The meter of <c>zkp.webhooks.attempts</c> (docs/operations.md, "Metrics").</summary>
    public const string MeterName = "Zkp.Api.Webhooks";

    public WebhookDispatcher(IServiceScopeFactory scopes, IOptions<WebhookOptions> options, WebhookUrlPolicy urls, TimeProvider time,
        IDataProtectionProvider dataProtection, IEmailSender email, IMeterFactory meterFactory, ILogger<WebhookDispatcher> logger)
        : base(logger)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _attempts = meterFactory.Create(MeterName).CreateCounter<long>(
            "zkp.webhooks.attempts", unit: "{attempt}", description: "Webhook delivery attempts by what they left the delivery as.");
        _scopes = scopes;
        _options = options;
        _time = time;
        _protector = dataProtection.CreateProtector(ProtectorPurpose);
        _email = email;
        _logger = logger;

        // No proxy (it would connect on our behalf, bypassing the address check), no redirects (a 3xx
        // could point anywhere), no cookies; connections are made only by the policy's pinned connect.
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = urls.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Zkp-Webhooks", "1.0"));
    }

    /// <summary>Identifies this process's claims (<c>lease_owner</c>).</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override bool Enabled => _options.Value.DispatcherEnabled;

    protected override TimeSpan PollInterval => _options.Value.PollInterval;

    /// <summary>Claims one batch and attempts each delivery in it; returns how many were claimed.</summary>
    internal override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await ClaimAsync(cancellationToken);
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (delivery, token) => await AttemptAsync(delivery, token));
        return batch.Count;
    }

    private async Task<List<WebhookDelivery>> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZkpDbContext>();
        var options = _options.Value;
        var now = _time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + options.LeaseDuration;
        var owner = InstanceId;

        if (db.Database.IsNpgsql())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await db.WebhookDeliveries.FromSql(
                    $"""
                    SELECT * FROM webhook_deliveries
                    WHERE (status = 'pending' AND next_attempt_utc <= {now}) OR (status = 'in_flight' AND lease_expires_utc <= {now})
                    ORDER BY next_attempt_utc
                    LIMIT {options.BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            if (rows.Count > 0)
            {
                var ids = rows.Select(r => r.Id).ToList();
                await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, WebhookDeliveryStatus.InFlight)
                    .SetProperty(d => d.LeaseOwner, owner)
                    .SetProperty(d => d.LeaseExpiresUtc, leaseUntil), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return rows;
        }

        // SQLite serves one process: a row is ours when the conditional update still finds it claimable.
        var candidates = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => (d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptUtc <= now)
                || (d.Status == WebhookDeliveryStatus.InFlight && d.LeaseExpiresUtc <= now))
            .OrderBy(d => d.NextAttemptUtc)
            .Take(options.BatchSize)
            .ToListAsync(cancellationToken);
        var claimed = new List<WebhookDelivery>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var updated = await db.WebhookDeliveries
                .Where(d => d.Id == candidate.Id && ((d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptUtc <= now)
                    || (d.Status == WebhookDeliveryStatus.InFlight && d.LeaseExpiresUtc <= now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, WebhookDeliveryStatus.InFlight)
                    .SetProperty(d => d.LeaseOwner, owner)
                    .SetProperty(d => d.LeaseExpiresUtc, leaseUntil), cancellationToken);
            if (updated == 1)
            {
                claimed.Add(candidate);
            }
        }

        return claimed;
    }

    private async Task AttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZkpDbContext>();
        var options = _options.Value;
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == delivery.SubscriptionId, cancellationToken);
        if (subscription is null || !subscription.IsActive)
        {
            await CompleteAsync(db, delivery, new AttemptOutcome(null, "The subscription is disabled.", Retryable: false, null), countAttempt: false, cancellationToken);
            return;
        }

        AttemptOutcome outcome;
        try
        {
            outcome = await SendAsync(subscription, delivery, options, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down mid-attempt: hand the row back now rather than after the lease expires.
            await ReleaseAsync(db, delivery.Id);
            throw;
        }

        await CompleteAsync(db, delivery, outcome, countAttempt: true, cancellationToken);
        await UpdateSubscriptionHealthAsync(db, subscription, outcome.Succeeded, cancellationToken);
    }

    private async Task<AttemptOutcome> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery, WebhookOptions options, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = _protector.Unprotect(subscription.SecretProtected);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The Data Protection key ring lost the key (e.g. keys directory not persisted); retry in case it comes back.
            return new AttemptOutcome(null, "The signing secret cannot be decrypted with this node's Data Protection keys.", Retryable: true, null);
        }

        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in WebhookSigner.Headers(secret, delivery.Id.ToString(), _time.GetUtcNow(), body))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new AttemptOutcome(status, null, Retryable: false, null);
            }

            var error = status is >= 300 and < 400 ? $"HTTP {status} (redirects are not followed)." : $"HTTP {status}.";
            return new AttemptOutcome(status, error, WebhookRetryPolicy.IsRetryable(status), WebhookRetryPolicy.RetryAfter(response, _time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(null, $"Timed out after {options.RequestTimeout.TotalSeconds:0.#} s.", Retryable: true, null);
        }
        catch (HttpRequestException exception) when (FindRefusal(exception) is { } refusal)
        {
            return new AttemptOutcome(null, refusal.Message, Retryable: false, null);
        }
        catch (HttpRequestException exception)
        {
            return new AttemptOutcome(null, $"Connection failed ({exception.HttpRequestError}).", Retryable: true, null);
        }
    }

    private async Task CompleteAsync(ZkpDbContext db, WebhookDelivery delivery, AttemptOutcome outcome, bool countAttempt, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + (countAttempt ? 1 : 0);
        DateTime? next = outcome.Retryable
            ? WebhookRetryPolicy.NextAttemptUtc(_options.Value, attempts, now, outcome.RetryAfter, Random.Shared.NextDouble())
            : null;
        var status = outcome.Succeeded ? WebhookDeliveryStatus.Succeeded : next is null ? WebhookDeliveryStatus.Failed : WebhookDeliveryStatus.Pending;
        var nextAttempt = next ?? delivery.NextAttemptUtc;
        DateTime? completed = next is null ? now : null;
        DateTime? lastAttempt = countAttempt ? now : delivery.LastAttemptUtc;
        var error = outcome.Error is { Length: > 500 } longError ? longError[..500] : outcome.Error;
        var owner = InstanceId;

        // Only while our lease holds: if it lapsed and another node took the row, its result is the one that counts.
        var recorded = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.LeaseOwner == owner && d.Status == WebhookDeliveryStatus.InFlight)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.NextAttemptUtc, nextAttempt)
                .SetProperty(d => d.LeaseExpiresUtc, (DateTime?)null)
                .SetProperty(d => d.LastAttemptUtc, lastAttempt)
                .SetProperty(d => d.LastResponseCode, outcome.StatusCode)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.CompletedUtc, completed), cancellationToken);
        if (countAttempt && recorded == 1)
        {
            _attempts.Add(1, new KeyValuePair<string, object?>("result", status switch
            {
                WebhookDeliveryStatus.Succeeded => "succeeded",
                WebhookDeliveryStatus.Pending => "will_retry",
                _ => "failed",
            }));
        }
    }

    private async Task ReleaseAsync(ZkpDbContext db, Guid deliveryId)
    {
        var owner = InstanceId;
        try
        {
            await db.WebhookDeliveries
                .Where(d => d.Id == deliveryId && d.LeaseOwner == owner && d.Status == WebhookDeliveryStatus.InFlight)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, WebhookDeliveryStatus.Pending)
                    .SetProperty(d => d.LeaseExpiresUtc, (DateTime?)null), CancellationToken.None);
        }
#pragma warning disable CA1031 // Best effort during shutdown; the lease expiry covers a failure here.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogReleaseFailed(_logger, exception);
        }
    }

    private async Task UpdateSubscriptionHealthAsync(ZkpDbContext db, WebhookSubscription subscription, bool succeeded, CancellationToken cancellationToken)
    {
        if (succeeded)
        {
            await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.FailingSinceUtc != null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.FailingSinceUtc, (DateTime?)null), cancellationToken);
            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.FailingSinceUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.FailingSinceUtc, now), cancellationToken);

        var period = _options.Value.DisableAfterFailingFor;
        var threshold = now - period;
        var reason = $"Every delivery attempt failed for {period.TotalHours:0.#} hours.";
        var disabled = await db.WebhookSubscriptions
            .Where(s => s.Id == subscription.Id && s.IsActive && s.FailingSinceUtc <= threshold)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.IsActive, false)
                .SetProperty(x => x.DisabledUtc, now)
                .SetProperty(x => x.DisabledReason, reason), cancellationToken);
        if (disabled == 0)
        {
            return;
        }

        await db.WebhookDeliveries
            .Where(d => d.SubscriptionId == subscription.Id && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Failed)
                .SetProperty(d => d.LastError, "The subscription was disabled.")
                .SetProperty(d => d.CompletedUtc, now), cancellationToken);
        LogDisabled(_logger, subscription.Id);

        var owners = await db.Accounts.AsNoTracking()
            .Where(a => a.OrganizationId == subscription.OrganizationId && a.Role == Roles.Lender)
            .Select(a => a.Email)
            .ToListAsync(cancellationToken);
        foreach (var owner in owners)
        {
            await _email.SendAsync(owner, "Webhook endpoint disabled",
                $$"""
                Your webhook subscription {{subscription.Id}} to {{subscription.Url}} has been disabled.
                {{reason}}
                Its pending deliveries were marked failed; GET /api/v1/webhooks/{{subscription.Id}}/deliveries
                lists them. Fix the endpoint, then create a new subscription.
                """, cancellationToken);
        }
    }

    private static WebhookAddressRefusedException? FindRefusal(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is WebhookAddressRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release a webhook delivery claim at shutdown")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disabled webhook subscription {SubscriptionId} after continuous failures")]
    private static partial void LogDisabled(ILogger logger, Guid subscriptionId);

    private sealed record AttemptOutcome(int? StatusCode, string? Error, bool Retryable, TimeSpan? RetryAfter)
    {
        public bool Succeeded => StatusCode is >= 200 and < 300;
    }
}
