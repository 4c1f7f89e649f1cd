namespace Zkp.Api.Model;

/// <summary>An organisation's endpoint that receives the events it subscribed to.</summary>
public sealed class WebhookSubscription
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public required string Url { get; set; }

    /// <summary>Comma-separated <see cref="WebhookEvents"/> names, in the order given at creation.</summary>
    public required string Events { get; set; }

    /// <summary>The <c>whsec_</c> signing secret, encrypted with ASP.NET Core Data Protection; shown to the caller only when created or rotated.</summary>
    public required string SecretProtected { get; set; }

    public bool IsActive { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? SecretRotatedUtc { get; set; }

    /// <summary>When the current run of failed attempts began; null after any success.</summary>
    public DateTime? FailingSinceUtc { get; set; }

    public DateTime? DisabledUtc { get; set; }

    public string? DisabledReason { get; set; }

    public IReadOnlyList<string> EventList() => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
