using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;
using Zkp.Api.Webhooks;

namespace Zkp.Api.Apis;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);

public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, bool Active, DateTime CreatedAt, DateTime? DisabledAt, string? DisabledReason);

public sealed record CreatedWebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, bool Active, DateTime CreatedAt, string Secret);

public sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Webhooks);

public sealed record RotatedSecretResponse(Guid Id, string Secret);

public sealed record WebhookDeliveryResponse(
    Guid DeliveryId, string Event, string Status, int Attempts, int? LastResponseCode, string? LastError,
    DateTime? NextAttemptAt, DateTime? LastAttemptAt, DateTime CreatedAt, DateTime? CompletedAt);

public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDeliveryResponse> Deliveries);

public static class WebhooksApi
{
    public const int MaxDeliveriesListed = 100;

    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(AuthorizationPolicies.Lender);

        group.MapPost("", CreateAsync)
            .WithRateLimit(RateLimitPolicies.WebhookWrites)
            .WithSummary("Subscribe an https endpoint to events. The response carries the signing secret; it is never shown again.")
            .WithExamples("""{"url":"https://your-app.com/webhooks/zkprova","events":["verification.completed","verification.failed","credential.revoked"]}""",
                (201, """{"id":"3f2b...","url":"https://your-app.com/webhooks/zkprova","events":["verification.completed","verification.failed","credential.revoked"],"active":true,"created_at":"2026-11-22T04:00:00Z","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}"""),
                (400, """{"status":400,"code":"unknown_webhook_event","detail":"Unknown event(s): verification.done. Known events: credential.issued, credential.revoked, verification.completed, verification.failed."}"""));

        group.MapGet("", ListAsync)
            .WithRateLimit(RateLimitPolicies.Webhooks)
            .WithSummary("The calling organisation's subscriptions (secrets are never listed).");

        group.MapDelete("/{id:guid}", DeleteAsync)
            .WithRateLimit(RateLimitPolicies.Webhooks)
            .WithSummary("Delete a subscription and its delivery history.");

        group.MapPost("/{id:guid}/rotate-secret", RotateSecretAsync)
            .WithRateLimit(RateLimitPolicies.WebhookWrites)
            .WithSummary("Replace the signing secret; deliveries from now on are signed with the new one, which is returned once.");

        group.MapGet("/{id:guid}/deliveries", ListDeliveriesAsync)
            .WithRateLimit(RateLimitPolicies.Webhooks)
            .WithSummary($"The subscription's latest {MaxDeliveriesListed} deliveries, newest first.")
            .WithExamples(null, (200, """{"deliveries":[{"delivery_id":"9b1d...","event":"verification.completed","status":"pending","attempts":2,"last_response_code":503,"last_error":"HTTP 503.","next_attempt_at":"2026-11-22T04:35:00Z","last_attempt_at":"2026-11-22T04:05:00Z","created_at":"2026-11-22T04:00:00Z","completed_at":null}]}"""));

        group.MapPost("/deliveries/{deliveryId:guid}/redeliver", RedeliverAsync)
            .WithRateLimit(RateLimitPolicies.Webhooks)
            .WithSummary("Queue a delivery again now (same delivery_id), with a fresh retry schedule.");

        return api;
    }

    internal static async Task<Results<Created<CreatedWebhookResponse>, ProblemHttpResult>> CreateAsync(
        CreateWebhookRequest request, ClaimsPrincipal user, ZkpDbContext db, WebhookUrlPolicy urls, IDataProtectionProvider dataProtection,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } organizationId)
        {
            return NoOrganization();
        }

        if (request.Events is not { Count: > 0 } events)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, ProblemCodes.ValidationFailed, "events must list at least one event.");
        }

        var unknown = events.Where(e => e is null || !WebhookEvents.All.Contains(e)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, ProblemCodes.UnknownWebhookEvent,
                $"Unknown event(s): {string.Join(", ", unknown.Select(e => e ?? "null"))}. Known events: {string.Join(", ", WebhookEvents.All.Order(StringComparer.Ordinal))}.");
        }

        if (await urls.CheckAsync(request.Url, cancellationToken) is { } refusal)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, ProblemCodes.WebhookUrlRefused, refusal);
        }

        var secret = WebhookSigner.GenerateSecret();
        var subscription = new WebhookSubscription
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            Url = request.Url!,
            Events = string.Join(',', events.Distinct(StringComparer.Ordinal)),
            SecretProtected = Protector(dataProtection).Protect(secret),
            IsActive = true,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Created($"/api/v1/webhooks/{subscription.Id}", new CreatedWebhookResponse(
            subscription.Id, subscription.Url, subscription.EventList(), true, Utc(subscription.CreatedUtc), secret));
    }

    internal static async Task<Results<Ok<WebhookListResponse>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } organizationId)
        {
            return NoOrganization();
        }

        var subscriptions = await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => s.OrganizationId == organizationId)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WebhookListResponse(subscriptions
            .OrderBy(s => s.CreatedUtc)
            .Select(s => new WebhookResponse(s.Id, s.Url, s.EventList(), s.IsActive, Utc(s.CreatedUtc), Utc(s.DisabledUtc), s.DisabledReason))
            .ToList()));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } organizationId)
        {
            return NoOrganization();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.OrganizationId == organizationId).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.WebhookSubscriptions.Where(s => s.Id == id && s.OrganizationId == organizationId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted == 0 ? NotFound() : TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<RotatedSecretResponse>, ProblemHttpResult>> RotateSecretAsync(
        Guid id, ClaimsPrincipal user, ZkpDbContext db, IDataProtectionProvider dataProtection, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } organizationId)
        {
            return NoOrganization();
        }

        var secret = WebhookSigner.GenerateSecret();
        var protectedSecret = Protector(dataProtection).Protect(secret);
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await db.WebhookSubscriptions.Where(s => s.Id == id && s.OrganizationId == organizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SecretProtected, protectedSecret).SetProperty(x => x.SecretRotatedUtc, now), cancellationToken);
        return updated == 0 ? NotFound() : TypedResults.Ok(new RotatedSecretResponse(id, secret));
    }

    internal static async Task<Results<Ok<WebhookDeliveryListResponse>, ProblemHttpResult>> ListDeliveriesAsync(
        Guid id, ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } organizationId)
        {
            return NoOrganization();
        }

        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == id && s.OrganizationId == organizationId, cancellationToken))
        {
            return NotFound();
        }

        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.SubscriptionId == id)
            .OrderByDescending(d => d.CreatedUtc)
            .Take(MaxDeliveriesListed)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryListResponse(deliveries.Select(d => new WebhookDeliveryResponse(
            d.Id, d.EventName, d.Status, d.Attempts, d.LastResponseCode, d.LastError,
            d.Status == WebhookDeliveryStatus.Pending ? Utc(d.NextAttemptUtc) : null,
            Utc(d.LastAttemptUtc), Utc(d.CreatedUtc), Utc(d.CompletedUtc))).ToList()));
    }

    internal static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> RedeliverAsync(
        Guid deliveryId, ClaimsPrincipal user, ZkpDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } organizationId)
        {
            return NoOrganization();
        }

        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.OrganizationId == organizationId, cancellationToken);
        if (delivery is null)
        {
            return NotFound();
        }

        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == delivery.SubscriptionId && s.IsActive, cancellationToken))
        {
            return Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "The subscription is disabled; create a new one before redelivering.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        // An in-flight row belongs to a dispatcher right now; resetting it would let a second node send it concurrently.
        var updated = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.Status != WebhookDeliveryStatus.InFlight)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptUtc, now)
                .SetProperty(d => d.CompletedUtc, (DateTime?)null), cancellationToken);
        if (updated == 0)
        {
            return Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "The delivery is being attempted right now; try again when the attempt has finished.");
        }

        return TypedResults.Accepted($"/api/v1/webhooks/{delivery.SubscriptionId}/deliveries", new WebhookDeliveryResponse(
            delivery.Id, delivery.EventName, WebhookDeliveryStatus.Pending, 0, delivery.LastResponseCode, delivery.LastError,
            Utc(now), Utc(delivery.LastAttemptUtc), Utc(delivery.CreatedUtc), null));
    }

    private static IDataProtector Protector(IDataProtectionProvider provider) => provider.CreateProtector(WebhookDispatcher.ProtectorPurpose);

    private static ProblemHttpResult NoOrganization() =>
        Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only a lender organisation can manage webhooks.");

    private static ProblemHttpResult NotFound() =>
        Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No such webhook subscription or delivery in your organisation.");

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
