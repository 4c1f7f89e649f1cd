using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;

namespace Zkp.Bn254.Internal;

/// <summary>Encoding and decoding shared by the two prime fields; results are Montgomery limbs.</summary>
internal static class FieldCodec<TModulus>
    where TModulus : struct, IMontgomeryModulus
{
    // r and p have 77 decimal digits; anything longer is rejected before BigInteger sees it.
    private const int MaxDecimalDigits = 77;

    public static Limbs256 FromUInt64(ulong value)
    {
        var canonical = new Limbs256(value, 0, 0, 0);
        MontgomeryArithmetic<TModulus>.ToMontgomery(in canonical, out var result);
        return result;
    }

    public static Limbs256 FromInt64(long value)
    {
        var magnitude = FromUInt64(value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value);
        if (value >= 0)
        {
            return magnitude;
        }
        MontgomeryArithmetic<TModulus>.Negate(in magnitude, out var negated);
        return negated;
    }

    public static Limbs256 FromBigInteger(BigInteger value, string parameterName)
    {
        if (value.Sign < 0 || value >= TModulus.Modulus)
        {
            throw new ArgumentOutOfRangeException(parameterName, $"value must satisfy 0 <= value < {TModulus.Symbol}");
        }
        var canonical = Limbs256.FromBigInteger(value);
        MontgomeryArithmetic<TModulus>.ToMontgomery(in canonical, out var result);
        return result;
    }

    public static Limbs256 FromBigIntegerReduced(BigInteger value)
    {
        var reduced = BigInteger.Remainder(value, TModulus.Modulus);
        if (reduced.Sign < 0)
        {
            reduced += TModulus.Modulus;
        }
        return FromBigInteger(reduced, nameof(value));
    }

    public static BigInteger ToBigInteger(in Limbs256 montgomery)
    {
        MontgomeryArithmetic<TModulus>.FromMontgomery(in montgomery, out var canonical);
        return canonical.ToBigInteger();
    }

    public static string ToDecimalString(in Limbs256 montgomery) =>
        ToBigInteger(in montgomery).ToString(CultureInfo.InvariantCulture);

    /// <summary>Canonical decimal: ASCII digits only, no sign, no whitespace, no leading zero, value &lt; modulus.</summary>
    public static bool TryParse(string? text, out Limbs256 result, out string? error)
    {
        result = default;
        if (text is null || text.Length == 0)
        {
            error = "empty decimal string";
            return false;
        }
        if (text.Length > MaxDecimalDigits)
        {
            error = $"decimal string too long ({text.Length.ToString(CultureInfo.InvariantCulture)} characters); value not canonical (>= {TModulus.Symbol})";
            return false;
        }
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                error = "decimal string may contain only the digits 0-9";
                return false;
            }
        }
        if (text.Length > 1 && text[0] == '0')
        {
            error = "decimal string not canonical (leading zero)";
            return false;
        }
        var value = BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        if (value >= TModulus.Modulus)
        {
            error = $"value not canonical (>= {TModulus.Symbol})";
            return false;
        }
        var canonical = Limbs256.FromBigInteger(value);
        MontgomeryArithmetic<TModulus>.ToMontgomery(in canonical, out result);
        error = null;
        return true;
    }

    public static Limbs256 Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TryParse(text, out var result, out var error))
        {
            throw new Bn254FormatException(error!);
        }
        return result;
    }

    public static void CheckLength(ReadOnlySpan<byte> bytes, int expected)
    {
        if (bytes.Length != expected)
        {
            throw new Bn254FormatException(
                $"wrong length: expected {expected.ToString(CultureInfo.InvariantCulture)} bytes, got {bytes.Length.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static Limbs256 FromCanonicalLimbs(in Limbs256 canonical)
    {
        if (!MontgomeryArithmetic<TModulus>.IsCanonical(in canonical))
        {
            throw new Bn254FormatException($"coordinate not canonical (>= {TModulus.Symbol})");
        }
        MontgomeryArithmetic<TModulus>.ToMontgomery(in canonical, out var result);
        return result;
    }

    public static Limbs256 FromCanonicalLittleEndian(ReadOnlySpan<byte> bytes32)
    {
        CheckLength(bytes32, 32);
        return FromCanonicalLimbs(Limbs256.FromLittleEndian(bytes32));
    }

    public static Limbs256 FromCanonicalBigEndian(ReadOnlySpan<byte> bytes32)
    {
        CheckLength(bytes32, 32);
        return FromCanonicalLimbs(Limbs256.FromBigEndian(bytes32));
    }

    public static void WriteCanonicalLittleEndian(in Limbs256 montgomery, Span<byte> dest32)
    {
        CheckDestination(dest32);
        MontgomeryArithmetic<TModulus>.FromMontgomery(in montgomery, out var canonical);
        canonical.WriteLittleEndian(dest32);
    }

    public static void WriteCanonicalBigEndian(in Limbs256 montgomery, Span<byte> dest32)
    {
        CheckDestination(dest32);
        MontgomeryArithmetic<TModulus>.FromMontgomery(in montgomery, out var canonical);
        canonical.WriteBigEndian(dest32);
    }

    /// <summary>The raw Montgomery limbs (x*R mod M) as snarkjs stores them; must still be &lt; M.</summary>
    public static Limbs256 FromMontgomeryLittleEndian(ReadOnlySpan<byte> bytes32)
    {
        CheckLength(bytes32, 32);
        var limbs = Limbs256.FromLittleEndian(bytes32);
        if (!MontgomeryArithmetic<TModulus>.IsCanonical(in limbs))
        {
            throw new Bn254FormatException($"Montgomery value not canonical (>= {TModulus.Symbol})");
        }
        return limbs;
    }

    public static void WriteMontgomeryLittleEndian(in Limbs256 montgomery, Span<byte> dest32)
    {
        CheckDestination(dest32);
        montgomery.WriteLittleEndian(dest32);
    }

    public static Limbs256 FromBytesReduced(ReadOnlySpan<byte> bigEndian)
    {
        var value = new BigInteger(bigEndian, isUnsigned: true, isBigEndian: true);
        return FromBigIntegerReduced(value);
    }

    /// <summary>Uniform in [0, M): 254 random bits, rejected and redrawn when &gt;= M.</summary>
    public static Limbs256 Random()
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            bytes[31] &= 0x3F;
            var candidate = Limbs256.FromLittleEndian(bytes);
            if (MontgomeryArithmetic<TModulus>.IsCanonical(in candidate))
            {
                bytes.Clear();
                MontgomeryArithmetic<TModulus>.ToMontgomery(in candidate, out var result);
                return result;
            }
        }
    }

    private static void CheckDestination(Span<byte> dest32)
    {
        if (dest32.Length < 32)
        {
            throw new ArgumentException("destination must hold 32 bytes", nameof(dest32));
        }
    }
}
