using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// The optimal ate pairing e: G1 x G2 -> GT on BN254 (the pairing of EIP-197 and snarkjs),
/// e(P, Q) = f_{6u+2,Q}(P) * l_{[6u+2]Q, pi(Q)}(P) * l_{.., -pi^2(Q)}(P), raised to (p^12 - 1)/r.
/// Inputs are trusted to be valid points (all values of the public point types are); pairs with a
/// point at infinity contribute 1.
/// </summary>
public static class Pairing
{
    public static GT Pair(in G1Affine p, in G2Affine q)
    {
        ReadOnlySpan<AffinePoint<Fp>> g1 = [p.Point];
        ReadOnlySpan<AffinePoint<Fp2>> g2 = [q.Point];
        return new GT(FinalExponentiation.Apply(MillerLoop.RunOnTheFly(g1, g2)));
    }

    /// <summary>The product of e(g1[i], g2[i]), with one shared final exponentiation.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static GT MultiPair(ReadOnlySpan<G1Affine> g1, ReadOnlySpan<G2Affine> g2) =>
        new(FinalExponentiation.Apply(MultiMillerLoop(g1, g2)));

    /// <summary>True when the product of e(g1[i], g2[i]) is one (the EIP-197 check); true for no pairs.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static bool PairingCheck(ReadOnlySpan<G1Affine> g1, ReadOnlySpan<G2Affine> g2) =>
        FinalExponentiation.IsOneAfter(MultiMillerLoop(g1, g2));

    /// <summary>True when the product of e(pairs[i].G1, pairs[i].G2) is one.</summary>
    public static bool PairingCheck(params ReadOnlySpan<(G1Affine G1, G2Affine G2)> pairs)
    {
        var g1 = new G1Affine[pairs.Length];
        var g2 = new G2Affine[pairs.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            (g1[i], g2[i]) = pairs[i];
        }
        return PairingCheck(g1, g2);
    }

    /// <summary>As <see cref="PairingCheck(ReadOnlySpan{G1Affine}, ReadOnlySpan{G2Affine})"/> with prepared G2 points.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentNullException">An element of <paramref name="g2"/> is null.</exception>
    public static bool PairingCheck(ReadOnlySpan<G1Affine> g1, ReadOnlySpan<G2Prepared> g2) =>
        FinalExponentiation.IsOneAfter(MultiMillerLoop(g1, g2));

    /// <summary>The product of the Miller loops of the pairs, without the final exponentiation.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="ArgumentNullException">An element of <paramref name="g2"/> is null.</exception>
    public static MillerLoopValue MillerLoopProduct(ReadOnlySpan<G1Affine> g1, ReadOnlySpan<G2Prepared> g2) =>
        new(MultiMillerLoop(g1, g2));

    /// <summary>
    /// True when factor * prod e(g1[i], g2[i]) * prod e(g1Prepared[j], g2Prepared[j]) is one, with one
    /// final exponentiation: G2 points that change per call (a proof's) go in <paramref name="g2"/>
    /// and have their lines computed on the fly, fixed ones (a key's) come prepared, and a constant
    /// pairing product comes as a Miller-loop value.
    /// </summary>
    /// <exception cref="ArgumentException">A pair of spans differ in length.</exception>
    /// <exception cref="ArgumentNullException">An element of <paramref name="g2Prepared"/> is null.</exception>
    public static bool PairingCheck(
        ReadOnlySpan<G1Affine> g1, ReadOnlySpan<G2Affine> g2, ReadOnlySpan<G1Affine> g1Prepared, ReadOnlySpan<G2Prepared> g2Prepared, in MillerLoopValue factor)
    {
        // One loop for both kinds of pairs, so the accumulator's squarings are paid once.
        var product = MultiMillerLoop(g1, g2, g1Prepared, g2Prepared) * factor.Value;
        return FinalExponentiation.IsOneAfter(product);
    }

    internal static Fp12 MultiMillerLoop(
        ReadOnlySpan<G1Affine> g1, ReadOnlySpan<G2Affine> g2, ReadOnlySpan<G1Affine> g1Prepared, ReadOnlySpan<G2Prepared> g2Prepared)
    {
        CheckLengths(g1.Length, g2.Length);
        CheckLengths(g1Prepared.Length, g2Prepared.Length);
        return MillerLoop.RunMixed(
            System.Runtime.InteropServices.MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(g1),
            System.Runtime.InteropServices.MemoryMarshal.Cast<G2Affine, AffinePoint<Fp2>>(g2),
            System.Runtime.InteropServices.MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(g1Prepared),
            Lines(g2Prepared));
    }

    internal static Fp12 MultiMillerLoop(ReadOnlySpan<G1Affine> g1, ReadOnlySpan<G2Affine> g2)
    {
        CheckLengths(g1.Length, g2.Length);
        return MillerLoop.RunOnTheFly(
            System.Runtime.InteropServices.MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(g1),
            System.Runtime.InteropServices.MemoryMarshal.Cast<G2Affine, AffinePoint<Fp2>>(g2));
    }

    internal static Fp12 MultiMillerLoop(ReadOnlySpan<G1Affine> g1, ReadOnlySpan<G2Prepared> g2)
    {
        CheckLengths(g1.Length, g2.Length);
        return MillerLoop.Run(System.Runtime.InteropServices.MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(g1), Lines(g2));
    }

    private static PreparedLine[]?[] Lines(ReadOnlySpan<G2Prepared> g2)
    {
        var lines = new PreparedLine[]?[g2.Length];
        for (int i = 0; i < g2.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(g2[i], nameof(g2));
            lines[i] = g2[i].Lines;
        }
        return lines;
    }

    private static void CheckLengths(int g1Length, int g2Length)
    {
        if (g1Length != g2Length)
        {
            throw new ArgumentException("g1 and g2 must have the same number of points");
        }
    }
}
