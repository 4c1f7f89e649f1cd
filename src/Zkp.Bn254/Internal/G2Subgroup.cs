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
}
