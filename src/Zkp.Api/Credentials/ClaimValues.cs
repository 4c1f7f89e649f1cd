using Zkp.Api.Model;
using Zkp.Credentials.Claims;

namespace Zkp.Api.Credentials;

/// <summary>
/// Maps a claim type to the member attribute it is about and to the number the claim circuit proves about it.
/// The number is the member's private value: it goes into the proof's witness and nowhere else (never a log,
/// an error detail or a stored column).
/// </summary>
public static class ClaimValues
{
    /// <summary>The attribute field (as the issuer API names it) a claim type reads.</summary>
    public static string AttributeFor(string claimType) => claimType switch
    {
        ClaimCatalogue.IncomeRange => "annual_income",
        ClaimCatalogue.CreditTier => "credit_score",
        ClaimCatalogue.AccountAge => "account_opened_on",
        ClaimCatalogue.MembershipStatus => "membership_status",
        ClaimCatalogue.EmploymentVerification => "employment_months",
        ClaimCatalogue.DtiRatio => "dti_ratio_bps",
        _ => throw new ArgumentOutOfRangeException(nameof(claimType), claimType, "Not a catalogue claim type."),
    };

    /// <summary>
    /// The value the claim is proved about, or null when the credit union has not reported the attribute.
    /// <c>account_age</c> counts whole months from the opening date to <paramref name="today"/>;
    /// <c>membership_status</c> is 1 for <c>active</c> and 0 otherwise; <c>employment_verification</c> is the months
    /// employed for <c>employed</c> and <c>self_employed</c> members and 0 for any other employment status.
    /// </summary>
    public static ulong? ValueFor(string claimType, MemberAttributes attributes, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        return claimType switch
        {
            ClaimCatalogue.IncomeRange => attributes.AnnualIncome is { } income ? (ulong)income : null,
            ClaimCatalogue.CreditTier => attributes.CreditScore is { } score ? (ulong)score : null,
            ClaimCatalogue.AccountAge => attributes.AccountOpenedOn is { } opened ? WholeMonthsBetween(opened, today) : null,
            ClaimCatalogue.MembershipStatus => attributes.MembershipStatus switch
            {
                null => null,
                "active" => 1UL,
                _ => 0UL,
            },
            ClaimCatalogue.EmploymentVerification => attributes.EmploymentMonths is not { } months
                ? null
                : attributes.EmploymentStatus is null or "employed" or "self_employed" ? (ulong)months : 0UL,
            ClaimCatalogue.DtiRatio => attributes.DtiRatioBps is { } dti ? (ulong)dti : null,
            _ => throw new ArgumentOutOfRangeException(nameof(claimType), claimType, "Not a catalogue claim type."),
        };
    }

    /// <summary>Completed months: 2024-01-31 to 2024-02-29 is 0 months, to 2024-03-31 is 2. Never negative.</summary>
    public static ulong WholeMonthsBetween(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        if (to.Day < from.Day)
        {
            months--;
        }

        return months < 0 ? 0UL : (ulong)months;
    }
}
