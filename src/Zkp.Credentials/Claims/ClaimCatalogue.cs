using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Zkp.Credentials.Claims;

/// <summary>The claim types this platform issues. The set is closed: anything else is rejected.</summary>
public static class ClaimCatalogue
{
    public const string IncomeRange = "income_range";
    public const string CreditTier = "credit_tier";
    public const string AccountAge = "account_age";
    public const string MembershipStatus = "membership_status";
    public const string EmploymentVerification = "employment_verification";
    public const string DtiRatio = "dti_ratio";

    private static readonly ClaimDefinition[] Definitions =
    [
        new(IncomeRange, "USD per year", ClaimComparison.AtLeast, 1, 10_000_000, null,
            b => $"Above ${ClaimDefinition.Thousands(b.Lower)}"),
        new(CreditTier, "credit score", ClaimComparison.Between, 300, 850, null,
            b => $"Credit score {b.Lower}-{b.Upper}"),
        new(AccountAge, "months", ClaimComparison.AtLeast, 1, 1200, null,
            b => $"Member for {b.Lower}+ months"),
        new(MembershipStatus, "flag (1 = active)", ClaimComparison.Exactly, 1, 1, 1,
            _ => "Active member"),
        new(EmploymentVerification, "months employed", ClaimComparison.AtLeast, 1, 600, null,
            b => $"Employed {b.Lower}+ months"),
        new(DtiRatio, "basis points", ClaimComparison.AtMost, 1, 10_000, null,
            b => $"Below {Percent(b.Upper)}%"),
    ];

    private static readonly Dictionary<string, ClaimDefinition> ByName =
        Definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public static IReadOnlyList<ClaimDefinition> All => Definitions;

    public static bool TryGet(string? claimType, [NotNullWhen(true)] out ClaimDefinition? definition)
    {
        definition = null;
        return claimType is not null && ByName.TryGetValue(claimType, out definition);
    }

    public static ClaimDefinition Get(string claimType)
    {
        if (!TryGet(claimType, out var definition))
        {
            throw new ClaimException(UnknownReason(claimType));
        }

        return definition;
    }

    internal static string UnknownReason(string? claimType) =>
        $"unknown claim type '{claimType}'; supported: {string.Join(", ", Definitions.Select(d => d.Name))}";

    // 3600 bp -> "36", 3650 -> "36.5", 3625 -> "36.25".
    private static string Percent(ulong basisPoints) =>
        (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture);
}
