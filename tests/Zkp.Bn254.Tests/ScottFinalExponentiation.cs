using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

internal static class ScottFinalExponentiation
{
    /// <summary>
    /// The exact final exponentiation by the addition chain of Scott et al. (13 multiplications, 4 cyclotomic
    /// squarings, 7 Frobenius maps around the exponentiations by u): FinalExponentiation.Apply until the
    /// fifth session, now the tests' second reference for it (built from the library's own easy part,
    /// exponentiation by u and tower operations, which other tests check against BigInteger).
    /// </summary>
    public static Fp12 Apply(in Fp12 f)
    {
        var t = FinalExponentiation.EasyPart(in f);
        var fp = t.Frobenius(1);
        var fp2 = t.Frobenius(2);
        var fp3 = fp2.Frobenius(1);

        var fu = FinalExponentiation.ExpByU(in t);
        var fu2 = FinalExponentiation.ExpByU(in fu);
        var fu3 = FinalExponentiation.ExpByU(in fu2);

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
