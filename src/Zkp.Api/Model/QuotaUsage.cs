namespace Zkp.Api.Model;

/// <summary>Verifications an organisation used in one calendar month (UTC).</summary>
public sealed class QuotaUsage
{
    public Guid OrganizationId { get; set; }

    /// <summary>"yyyy-MM".</summary>
    public required string MonthKey { get; set; }

    public int Used { get; set; }
}
