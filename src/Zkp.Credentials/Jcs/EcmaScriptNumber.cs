using System.Globalization;

namespace Zkp.Credentials.Jcs;

/// <summary>
/// ECMAScript <c>Number.prototype.toString</c> for finite doubles, as RFC 8785 section 3.2.2.3 requires.
/// </summary>
internal static class EcmaScriptNumber
{
    /// <summary>Formats a finite double; NaN and infinities are rejected because JSON cannot carry them.</summary>
    internal static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new JcsException($"The number {value.ToString(CultureInfo.InvariantCulture)} is not permitted in JSON (RFC 8785 section 3.2.2.3).");
        }

        // -0 and +0 both serialize as "0".
        if (value == 0)
        {
            return "0";
        }

        // .NET Core 3.0+ "R" yields the shortest digit string that round-trips, which is exactly the
        // digit selection ECMAScript mandates (with ties resolved to even); only the layout differs.
        var (digits, pointPosition) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : string.Empty;
        return sign + Layout(digits, pointPosition);
    }

    /// <summary>Returns the significant digits s (no leading/trailing zeros) and n with value = 0.s * 10^n.</summary>
    private static (string Digits, int PointPosition) ShortestDigits(double magnitude)
    {
        var text = magnitude.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot >= 0 ? text[..dot] : text;
        var fraction = dot >= 0 ? text[(dot + 1)..] : string.Empty;
        var digits = integerPart + fraction;
        var pointPosition = integerPart.Length + exponent;

        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        pointPosition -= leadingZeros;
        return (digits, pointPosition);
    }

    // ECMA-262 Number::toString steps for k digits and exponent n.
    private static string Layout(string digits, int n)
    {
        var k = digits.Length;
        if (k <= n && n <= 21)
        {
            return digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return "0." + new string('0', -n) + digits;
        }

        var exponent = n - 1;
        var exponentText = (exponent >= 0 ? "+" : "-") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return k == 1
            ? digits + "e" + exponentText
            : digits[..1] + "." + digits[1..] + "e" + exponentText;
    }
}
