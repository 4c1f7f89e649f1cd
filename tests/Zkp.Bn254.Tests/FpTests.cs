using System.Globalization;
using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

public class FpTests
{
    private static readonly BigInteger M = BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583", CultureInfo.InvariantCulture);
    private static readonly BigInteger R256 = BigInteger.One << 256;
    private static readonly List<BigInteger> Values = TestValues.Sample(M, 60, 1234);

    private static Fp F(BigInteger v) => Fp.FromBigInteger(v);

    [Fact]
    public void Modulus_constants_match_BigInteger()
    {
        Assert.Equal(M, Fp.Modulus);
        var limbs = new Limbs256(FpModulus.M0, FpModulus.M1, FpModulus.M2, FpModulus.M3);
        Assert.Equal(M, limbs.ToBigInteger());
        Assert.Equal(R256 % M, FpModulus.RModM.ToBigInteger());
        Assert.Equal(R256 * R256 % M, FpModulus.RSquared.ToBigInteger());
        Assert.Equal(BigInteger.Zero, (M * FpModulus.NegInverse + 1) % (BigInteger.One << 64));
    }

    [Fact]
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

    [Fact]
    public void Unary_operations_match_BigInteger()
    {
        foreach (var a in Values)
        {
            Assert.Equal(TestValues.Mod(-a, M), (-F(a)).ToBigInteger());
            Assert.Equal(a * a % M, F(a).Square().ToBigInteger());
            Fp.Double(F(a), out var d);
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

    [Fact]
    public void Static_methods_allow_output_to_alias_inputs()
    {
        foreach (var (a, b) in Values.Zip(Values.Skip(1)))
        {
            var x = F(a);
            Fp.Multiply(in x, in x, out x);
            Assert.Equal(a * a % M, x.ToBigInteger());
            x = F(a);
            var y = F(b);
            Fp.Multiply(in x, in y, out y);
            Assert.Equal(a * b % M, y.ToBigInteger());
            x = F(a);
            y = F(b);
            Fp.Add(in x, in y, out x);
            Assert.Equal((a + b) % M, x.ToBigInteger());
            x = F(a);
            y = F(b);
            Fp.Subtract(in x, in y, out y);
            Assert.Equal(TestValues.Mod(a - b, M), y.ToBigInteger());
            x = F(a);
            Fp.Square(in x, out x);
            Assert.Equal(a * a % M, x.ToBigInteger());
            x = F(a);
            Fp.Negate(in x, out x);
            Assert.Equal(TestValues.Mod(-a, M), x.ToBigInteger());
        }
    }

    [Fact]
    public void Pow_handles_large_and_negative_exponents()
    {
        var a = Values[20];
        var big = (BigInteger.One << 300) + 5;
        Assert.Equal(BigInteger.ModPow(a, big, M), F(a).Pow(big).ToBigInteger());
        Assert.Equal(BigInteger.ModPow(a, M - 1 - 7, M), F(a).Pow(new BigInteger(-7)).ToBigInteger());
        Assert.True(F(a).Pow(BigInteger.Zero).IsOne);
        Assert.True(Fp.Zero.Pow(0UL).IsOne);
    }

    [Fact]
    public void Inverse_of_zero_throws()
    {
        Assert.Throws<DivideByZeroException>(() => Fp.Zero.Inverse());
    }

    [Fact]
    public void Constants_and_predicates()
    {
        Assert.True(Fp.Zero.IsZero);
        Assert.False(Fp.Zero.IsOne);
        Assert.True(Fp.One.IsOne);
        Assert.Equal(BigInteger.One, Fp.One.ToBigInteger());
        Assert.Equal(default, Fp.Zero);
        Assert.True(F(5) == Fp.FromUInt64(5));
        Assert.True(F(5) != F(6));
        Assert.True(F(5).Equals((object)F(5)));
        Assert.Equal(F(5).GetHashCode(), Fp.FromUInt64(5).GetHashCode());
        Assert.Equal(M - 5, Fp.FromInt64(-5).ToBigInteger());
        Assert.Equal(M - (BigInteger.One << 63), Fp.FromInt64(long.MinValue).ToBigInteger());
        Assert.Equal((BigInteger)long.MaxValue, Fp.FromInt64(long.MaxValue).ToBigInteger());
        Assert.Equal((BigInteger)ulong.MaxValue, Fp.FromUInt64(ulong.MaxValue).ToBigInteger());
    }

    [Fact]
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

    [Fact]
    public void BigInteger_conversions_check_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fp.FromBigInteger(M));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fp.FromBigInteger(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fp.FromBigInteger(R256));
        Assert.Equal(M - 1, Fp.FromBigIntegerReduced(-1).ToBigInteger());
        Assert.Equal(BigInteger.Zero, Fp.FromBigIntegerReduced(M).ToBigInteger());
        Assert.Equal((R256 + 7) % M, Fp.FromBigIntegerReduced(R256 + 7).ToBigInteger());
        Assert.Equal(M - 3, Fp.FromBigIntegerReduced(-3 - 5 * M).ToBigInteger());
    }

    [Fact]
    public void Decimal_round_trips_and_rejects_non_canonical()
    {
        foreach (var a in Values)
        {
            string s = a.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(s, F(a).ToString());
            Assert.Equal(F(a), Fp.Parse(s));
            Assert.True(Fp.TryParse(s, out var v));
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
            Assert.False(Fp.TryParse(s, out var v));
            Assert.True(v.IsZero);
            Assert.Throws<Bn254FormatException>(() => Fp.Parse(s));
        }
        Assert.False(Fp.TryParse(null, out _));
        Assert.Throws<ArgumentNullException>(() => Fp.Parse(null!));
        var ex = Assert.Throws<Bn254FormatException>(() => Fp.Parse(M.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal("value not canonical (>= p)", ex.Message);
    }

    [Fact]
    public void Byte_encodings_round_trip()
    {
        Span<byte> buffer = stackalloc byte[32];
        foreach (var a in Values)
        {
            var x = F(a);
            x.WriteCanonicalLittleEndian(buffer);
            Assert.Equal(TestValues.ToBytes(a, bigEndian: false), buffer.ToArray());
            Assert.Equal(x, Fp.FromCanonicalLittleEndian(buffer));
            x.WriteCanonicalBigEndian(buffer);
            Assert.Equal(TestValues.ToBytes(a, bigEndian: true), buffer.ToArray());
            Assert.Equal(x, Fp.FromCanonicalBigEndian(buffer));
            x.WriteMontgomeryLittleEndian(buffer);
            Assert.Equal(TestValues.ToBytes(a * R256 % M, bigEndian: false), buffer.ToArray());
            Assert.Equal(x, Fp.FromMontgomeryLittleEndian(buffer));
        }
    }

    [Fact]
    public void Byte_decoders_reject_non_canonical_and_wrong_length()
    {
        foreach (var big in new[] { M, M + 1, R256 - 1, M * 2 })
        {
            var le = TestValues.ToBytes(big, bigEndian: false);
            var be = TestValues.ToBytes(big, bigEndian: true);
            Assert.Equal("coordinate not canonical (>= p)", Assert.Throws<Bn254FormatException>(() => Fp.FromCanonicalLittleEndian(le)).Message);
            Assert.Equal("coordinate not canonical (>= p)", Assert.Throws<Bn254FormatException>(() => Fp.FromCanonicalBigEndian(be)).Message);
            Assert.Throws<Bn254FormatException>(() => Fp.FromMontgomeryLittleEndian(le));
        }
        Assert.Equal("wrong length: expected 32 bytes, got 31", Assert.Throws<Bn254FormatException>(() => Fp.FromCanonicalBigEndian(new byte[31])).Message);
        Assert.Equal("wrong length: expected 32 bytes, got 33", Assert.Throws<Bn254FormatException>(() => Fp.FromCanonicalLittleEndian(new byte[33])).Message);
        Assert.Throws<Bn254FormatException>(() => Fp.FromMontgomeryLittleEndian(new byte[0]));
        Assert.Equal(M - 1, Fp.FromCanonicalBigEndian(TestValues.ToBytes(M - 1, bigEndian: true)).ToBigInteger());
        Assert.Throws<ArgumentException>(() => Fp.One.WriteCanonicalBigEndian(new byte[31]));
    }

    [Fact]
    public void FromBytesReduced_reduces_any_length()
    {
        var rng = new Random(77);
        foreach (int length in new[] { 0, 1, 31, 32, 33, 48, 64, 100 })
        {
            var bytes = new byte[length];
            rng.NextBytes(bytes);
            var expected = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % M;
            Assert.Equal(expected, Fp.FromBytesReduced(bytes).ToBigInteger());
        }
        var allOnes = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        Assert.Equal((R256 - 1) % M, Fp.FromBytesReduced(allOnes).ToBigInteger());
    }

    [Fact]
    public void Random_values_are_in_range_and_distinct()
    {
        var seen = new HashSet<BigInteger>();
        for (int i = 0; i < 50; i++)
        {
            var v = Fp.Random().ToBigInteger();
            Assert.InRange(v, BigInteger.Zero, M - 1);
            seen.Add(v);
        }
        Assert.Equal(50, seen.Count);
    }
}
