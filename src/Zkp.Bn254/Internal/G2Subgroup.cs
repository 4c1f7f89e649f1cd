using System.Numerics;

namespace Zkp.Bn254.Internal;

/// <summary>
/// The untwist-Frobenius-twist endomorphism psi of E'(F_p2) and the subgroup test built on it.
/// </summary>
internal static class G2Subgroup
{
    /// <summary>xi^((p-1)/3) and xi^((p-1)/2): psi(x, y) = (conj(x) * PsiX, conj(y) * PsiY).</summary>
    public static readonly Fp2 PsiX = Fp2.Xi.Pow((Fp.Modulus - 1) / 3);

    public static readonly Fp2 PsiY = Fp2.Xi.Pow((Fp.Modulus - 1) / 2);

    /// <summary>u = 4965661367192848881, the BN parameter of this curve.</summary>
    public const ulong CurveParameterU = 4965661367192848881;

    /// <summary>Non-adjacent form of u, least significant digit first (the top digit is 1).</summary>
    private static readonly sbyte[] UNaf = MillerLoop.Naf(CurveParameterU);

    public static JacobianPoint<Fp2> Psi(in JacobianPoint<Fp2> p)
    {
        // conj is a field automorphism, so it may be applied to X, Y, Z separately.
        return new JacobianPoint<Fp2>(p.X.Conjugate() * PsiX, p.Y.Conjugate() * PsiY, p.Z.Conjugate());
    }

    public static AffinePoint<Fp2> Psi(in AffinePoint<Fp2> p) =>
        p.IsInfinity ? p : new AffinePoint<Fp2>(p.X.Conjugate() * PsiX, p.Y.Conjugate() * PsiY);

    /// <summary>
    /// [u]Q by the NAF of u: 62 doublings and a mixed addition of +-Q per non-zero digit (no table,
    /// since Q is affine). Variable time in u only, which is public.
    /// </summary>
    internal static void MultiplyByU(in AffinePoint<Fp2> q, out JacobianPoint<Fp2> result)
    {
        var negQ = CurveArithmetic<Fp2>.Negate(in q);
        var acc = CurveArithmetic<Fp2>.FromAffine(in q); // the top NAF digit is 1
        for (int i = UNaf.Length - 2; i >= 0; i--)
        {
            CurveArithmetic<Fp2>.Double(in acc, out acc);
            if (UNaf[i] == 1)
            {
                CurveArithmetic<Fp2>.AddMixed(in acc, in q, out acc);
            }
            else if (UNaf[i] == -1)
            {
                CurveArithmetic<Fp2>.AddMixed(in acc, in negQ, out acc);
            }
        }
        result = acc;
    }

    /// <summary>
    /// Q is in the order-r subgroup iff [u + 1]Q + psi([u]Q) + psi^2([u]Q) = psi^3([2u]Q)
    /// (Dai, Lin, Zhao, Zhou, "Fast subgroup membership testings for G1, G2 and GT on pairing-friendly
    /// curves", eprint 2022/348, sec. 5.1, the test gnark-crypto's bn254 IsInSubGroup uses; in the line
    /// of El Housni, Guillevic, Piellard, eprint 2022/352). The
    /// equivalence is proved for points of E'(F_p2) only, so this method does NOT check the twist
    /// equation and must not be given a point that may be off it: <see cref="G2Affine.Validate"/>
    /// checks the equation first. Costs one 63-bit multiplication by u plus three psi maps, where the
    /// older psi(Q) = [6u^2]Q test needed a 128-bit multiplication and [r]Q a 254-bit one.
    /// </summary>
    public static bool IsInSubgroup(in AffinePoint<Fp2> q)
    {
        if (q.IsInfinity)
        {
            return true;
        }
        MultiplyByU(in q, out var uQ);
        var psiUQ = Psi(in uQ);
        var psi2UQ = Psi(in psiUQ);
        CurveArithmetic<Fp2>.AddMixed(in uQ, in q, out var lhs);
        CurveArithmetic<Fp2>.Add(in lhs, in psiUQ, out lhs);
        CurveArithmetic<Fp2>.Add(in lhs, in psi2UQ, out lhs);
        var psi3UQ = Psi(in psi2UQ);
        CurveArithmetic<Fp2>.Double(in psi3UQ, out var rhs);
        return CurveArithmetic<Fp2>.AreEqual(in lhs, in rhs);
    }

    private static readonly BigInteger SixUSquaredValue = 6 * BigInteger.Pow(CurveParameterU, 2);

    /// <summary>
    /// [k]Q for Q in G2 and 0 &lt;= k &lt; r, using that psi acts on G2 as multiplication by
    /// p = 6u^2 (mod r): with k = k0 + k1 * 6u^2 (k0, k1 below 2^128), [k]Q = [k0]Q + [k1]psi(Q),
    /// evaluated with one shared chain of about 128 doublings. Variable time; Q must be in G2.
    /// </summary>
    public static void MultiplyInSubgroup(in JacobianPoint<Fp2> q, in Limbs256 k, out JacobianPoint<Fp2> result)
    {
        var k1 = BigInteger.DivRem(k.ToBigInteger(), SixUSquaredValue, out var k0);
        Span<sbyte> digits0 = stackalloc sbyte[260];
        Span<sbyte> digits1 = stackalloc sbyte[260];
        int length0 = CurveArithmetic<Fp2>.ComputeWnaf(Limbs256.FromBigInteger(k0), digits0);
        int length1 = CurveArithmetic<Fp2>.ComputeWnaf(Limbs256.FromBigInteger(k1), digits1);
        Span<JacobianPoint<Fp2>> table0 = stackalloc JacobianPoint<Fp2>[8];
        Span<JacobianPoint<Fp2>> table1 = stackalloc JacobianPoint<Fp2>[8];
        CurveArithmetic<Fp2>.BuildOddMultiples(in q, table0);
        for (int i = 0; i < 8; i++)
        {
            table1[i] = Psi(in table0[i]);
        }
        result = CurveArithmetic<Fp2>.InterleavedWnaf(table0, digits0[..length0], table1, digits1[..length1]);
    }
}
