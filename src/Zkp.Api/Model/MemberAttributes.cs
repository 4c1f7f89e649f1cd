namespace Zkp.Api.Model;

/// <summary>
/// A member's financial attributes as their credit union's core banking system reported them. The member
/// belongs to <see cref="IssuerId"/>, the issuer that wrote first; no other issuer may change them.
/// A null attribute was never reported.
/// </summary>
public sealed class MemberAttributes
{
    public Guid MemberAccountId { get; set; }

    public Guid IssuerId { get; set; }

    /// <summary>Whole US dollars.</summary>
    public long? AnnualIncome { get; set; }

    /// <summary>300..850.</summary>
    public int? CreditScore { get; set; }

    public DateOnly? AccountOpenedOn { get; set; }

    /// <summary><c>active</c> or <c>inactive</c>.</summary>
    public string? MembershipStatus { get; set; }

    public string? EmploymentStatus { get; set; }

    public int? EmploymentMonths { get; set; }

    /// <summary>Debt-to-income in basis points, 0..10000.</summary>
    public int? DtiRatioBps { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }
}
