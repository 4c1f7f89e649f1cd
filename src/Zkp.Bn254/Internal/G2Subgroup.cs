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

    /// <summary>6u^2 = 147946756881789318990833708069417712966 (128 bits).</summary>
    private static readonly Limbs256 SixUSquared = Limbs256.FromBigInteger(6 * BigInteger.Pow(CurveParameterU, 2));

    public static JacobianPoint<Fp2> Psi(in JacobianPoint<Fp2> p)
    {
        // conj is a field automorphism, so it may be applied to X, Y, Z separately.
        return new JacobianPoint<Fp2>(p.X.Conjugate() * PsiX, p.Y.Conjugate() * PsiY, p.Z.Conjugate());
    }

    public static AffinePoint<Fp2> Psi(in AffinePoint<Fp2> p) =>
        p.IsInfinity ? p : new AffinePoint<Fp2>(p.X.Conjugate() * PsiX, p.Y.Conjugate() * PsiY);

    /// <summary>
    /// Q is in the order-r subgroup iff psi(Q) = [6u^2]Q (Scott, "A note on group membership tests
    /// for G1, G2 and GT on BLS pairing-friendly curves", eprint 2021/1130, which treats BN curves
    /// too). Costs one 128-bit scalar multiplication instead of a 254-bit one. Assumes Q is on the twist.
    /// </summary>
    public static bool IsInSubgroup(in JacobianPoint<Fp2> q)
    {
        if (q.IsInfinity)
        {
            return true;
        }
        CurveArithmetic<Fp2>.MultiplyVartime(in q, in SixUSquared, out var lhs);
        var rhs = Psi(in q);
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
