using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;

namespace Zkp.Api.Webhooks;

/// <summary>What event producers (verification, issuance, revocation) call to emit webhook events.</summary>
public interface IWebhookEventPublisher
{
    /// <summary>
    /// Adds one outbox row per active subscription of <paramref name="organizationId"/> to
    /// <paramref name="eventName"/> to the caller's <paramref name="db"/> without saving: the rows commit,
    /// or roll back, with the caller's own changes. Returns the number of rows added.
    /// </summary>
    /// <param name="payload">The event's fields (serialised with snake_case names); <c>event</c>, <c>delivery_id</c> and <c>timestamp</c> are added and may not be supplied.</param>
    Task<int> EnqueueAsync(ZkpDbContext db, Guid organizationId, string eventName, object payload, CancellationToken cancellationToken = default);
}

/// <summary>The transactional outbox: producers write here, <see cref="WebhookDispatcher"/> delivers.</summary>
public sealed class WebhookOutbox(TimeProvider time, CompiledQueries queries) : IWebhookEventPublisher
{
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private static readonly string[] ReservedFields = ["event", "delivery_id", "timestamp"];

    public async Task<int> EnqueueAsync(ZkpDbContext db, Guid organizationId, string eventName, object payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(payload);
        if (eventName is null || !WebhookEvents.All.Contains(eventName))
        {
            throw new ArgumentException($"Unknown webhook event '{eventName}'.", nameof(eventName));
        }

        if (JsonSerializer.SerializeToNode(payload, payload.GetType(), PayloadJson) is not JsonObject fields)
        {
            throw new ArgumentException("The payload must serialise to a JSON object.", nameof(payload));
        }

        if (ReservedFields.FirstOrDefault(fields.ContainsKey) is { } reserved)
        {
            throw new ArgumentException($"The payload may not set '{reserved}'; the outbox adds it.", nameof(payload));
        }

        var subscriptions = await CompiledQueries.ToListAsync(queries.ActiveSubscriptions(db, organizationId), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var subscription in subscriptions.Where(s => s.Events.Split(',').Contains(eventName, StringComparer.Ordinal)))
        {
            var deliveryId = Guid.NewGuid();
            var body = new JsonObject
            {
                ["event"] = eventName,
                ["delivery_id"] = deliveryId.ToString(),
                ["timestamp"] = now.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var (name, value) in fields)
            {
                body[name] = value?.DeepClone();
            }

            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = deliveryId,
                SubscriptionId = subscription.Id,
                OrganizationId = organizationId,
                EventName = eventName,
                Payload = body.ToJsonString(),
                Status = WebhookDeliveryStatus.Pending,
                NextAttemptUtc = now,
                CreatedUtc = now,
            });
            added++;
        }

        return added;
    }
}
