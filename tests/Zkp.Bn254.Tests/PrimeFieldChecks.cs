using System.Globalization;
using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

/// <summary>
/// Checks of one BN254 prime field against <see cref="BigInteger"/>, written once for <see cref="Fp"/>
/// and <see cref="Fr"/>. <paramref name="modulus"/> is the field's prime as published and <paramref name="symbol"/> the
/// letter its error messages must use: independent references for what the field carries.
/// </summary>
internal sealed class PrimeFieldChecks<TField, TModulus>(BigInteger modulus, string symbol) : IPrimeFieldChecks
    where TField : struct, IPrimeField<TField>
    where TModulus : struct, IMontgomeryModulus
{
    private static readonly BigInteger R256 = BigInteger.One << 256;
    private readonly BigInteger M = modulus;
    private readonly List<BigInteger> Values = TestValues.Sample(modulus, 60, 1234);

    private static TField F(BigInteger v) => TField.FromBigInteger(v);

    public void Modulus_constants_match_BigInteger()
    {
        Assert.Equal(M, TField.Modulus);
        var limbs = new Limbs256(TModulus.M0, TModulus.M1, TModulus.M2, TModulus.M3);
        Assert.Equal(M, limbs.ToBigInteger());
        Assert.Equal(R256 % M, TModulus.RModM.ToBigInteger());
        Assert.Equal(R256 * R256 % M, TModulus.RSquared.ToBigInteger());
        Assert.Equal(BigInteger.Zero, (M * TModulus.NegInverse + 1) % (BigInteger.One << 64));
    }

    public void Binary_operations_match_BigInteger()
    {
        foreach (var a in Values)
        {
            foreach (var b in Values.Take(25))
            {
                Assert.Equal(TestValues.Mod(a + b, M), (F(a) + F(b)).ToBigInteger());
                Assert.Equal(TestValues.Mod(a - b, M), (F(a) - F(b)).ToBigInteger());
                Assert.Equal(TestValues.Mod(a * b, M), (F(a) * F(b)).ToBigInteger());
            }
        }
    }

    public void Unary_operations_match_BigInteger()
    {
        foreach (var a in Values)
        {
            Assert.Equal(TestValues.Mod(-a, M), (-F(a)).ToBigInteger());
            Assert.Equal(a * a % M, F(a).Square().ToBigInteger());
            TField.Double(F(a), out var d);
            Assert.Equal(2 * a % M, d.ToBigInteger());
            Assert.Equal(BigInteger.ModPow(a, 12345, M), F(a).Pow(12345UL).ToBigInteger());
            var e = Values[7];
            Assert.Equal(BigInteger.ModPow(a, e, M), F(a).Pow(e).ToBigInteger());
            Assert.Equal(BigInteger.ModPow(a, e, M), F(a).Pow(F(e)).ToBigInteger());
            if (!a.IsZero)
            {
                Assert.Equal(BigInteger.ModPow(a, M - 2, M), F(a).Inverse().ToBigInteger());
                Assert.True((F(a) * F(a).Inverse()).IsOne);
            }
        }
    }

    public void Static_methods_allow_output_to_alias_inputs()
    {
        foreach (var (a, b) in Values.Zip(Values.Skip(1)))
        {
            var x = F(a);
            TField.Multiply(in x, in x, out x);
            Assert.Equal(a * a % M, x.ToBigInteger());
            x = F(a);
            var y = F(b);
            TField.Multiply(in x, in y, out y);
            Assert.Equal(a * b % M, y.ToBigInteger());
            x = F(a);
            y = F(b);
            TField.Add(in x, in y, out x);
            Assert.Equal((a + b) % M, x.ToBigInteger());
            x = F(a);
            y = F(b);
            TField.Subtract(in x, in y, out y);
            Assert.Equal(TestValues.Mod(a - b, M), y.ToBigInteger());
            x = F(a);
            TField.Square(in x, out x);
            Assert.Equal(a * a % M, x.ToBigInteger());
            x = F(a);
            TField.Negate(in x, out x);
            Assert.Equal(TestValues.Mod(-a, M), x.ToBigInteger());
        }
    }

    public void Pow_handles_large_and_negative_exponents()
    {
        var a = Values[20];
        var big = (BigInteger.One << 300) + 5;
        Assert.Equal(BigInteger.ModPow(a, big, M), F(a).Pow(big).ToBigInteger());
        Assert.Equal(BigInteger.ModPow(a, M - 1 - 7, M), F(a).Pow(new BigInteger(-7)).ToBigInteger());
        Assert.True(F(a).Pow(BigInteger.Zero).IsOne);
        Assert.True(TField.Zero.Pow(0UL).IsOne);
    }

    public void Inverse_of_zero_throws()
    {
        Assert.Throws<DivideByZeroException>(() => TField.Zero.Inverse());
    }

    public void Constants_and_predicates()
    {
        Assert.True(TField.Zero.IsZero);
        Assert.False(TField.Zero.IsOne);
        Assert.True(TField.One.IsOne);
        Assert.Equal(BigInteger.One, TField.One.ToBigInteger());
        Assert.Equal(default(TField), TField.Zero);
        Assert.True(F(5) == TField.FromUInt64(5));
        Assert.True(F(5) != F(6));
        Assert.True(F(5).Equals((object)F(5)));
        Assert.Equal(F(5).GetHashCode(), TField.FromUInt64(5).GetHashCode());
        Assert.Equal(M - 5, TField.FromInt64(-5).ToBigInteger());
        Assert.Equal(M - (BigInteger.One << 63), TField.FromInt64(long.MinValue).ToBigInteger());
        Assert.Equal((BigInteger)long.MaxValue, TField.FromInt64(long.MaxValue).ToBigInteger());
        Assert.Equal((BigInteger)ulong.MaxValue, TField.FromUInt64(ulong.MaxValue).ToBigInteger());
    }

    public void Sqrt_agrees_with_Euler_criterion()
    {
        int squares = 0;
        foreach (var a in Values)
        {
            bool isSquare = a.IsZero || BigInteger.ModPow(a, (M - 1) / 2, M).IsOne;
            Assert.Equal(isSquare, F(a).TrySqrt(out var root));
            if (isSquare)
            {
                squares++;
                Assert.Equal(a, root.ToBigInteger() * root.ToBigInteger() % M);
            }
            else
            {
                Assert.True(root.IsZero);
            }
            var sq = F(a).Square();
            Assert.True(sq.TrySqrt(out var r2));
            Assert.True(r2 == F(a) || r2 == -F(a));
        }
        Assert.InRange(squares, 10, Values.Count - 10);
    }

    public void BigInteger_conversions_check_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TField.FromBigInteger(M));
        Assert.Throws<ArgumentOutOfRangeException>(() => TField.FromBigInteger(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TField.FromBigInteger(R256));
        Assert.Equal(M - 1, TField.FromBigIntegerReduced(-1).ToBigInteger());
        Assert.Equal(BigInteger.Zero, TField.FromBigIntegerReduced(M).ToBigInteger());
        Assert.Equal((R256 + 7) % M, TField.FromBigIntegerReduced(R256 + 7).ToBigInteger());
        Assert.Equal(M - 3, TField.FromBigIntegerReduced(-3 - 5 * M).ToBigInteger());
    }

    public void Decimal_round_trips_and_rejects_non_canonical()
    {
        foreach (var a in Values)
        {
            string s = a.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(s, F(a).ToString());
            Assert.Equal(F(a), TField.Parse(s));
            Assert.True(TField.TryParse(s, out var v));
            Assert.Equal(F(a), v);
        }
        string[] bad =
        [
            M.ToString(CultureInfo.InvariantCulture),
            (M + 1).ToString(CultureInfo.InvariantCulture),
            (R256 - 1).ToString(CultureInfo.InvariantCulture),
            "1" + new string('0', 80), "", "-1", "+1", " 1", "1 ", "01", "00", "1e3", "0x10", "12a",
        ];
        foreach (var s in bad)
        {
            Assert.False(TField.TryParse(s, out var v));
            Assert.True(v.IsZero);
            Assert.Throws<Bn254FormatException>(() => TField.Parse(s));
        }
        Assert.False(TField.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => TField.Parse(null!));
        var ex = Assert.Throws<Bn254FormatException>(() => TField.Parse(M.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal($"value not canonical (>= {symbol})", ex.Message);
    }

    public void Byte_encodings_round_trip()
    {
        Span<byte> buffer = stackalloc byte[32];
        foreach (var a in Values)
        {
            var x = F(a);
            x.WriteCanonicalLittleEndian(buffer);
            Assert.Equal(TestValues.ToBytes(a, bigEndian: false), buffer.ToArray());
            Assert.Equal(x, TField.FromCanonicalLittleEndian(buffer));
            x.WriteCanonicalBigEndian(buffer);
            Assert.Equal(TestValues.ToBytes(a, bigEndian: true), buffer.ToArray());
            Assert.Equal(x, TField.FromCanonicalBigEndian(buffer));
            x.WriteMontgomeryLittleEndian(buffer);
            Assert.Equal(TestValues.ToBytes(a * R256 % M, bigEndian: false), buffer.ToArray());
            Assert.Equal(x, TField.FromMontgomeryLittleEndian(buffer));
        }
    }

    public void Byte_decoders_reject_non_canonical_and_wrong_length()
    {
        foreach (var big in new[] { M, M + 1, R256 - 1, M * 2 })
        {
            var le = TestValues.ToBytes(big, bigEndian: false);
            var be = TestValues.ToBytes(big, bigEndian: true);
            Assert.Equal($"coordinate not canonical (>= {symbol})", Assert.Throws<Bn254FormatException>(() => TField.FromCanonicalLittleEndian(le)).Message);
            Assert.Equal($"coordinate not canonical (>= {symbol})", Assert.Throws<Bn254FormatException>(() => TField.FromCanonicalBigEndian(be)).Message);
            Assert.Throws<Bn254FormatException>(() => TField.FromMontgomeryLittleEndian(le));
        }
        Assert.Equal("wrong length: expected 32 bytes, got 31", Assert.Throws<Bn254FormatException>(() => TField.FromCanonicalBigEndian(new byte[31])).Message);
        Assert.Equal("wrong length: expected 32 bytes, got 33", Assert.Throws<Bn254FormatException>(() => TField.FromCanonicalLittleEndian(new byte[33])).Message);
        Assert.Throws<Bn254FormatException>(() => TField.FromMontgomeryLittleEndian(new byte[0]));
        Assert.Equal(M - 1, TField.FromCanonicalBigEndian(TestValues.ToBytes(M - 1, bigEndian: true)).ToBigInteger());
        Assert.Throws<ArgumentException>(() => TField.One.WriteCanonicalBigEndian(new byte[31]));
    }

    public void FromBytesReduced_reduces_any_length()
    {
        var rng = new Random(77);
        foreach (int length in new[] { 0, 1, 31, 32, 33, 48, 64, 100 })
        {
            var bytes = new byte[length];
            rng.NextBytes(bytes);
            var expected = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % M;
            Assert.Equal(expected, TField.FromBytesReduced(bytes).ToBigInteger());
        }
        var allOnes = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        Assert.Equal((R256 - 1) % M, TField.FromBytesReduced(allOnes).ToBigInteger());
    }

    public void Random_values_are_in_range_and_distinct()
    {
        var seen = new HashSet<BigInteger>();
        for (int i = 0; i < 50; i++)
        {
            var v = TField.Random().ToBigInteger();
            Assert.InRange(v, BigInteger.Zero, M - 1);
            seen.Add(v);
        }
        Assert.Equal(50, seen.Count);
    }
}
