using System.Globalization;

namespace Zkp.Credentials.Claims;

/// <summary>How a claim's value is compared with the threshold, which fixes the shape of its bounds.</summary>
public enum ClaimComparison
{
    /// <summary>value >= threshold: bounds [threshold, 2^64-1].</summary>
    AtLeast,

    /// <summary>value <= threshold: bounds [0, threshold].</summary>
    AtMost,

    /// <summary>lower <= value <= upper, both chosen by the requester.</summary>
    Between,

    /// <summary>value == threshold: bounds [threshold, threshold].</summary>
    Exactly,
}

/// <summary>One entry of the claim catalogue: unit, allowed thresholds, bounds mapping and lender-facing text.</summary>
public sealed class ClaimDefinition
{
    private readonly Func<ClaimBounds, string> describe;

    internal ClaimDefinition(
        string name,
        string unit,
        ClaimComparison comparison,
        ulong minimumThreshold,
        ulong maximumThreshold,
        ulong? defaultThreshold,
        Func<ClaimBounds, string> describe)
    {
        Name = name;
        Unit = unit;
        Comparison = comparison;
        MinimumThreshold = minimumThreshold;
        MaximumThreshold = maximumThreshold;
        DefaultThreshold = defaultThreshold;
        this.describe = describe;
    }

    public string Name { get; }

    public string Unit { get; }

    public ClaimComparison Comparison { get; }

    public ulong MinimumThreshold { get; }

    public ulong MaximumThreshold { get; }

    /// <summary>Used when the request gives no threshold (only for claims with a single meaning, e.g. membership).</summary>
    public ulong? DefaultThreshold { get; }

    /// <summary>Maps a request to circuit bounds. For <see cref="ClaimComparison.Between"/>, <paramref name="upper"/>
    /// defaults to the top of the range.</summary>
    public ClaimBounds BoundsFor(ulong? threshold, ulong? upper = null)
    {
        if (!TryBoundsFor(threshold, upper, out var bounds, out var error))
        {
            throw new ClaimException(error);
        }

        return bounds;
    }

    public bool TryBoundsFor(ulong? threshold, ulong? upper, out ClaimBounds bounds, out string error)
    {
        bounds = default;
        var t = threshold ?? DefaultThreshold;
        if (t is not { } value)
        {
            error = $"{Name} needs a threshold in {Unit} between {MinimumThreshold} and {MaximumThreshold}";
            return false;
        }

        if (value < MinimumThreshold || value > MaximumThreshold)
        {
            error = $"{Name} threshold {value} is out of range: allowed {MinimumThreshold}..{MaximumThreshold} {Unit}";
            return false;
        }

        if (upper is not null && Comparison != ClaimComparison.Between)
        {
            error = $"{Name} takes a single threshold, not an upper bound";
            return false;
        }

        switch (Comparison)
        {
            case ClaimComparison.AtLeast:
                bounds = new ClaimBounds(value, ulong.MaxValue);
                break;
            case ClaimComparison.AtMost:
                bounds = new ClaimBounds(0, value);
                break;
            case ClaimComparison.Exactly:
                bounds = new ClaimBounds(value, value);
                break;
            case ClaimComparison.Between:
                var top = upper ?? MaximumThreshold;
                if (top < value || top > MaximumThreshold)
                {
                    error = $"{Name} upper bound {top} is out of range: allowed {value}..{MaximumThreshold} {Unit}";
                    return false;
                }

                bounds = new ClaimBounds(value, top);
                break;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Checks that signed bounds have this claim's shape and an allowed threshold.</summary>
    public bool TryValidateBounds(ClaimBounds bounds, out string error)
    {
        var (threshold, upper) = Comparison switch
        {
            ClaimComparison.AtLeast => (bounds.Lower, (ulong?)null),
            ClaimComparison.AtMost => (bounds.Upper, null),
            ClaimComparison.Exactly => (bounds.Lower, null),
            _ => (bounds.Lower, bounds.Upper),
        };
        if (!TryBoundsFor(threshold, upper, out var expected, out error))
        {
            return false;
        }

        if (expected != bounds)
        {
            error = $"{Name} bounds [{bounds.Lower}, {bounds.Upper}] do not have the catalogue's shape [{expected.Lower}, {expected.Upper}]";
            return false;
        }

        return true;
    }

    /// <summary>The text a lender's form is pre-filled with, derived only from the signed bounds.</summary>
    public string AutoFillText(ClaimBounds bounds) => describe(bounds);

    internal static string Thousands(ulong value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
