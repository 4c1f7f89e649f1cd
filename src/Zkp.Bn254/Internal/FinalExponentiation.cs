using System.Numerics;

namespace Zkp.Bn254.Internal;

/// <summary>
/// f -> f^((p^12 - 1)/r), the exact exponent (so results agree with other libraries' GT values).
/// Easy part (p^6 - 1)(p^2 + 1) by conjugation, one inversion and a Frobenius; the hard part
/// (p^4 - p^2 + 1)/r = lambda3 p^3 + lambda2 p^2 + lambda1 p + lambda0 with
/// lambda3 = 1, lambda2 = 6u^2 + 1, lambda1 = -36u^3 - 18u^2 - 12u + 1, lambda0 = -36u^3 - 30u^2 - 18u - 2,
/// evaluated by the addition chain of Scott et al., "On the final exponentiation for calculating
/// pairings on ordinary elliptic curves" (three exponentiations by u with cyclotomic squarings).
/// </summary>
internal static class FinalExponentiation
{
    private static readonly sbyte[] UDigits = MillerLoop.Naf(new BigInteger(G2Subgroup.CurveParameterU));

    /// <summary>a^u for a in the cyclotomic subgroup (signed digits: a^-1 is the conjugate there).</summary>
    internal static Fp12 ExpByU(in Fp12 a)
    {
        var aInv = a.Conjugate();
        var acc = a; // the top NAF digit is 1
        for (int i = UDigits.Length - 2; i >= 0; i--)
        {
            Fp12.CyclotomicSquare(in acc, out acc);
            if (UDigits[i] == 1)
            {
                Fp12.Multiply(in acc, in a, out acc);
            }
            else if (UDigits[i] == -1)
            {
                Fp12.Multiply(in acc, in aInv, out acc);
            }
        }
        return acc;
    }

    /// <summary>The easy part f^((p^6 - 1)(p^2 + 1)); maps into the cyclotomic subgroup. f must be non-zero.</summary>
    internal static Fp12 EasyPart(in Fp12 f)
    {
        var t = f.Conjugate() * f.InverseOrZero(); // f^(p^6 - 1)
        return t.Frobenius(2) * t;
    }

    public static Fp12 Apply(in Fp12 f)
    {
        var t = EasyPart(in f);
        var fp = t.Frobenius(1);
        var fp2 = t.Frobenius(2);
        var fp3 = fp2.Frobenius(1);

        var fu = ExpByU(in t);
        var fu2 = ExpByU(in fu);
        var fu3 = ExpByU(in fu2);

        var y3 = fu.Frobenius(1);
        var fu2p = fu2.Frobenius(1);
        var fu3p = fu3.Frobenius(1);
        var y2 = fu2.Frobenius(2);

        var y0 = fp * fp2 * fp3;
        var y1 = t.Conjugate();
        var y5 = fu2.Conjugate();
        y3 = y3.Conjugate();
        var y4 = (fu * fu2p).Conjugate();
        var y6 = (fu3 * fu3p).Conjugate();

        // result = y0 * y1^2 * y2^6 * y3^12 * y4^18 * y5^30 * y6^36
        Fp12.CyclotomicSquare(in y6, out var t0);
        t0 = t0 * y4 * y5;
        var t1 = y3 * y5 * t0;
        t0 *= y2;
        Fp12.CyclotomicSquare(in t1, out t1);
        t1 *= t0;
        Fp12.CyclotomicSquare(in t1, out t1);
        t0 = t1 * y1;
        t1 *= y0;
        Fp12.CyclotomicSquare(in t0, out t0);
        return t0 * t1;
    }
}
