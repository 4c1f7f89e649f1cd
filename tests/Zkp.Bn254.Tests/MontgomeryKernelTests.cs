using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

/// <summary>
/// Limb-level checks of the Montgomery kernels (fifth session) against BigInteger, for both moduli:
/// the final conditional subtraction at the exact boundaries it decides between, and the
/// multiplication and squaring on reduced and unreduced (below 2M) operands, with the output
/// aliasing an input.
/// </summary>
public class MontgomeryKernelTests
{
    public static TheoryData<string> Fields => new() { "Fp", "Fr" };

    private static BigInteger Modulus(string field) => field == "Fp" ? Fp.Modulus : Fr.Modulus;

    private static BigInteger RInverse(BigInteger m) => BigInteger.ModPow(BigInteger.One << 256, m - 2, m);

    /// <summary>Operands below 2M: the edges of both ranges, limb edges, and random values.</summary>
    private static List<BigInteger> Operands(BigInteger m, int seed, int randomCount)
    {
        var rng = new Random(seed);
        var values = new List<BigInteger>
        {
            0, 1, 2, m - 2, m - 1, m, m + 1, (m - 1) / 2, (m + 1) / 2, (3 * m) / 2, 2 * m - 2, 2 * m - 1,
            (BigInteger.One << 64) - 1, BigInteger.One << 64, (BigInteger.One << 192) - 1, BigInteger.One << 253,
        };
        for (int i = 0; i < randomCount; i++)
        {
            values.Add(TestValues.RandomBelow(rng, i % 2 == 0 ? m : 2 * m));
        }
        return values;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Addition_reduces_exactly_at_the_modulus_boundary(string field)
    {
        // The final subtraction takes its mask from the sign of t - M: sums just below, at and just
        // above M, and the largest sum 2M - 2, must come out as (a + b) mod M.
        var m = Modulus(field);
        var rng = new Random(11);
        var pairs = new List<(BigInteger, BigInteger)>
        {
            (0, 0), (0, m - 1), (1, m - 2), (1, m - 1), (2, m - 1), (m - 1, m - 1), ((m - 1) / 2, (m + 1) / 2),
            ((m + 1) / 2, (m + 1) / 2), ((m - 1) / 2, (m - 1) / 2),
        };
        for (int i = 0; i < 200; i++)
        {
            var a = TestValues.RandomBelow(rng, m);
            var delta = new BigInteger(rng.Next(-3, 4));
            var b = m - a + delta; // a + b within three of M
            if (b >= 0 && b < m)
            {
                pairs.Add((a, b));
            }
            pairs.Add((a, TestValues.RandomBelow(rng, m)));
        }
        foreach (var (x, y) in pairs)
        {
            var a = Limbs256.FromBigInteger(x);
            var b = Limbs256.FromBigInteger(y);
            var (sum, aliased) = field == "Fp" ? Add<FpModulus>(a, b) : Add<FrModulus>(a, b);
            Assert.Equal((x + y) % m, sum.ToBigInteger());
            Assert.Equal((x + y) % m, aliased.ToBigInteger());
        }
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Subtraction_adds_the_modulus_back_exactly_when_the_difference_is_negative(string field)
    {
        // The add-back mask is the sign of the top limb of a - b: differences 0, +-1, +-2, the
        // extremes +-(M - 1), and a borrow that runs through all four limbs (0 - 1, 2^192 - (2^192 + 1)).
        var m = Modulus(field);
        var rng = new Random(13);
        var limb = BigInteger.One << 64;
        var pairs = new List<(BigInteger, BigInteger)>
        {
            (0, 0), (0, 1), (1, 0), (0, m - 1), (m - 1, 0), (m - 1, m - 1), (m - 2, m - 1), (m - 1, m - 2),
            (limb, limb + 1), (limb * limb * limb, limb * limb * limb + 1), (limb - 1, limb), ((m - 1) / 2, (m + 1) / 2),
        };
        for (int i = 0; i < 200; i++)
        {
            var a = TestValues.RandomBelow(rng, m);
            var b = a + rng.Next(-2, 3);
            if (b >= 0 && b < m)
            {
                pairs.Add((a, b));
            }
            pairs.Add((a, TestValues.RandomBelow(rng, m)));
        }
        foreach (var (x, y) in pairs)
        {
            var a = Limbs256.FromBigInteger(x);
            var b = Limbs256.FromBigInteger(y);
            var (difference, aliased) = field == "Fp" ? Subtract<FpModulus>(a, b) : Subtract<FrModulus>(a, b);
            Assert.Equal(TestValues.Mod(x - y, m), difference.ToBigInteger());
            Assert.Equal(TestValues.Mod(x - y, m), aliased.ToBigInteger());
        }
    }

    private static (Limbs256 Difference, Limbs256 Aliased) Subtract<TModulus>(Limbs256 a, Limbs256 b)
        where TModulus : struct, IMontgomeryModulus
    {
        MontgomeryArithmetic<TModulus>.Subtract(in a, in b, out var difference);
        var y = b;
        MontgomeryArithmetic<TModulus>.Subtract(in a, in y, out y);
        return (difference, y);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Doubling_by_shift_matches_BigInteger(string field)
    {
        // Limb top bits set (they move into the next limb), and values just below and above M / 2.
        var m = Modulus(field);
        var rng = new Random(14);
        var values = new List<BigInteger>
        {
            0, 1, m - 1, m - 2, (m - 1) / 2, (m + 1) / 2, (m + 3) / 2, BigInteger.One << 63, (BigInteger.One << 64) - 1,
            (BigInteger.One << 127) + (BigInteger.One << 63), (BigInteger.One << 192) - 1, (BigInteger.One << 191) * 3,
        };
        for (int i = 0; i < 200; i++)
        {
            values.Add(TestValues.RandomBelow(rng, m));
        }
        foreach (var x in values)
        {
            var a = Limbs256.FromBigInteger(x);
            var (doubled, aliased) = field == "Fp" ? Double<FpModulus>(a) : Double<FrModulus>(a);
            Assert.Equal(2 * x % m, doubled.ToBigInteger());
            Assert.Equal(2 * x % m, aliased.ToBigInteger());
        }
    }

    private static (Limbs256 Doubled, Limbs256 Aliased) Double<TModulus>(Limbs256 a)
        where TModulus : struct, IMontgomeryModulus
    {
        MontgomeryArithmetic<TModulus>.Double(in a, out var doubled);
        var x = a;
        MontgomeryArithmetic<TModulus>.Double(in x, out x);
        return (doubled, x);
    }

    private static (Limbs256 Sum, Limbs256 Aliased) Add<TModulus>(Limbs256 a, Limbs256 b)
        where TModulus : struct, IMontgomeryModulus
    {
        MontgomeryArithmetic<TModulus>.Add(in a, in b, out var sum);
        var x = a;
        MontgomeryArithmetic<TModulus>.Add(in x, in b, out x);
        return (sum, x);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Multiplication_and_squaring_match_BigInteger_on_operands_below_2M(string field)
    {
        var m = Modulus(field);
        var rInverse = RInverse(m);
        var operands = Operands(m, 12, 40);
        foreach (var x in operands)
        {
            var a = Limbs256.FromBigInteger(x);
            var square = field == "Fp" ? Square<FpModulus>(a) : Square<FrModulus>(a);
            var expectedSquare = x * x * rInverse % m;
            Assert.Equal(expectedSquare, square.Result.ToBigInteger());
            Assert.Equal(expectedSquare, square.Aliased.ToBigInteger());
            foreach (var y in operands)
            {
                var b = Limbs256.FromBigInteger(y);
                var product = field == "Fp" ? Multiply<FpModulus>(a, b) : Multiply<FrModulus>(a, b);
                var expected = x * y * rInverse % m;
                Assert.Equal(expected, product.Result.ToBigInteger());
                Assert.Equal(expected, product.AliasedLeft.ToBigInteger());
                Assert.Equal(expected, product.AliasedRight.ToBigInteger());
            }
        }
    }

    private static (Limbs256 Result, Limbs256 AliasedLeft, Limbs256 AliasedRight) Multiply<TModulus>(Limbs256 a, Limbs256 b)
        where TModulus : struct, IMontgomeryModulus
    {
        MontgomeryArithmetic<TModulus>.Multiply(in a, in b, out var result);
        var left = a;
        MontgomeryArithmetic<TModulus>.Multiply(in left, in b, out left);
        var right = b;
        MontgomeryArithmetic<TModulus>.Multiply(in a, in right, out right);
        return (result, left, right);
    }

    private static (Limbs256 Result, Limbs256 Aliased) Square<TModulus>(Limbs256 a)
        where TModulus : struct, IMontgomeryModulus
    {
        MontgomeryArithmetic<TModulus>.Square(in a, out var result);
        var x = a;
        MontgomeryArithmetic<TModulus>.Square(in x, out x);
        return (result, x);
    }
}
