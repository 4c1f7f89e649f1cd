namespace Zkp.Api.Model;

/// <summary>
/// One event for one subscription: the outbox row written in the producer's transaction and then the
/// delivery's state. Its <see cref="Id"/> is the <c>delivery_id</c> and <c>webhook-id</c> on every attempt.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid SubscriptionId { get; set; }

    public Guid OrganizationId { get; set; }

    public required string EventName { get; set; }

    /// <summary>The exact JSON body sent on every attempt (signatures cover these bytes).</summary>
    public required string Payload { get; set; }

    /// <summary>One of <see cref="WebhookDeliveryStatus"/>.</summary>
    public required string Status { get; set; }

    /// <summary>Completed attempts (an attempt cut short by a crashed node is not counted).</summary>
    public int Attempts { get; set; }

    /// <summary>When a pending delivery becomes due; the retry schedule lives here, not in memory.</summary>
    public DateTime NextAttemptUtc { get; set; }

    /// <summary>The dispatcher instance holding an in-flight claim.</summary>
    public Guid? LeaseOwner { get; set; }

    /// <summary>An in-flight claim past this time is abandoned (its node died) and may be claimed again.</summary>
    public DateTime? LeaseExpiresUtc { get; set; }

    public DateTime? LastAttemptUtc { get; set; }

    public int? LastResponseCode { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }
}

public static class WebhookDeliveryStatus
{
    public const string Pending = "pending";
    public const string InFlight = "in_flight";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
