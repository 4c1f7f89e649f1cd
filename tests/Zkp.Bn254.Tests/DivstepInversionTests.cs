using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

/// <summary>
/// The divstep (Bernstein-Yang) inversion against BigInteger.ModPow(x, M - 2, M), the two Fermat
/// inversions it replaced, and an independent BigInteger model of the half-delta divstep.
/// </summary>
public class DivstepInversionTests
{
    private static readonly BigInteger R = BigInteger.One << 256;

    [Fact]
    public void Matches_BigInteger_Fermat_on_edge_and_random_limbs_in_Fp() => CheckLimbs<FpModulus>(Fp.Modulus, seed: 11, randomCount: 3000);

    [Fact]
    public void Matches_BigInteger_Fermat_on_edge_and_random_limbs_in_Fr() => CheckLimbs<FrModulus>(Fr.Modulus, seed: 12, randomCount: 3000);

    [Fact]
    public void Agrees_with_both_Fermat_inversions_in_both_fields()
    {
        CompareWithFermat<FpModulus>(Fp.Modulus, seed: 21, count: 2000);
        CompareWithFermat<FrModulus>(Fr.Modulus, seed: 22, count: 2000);
    }

    [Fact]
    public void Field_types_invert_canonical_edge_values()
    {
        foreach (var a in EdgeValues(Fp.Modulus))
        {
            var x = Fp.FromBigInteger(a);
            var inverse = x.InverseOrZero();
            Assert.Equal(a.IsZero ? BigInteger.Zero : BigInteger.ModPow(a, Fp.Modulus - 2, Fp.Modulus), inverse.ToBigInteger());
            Assert.Equal(!a.IsZero, (x * inverse).IsOne);
        }
        foreach (var a in EdgeValues(Fr.Modulus))
        {
            var x = Fr.FromBigInteger(a);
            var inverse = x.InverseOrZero();
            Assert.Equal(a.IsZero ? BigInteger.Zero : BigInteger.ModPow(a, Fr.Modulus - 2, Fr.Modulus), inverse.ToBigInteger());
            Assert.Equal(!a.IsZero, (x * inverse).IsOne);
        }
    }

    [Fact]
    public void Divstep_count_covers_the_cited_bounds()
    {
        // The Coq-checked threshold for 590 half-delta divsteps (sipa/safegcd-bounds hddivsteps590.v).
        var threshold = BigInteger.Parse("0101c840faed222b9ef3bfe933011b277f84ee3d3f6dc8b496d8cd75b8315afec2", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(threshold > BigInteger.One << 256);
        Assert.Equal(590, MontgomeryArithmetic<FpModulus>.InverseDivsteps);
        Assert.Equal(MontgomeryArithmetic<FpModulus>.DivstepsPerBatch * MontgomeryArithmetic<FpModulus>.DivstepBatches, MontgomeryArithmetic<FpModulus>.InverseDivsteps);
        foreach (var modulus in new[] { Fp.Modulus, Fr.Modulus })
        {
            Assert.True(modulus < threshold);
            // safegcd-bounds' empirical formula for hddivsteps, floor((3787 log2 M + 2166) / 1644).
            double log2 = BigInteger.Log(modulus, 2);
            int formula = (int)Math.Floor((3787 * log2 + 2166) / 1644);
            Assert.InRange(formula, 580, 590);
            Assert.True(MontgomeryArithmetic<FpModulus>.InverseDivsteps >= formula);
            Assert.True(MontgomeryArithmetic<FrModulus>.InverseDivsteps >= formula);
        }
    }

    [Fact]
    public void BigInteger_divstep_model_finishes_within_the_fixed_count()
    {
        // An independent model of the half-delta divstep (delta in halves: 2 * delta starts at 1).
        var rng = new Random(31);
        foreach (var modulus in new[] { Fp.Modulus, Fr.Modulus })
        {
            var values = EdgeValues(modulus).Concat(Enumerable.Range(0, 300).Select(_ => TestValues.RandomBelow(rng, modulus)));
            foreach (var x in values)
            {
                Assert.InRange(CountDivsteps(modulus, x), 0, MontgomeryArithmetic<FpModulus>.InverseDivsteps);
            }
        }
    }

    private static int CountDivsteps(BigInteger f, BigInteger g)
    {
        var gcd = g.IsZero ? f : BigInteger.One; // f is prime
        int twiceDelta = 1;
        int steps = 0;
        while (!g.IsZero)
        {
            if (twiceDelta > 0 && !g.IsEven)
            {
                (twiceDelta, f, g) = (4 - twiceDelta, g, (g - f) >> 1);
            }
            else if (!g.IsEven)
            {
                (twiceDelta, g) = (4 + twiceDelta, (g + f) >> 1);
            }
            else
            {
                (twiceDelta, g) = (4 + twiceDelta, g >> 1);
            }
            steps++;
        }
        Assert.Equal(gcd, BigInteger.Abs(f));
        return steps;
    }

    /// <summary>0, 1, 2, M-1, M-2, halves, powers of two, inverses of small numbers, short values.</summary>
    private static List<BigInteger> EdgeValues(BigInteger modulus)
    {
        var values = new List<BigInteger> { 0, 1, 2, 3, modulus - 1, modulus - 2, modulus - 3, (modulus - 1) / 2, (modulus + 1) / 2 };
        for (int k = 1; k < 254; k++)
        {
            var power = BigInteger.One << k;
            if (power < modulus)
            {
                values.Add(power);
                values.Add(power - 1);
                values.Add(modulus - power);
            }
        }
        foreach (int small in new[] { 2, 3, 5, 7, 1 << 20, int.MaxValue })
        {
            values.Add(BigInteger.ModPow(small, modulus - 2, modulus)); // its inverse is small
        }
        var rng = new Random(41);
        foreach (int bits in new[] { 8, 64, 65, 128, 192 })
        {
            for (int i = 0; i < 5; i++)
            {
                values.Add(TestValues.RandomBelow(rng, BigInteger.One << bits)); // leading zero limbs
            }
        }
        return values;
    }

    private static void CheckLimbs<TModulus>(BigInteger modulus, int seed, int randomCount)
        where TModulus : struct, IMontgomeryModulus
    {
        var rng = new Random(seed);
        var rSquared = R * R % modulus;
        var one = TModulus.RModM;
        var values = EdgeValues(modulus).Concat(Enumerable.Range(0, randomCount).Select(_ => TestValues.RandomBelow(rng, modulus)));
        foreach (var x in values)
        {
            // Limbs x are the Montgomery form of x R^-1, whose inverse has Montgomery form x^-1 R^2.
            var limbs = Limbs256.FromBigInteger(x);
            MontgomeryArithmetic<TModulus>.Invert(in limbs, out var inverse);
            var expected = x.IsZero ? BigInteger.Zero : BigInteger.ModPow(x, modulus - 2, modulus) * rSquared % modulus;
            Assert.Equal(expected, inverse.ToBigInteger());

            MontgomeryArithmetic<TModulus>.Multiply(in limbs, in inverse, out var product);
            Assert.Equal(x.IsZero ? BigInteger.Zero : one.ToBigInteger(), product.ToBigInteger());

            var aliased = limbs;
            MontgomeryArithmetic<TModulus>.Invert(in aliased, out aliased);
            Assert.Equal(expected, aliased.ToBigInteger());
        }
    }

    private static void CompareWithFermat<TModulus>(BigInteger modulus, int seed, int count)
        where TModulus : struct, IMontgomeryModulus
    {
        var rng = new Random(seed);
        foreach (var x in EdgeValues(modulus).Concat(Enumerable.Range(0, count).Select(_ => TestValues.RandomBelow(rng, modulus))))
        {
            var limbs = Limbs256.FromBigInteger(x);
            MontgomeryArithmetic<TModulus>.Invert(in limbs, out var divsteps);
            MontgomeryArithmetic<TModulus>.InvertByFermat(in limbs, out var windowed);
            MontgomeryArithmetic<TModulus>.InvertBySquareAndMultiply(in limbs, out var plain);
            Assert.Equal(plain.ToBigInteger(), windowed.ToBigInteger());
            Assert.Equal(plain.ToBigInteger(), divsteps.ToBigInteger());
        }
    }
}
