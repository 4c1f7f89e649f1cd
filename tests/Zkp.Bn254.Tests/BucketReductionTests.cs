using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

/// <summary>
/// The MSM's bucket reduction sum_k k B_k: the two-level version (affine halving rounds) against
/// the running sums it replaces and a naive sum of scalar multiplications, with empty buckets,
/// Jacobian overflow parts, doublings and cancellations inside a group.
/// </summary>
public class BucketReductionTests
{
    private static AffinePoint<Fp> RandomG1(Random random) =>
        G1Affine.Generator.Multiply(Fr.FromUInt64((ulong)random.NextInt64(1, long.MaxValue))).ToAffine().Point;

    private static JacobianPoint<Fp> Naive(AffinePoint<Fp>[] affine, JacobianPoint<Fp>[] overflow)
    {
        var sum = JacobianPoint<Fp>.Infinity;
        for (int k = 1; k <= affine.Length; k++)
        {
            CurveArithmetic<Fp>.Add(in overflow[k - 1], CurveArithmetic<Fp>.FromAffine(in affine[k - 1]), out var bucket);
            CurveArithmetic<Fp>.MultiplyVartime(in bucket, new Limbs256((ulong)k, 0, 0, 0), out var term);
            CurveArithmetic<Fp>.Add(in sum, in term, out sum);
        }

        return sum;
    }

    private static void AssertAllAgree(AffinePoint<Fp>[] affine, JacobianPoint<Fp>[] overflow)
    {
        var twoLevel = Pippenger<Fp>.WeightedSumTwoLevel(affine, overflow);
        var running = Pippenger<Fp>.WeightedSumRunning(affine, overflow);
        var naive = Naive(affine, overflow);
        Assert.True(CurveArithmetic<Fp>.AreEqual(in naive, in running));
        Assert.True(CurveArithmetic<Fp>.AreEqual(in naive, in twoLevel));
        Assert.True(CurveArithmetic<Fp>.IsOnCurve(in twoLevel));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(300)] // not a power of two
    [InlineData(1024)]
    public void Two_level_reduction_equals_running_sums_and_naive(int buckets)
    {
        var random = new Random(1000 + buckets);
        var affine = new AffinePoint<Fp>[buckets];
        var overflow = new JacobianPoint<Fp>[buckets];
        for (int k = 0; k < buckets; k++)
        {
            affine[k] = random.Next(8) == 0 ? default : RandomG1(random); // about 1 in 8 empty
            overflow[k] = random.Next(16) == 0 ? CurveArithmetic<Fp>.FromAffine(RandomG1(random)) : JacobianPoint<Fp>.Infinity;
        }

        AssertAllAgree(affine, overflow);
    }

    [Fact]
    public void Equal_and_opposite_points_in_one_group_and_empty_sets()
    {
        // With 256 buckets, m = 16: buckets k and k + 16 share S_(k mod 16); k and k + 1 share T_(k div 16).
        int n = 256;
        var random = new Random(7);
        var p = RandomG1(random);
        var minusP = CurveArithmetic<Fp>.Negate(in p);
        var affine = new AffinePoint<Fp>[n];
        var overflow = new JacobianPoint<Fp>[n];
        overflow.AsSpan().Fill(JacobianPoint<Fp>.Infinity);
        AssertAllAgree(affine, overflow); // every bucket empty: infinity

        for (int k = 0; k < n; k++)
        {
            affine[k] = (k % 3) switch { 0 => p, 1 => minusP, _ => RandomG1(random) };
        }

        AssertAllAgree(affine, overflow);
        affine.AsSpan().Fill(p); // every pair in every round a doubling
        AssertAllAgree(affine, overflow);
        for (int k = 0; k < n; k++)
        {
            affine[k] = k % 2 == 0 ? p : minusP; // every first-round pair of T groups cancels
        }

        overflow[5] = CurveArithmetic<Fp>.FromAffine(in p);
        overflow[200] = CurveArithmetic<Fp>.FromAffine(in minusP);
        AssertAllAgree(affine, overflow);
    }

    [Fact]
    public void Two_level_reduction_in_G2()
    {
        var random = new Random(99);
        int n = 512;
        var affine = new AffinePoint<Fp2>[n];
        var overflow = new JacobianPoint<Fp2>[n];
        var naive = JacobianPoint<Fp2>.Infinity;
        for (int k = 0; k < n; k++)
        {
            affine[k] = k % 9 == 0 ? default : G2Affine.Generator.Multiply(Fr.FromUInt64((ulong)random.NextInt64(1, long.MaxValue))).ToAffine().Point;
            overflow[k] = k % 50 == 3 ? G2Affine.Generator.Multiply(Fr.FromUInt64((ulong)k)).Point : JacobianPoint<Fp2>.Infinity;
            CurveArithmetic<Fp2>.Add(in overflow[k], CurveArithmetic<Fp2>.FromAffine(in affine[k]), out var bucket);
            CurveArithmetic<Fp2>.MultiplyVartime(in bucket, new Limbs256((ulong)(k + 1), 0, 0, 0), out var term);
            CurveArithmetic<Fp2>.Add(in naive, in term, out naive);
        }

        var twoLevel = Pippenger<Fp2>.WeightedSumTwoLevel(affine, overflow);
        var running = Pippenger<Fp2>.WeightedSumRunning(affine, overflow);
        Assert.True(CurveArithmetic<Fp2>.AreEqual(in naive, in twoLevel));
        Assert.True(CurveArithmetic<Fp2>.AreEqual(in naive, in running));
    }
}
