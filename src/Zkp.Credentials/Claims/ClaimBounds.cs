using System.Globalization;

namespace Zkp.Credentials.Claims;

/// <summary>The inclusive 64-bit range the claim circuit proves the committed value lies in.</summary>
public readonly record struct ClaimBounds(ulong Lower, ulong Upper)
{
    public string LowerText => Lower.ToString(CultureInfo.InvariantCulture);

    public string UpperText => Upper.ToString(CultureInfo.InvariantCulture);

    public bool Contains(ulong value) => Lower <= value && value <= Upper;

    /// <summary>Parses the credential's decimal-string bounds (no sign, no leading zeros, no spaces).</summary>
    public static bool TryParse(string? lower, string? upper, out ClaimBounds bounds, out string error)
    {
        bounds = default;
        if (!TryParseCanonicalUInt64(lower, out var l))
        {
            error = $"lower bound '{lower}' is not a canonical unsigned 64-bit decimal";
            return false;
        }

        if (!TryParseCanonicalUInt64(upper, out var u))
        {
            error = $"upper bound '{upper}' is not a canonical unsigned 64-bit decimal";
            return false;
        }

        if (l > u)
        {
            error = $"lower bound {l} exceeds upper bound {u}";
            return false;
        }

        bounds = new ClaimBounds(l, u);
        error = string.Empty;
        return true;
    }

    // One spelling per number, so the signed string and the circuit's public signal compare exactly.
    internal static bool TryParseCanonicalUInt64(string? text, out ulong value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 20 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
