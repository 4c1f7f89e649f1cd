using System.Runtime.InteropServices;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// Multi-scalar multiplication sum_i [scalars[i]] points[i] for G1 and G2 by Pippenger's bucket
/// method: signed digits, zero scalars skipped, window width chosen from the scalars' bit lengths,
/// affine buckets with batched inversions, windows spread over the machine's cores when there is
/// enough work. Variable time in the scalars, like every Groth16 prover's MSM. Points are trusted
/// (all public point values are valid; nothing here checks curve or subgroup membership).
/// </summary>
public static class Msm
{
    /// <param name="points">The bases.</param>
    /// <param name="scalars">One scalar per base.</param>
    /// <param name="maxDegreeOfParallelism">1 for single-threaded; 0 or negative for all cores.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static G1Jacobian G1(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars, int maxDegreeOfParallelism = 0)
    {
        var canonical = Canonical(points.Length, scalars);
        return new G1Jacobian(Pippenger<Fp>.Run(MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(points), canonical, maxDegreeOfParallelism));
    }

    /// <inheritdoc cref="G1"/>
    public static G2Jacobian G2(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars, int maxDegreeOfParallelism = 0)
    {
        var canonical = Canonical(points.Length, scalars);
        return new G2Jacobian(Pippenger<Fp2>.Run(MemoryMarshal.Cast<G2Affine, AffinePoint<Fp2>>(points), canonical, maxDegreeOfParallelism));
    }

    private static Limbs256[] Canonical(int pointCount, ReadOnlySpan<Fr> scalars)
    {
        if (pointCount != scalars.Length)
        {
            throw new ArgumentException("points and scalars must have the same length", nameof(scalars));
        }
        var canonical = new Limbs256[scalars.Length];
        for (int i = 0; i < scalars.Length; i++)
        {
            MontgomeryArithmetic<FrModulus>.FromMontgomery(in scalars[i].Limbs, out canonical[i]);
        }
        return canonical;
    }
}
