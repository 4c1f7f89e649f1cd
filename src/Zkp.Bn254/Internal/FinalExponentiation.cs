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
    /// <summary>Width-4 NAF of u (odd digits in [-7, 7]), least significant first: 14 non-zero digits instead of 24 in plain NAF.</summary>
    internal static readonly sbyte[] UDigits = WidthNaf(new BigInteger(G2Subgroup.CurveParameterU), 4);

    internal static sbyte[] WidthNaf(BigInteger k, int width)
    {
        var digits = new List<sbyte>();
        int full = 1 << width;
        while (!k.IsZero)
        {
            int d = 0;
            if (!k.IsEven)
            {
                d = (int)(k & (full - 1));
                if (d >= full / 2)
                {
                    d -= full;
                }
                k -= d;
            }
            digits.Add((sbyte)d);
            k >>= 1;
        }
        return [.. digits];
    }

    /// <summary>a^u for a in the cyclotomic subgroup, where a^-1 is the conjugate: sliding signed window.</summary>
    internal static Fp12 ExpByU(in Fp12 a)
    {
        Span<Fp12> odd = stackalloc Fp12[4]; // a, a^3, a^5, a^7
        odd[0] = a;
        Fp12.CyclotomicSquare(in a, out var a2);
        for (int i = 1; i < 4; i++)
        {
            Fp12.Multiply(in odd[i - 1], in a2, out odd[i]);
        }
        int top = UDigits.Length - 1;
        var acc = UDigits[top] > 0 ? odd[UDigits[top] >> 1] : odd[(-UDigits[top]) >> 1].Conjugate();
        for (int i = top - 1; i >= 0; i--)
        {
            Fp12.CyclotomicSquare(in acc, out acc);
            int d = UDigits[i];
            if (d > 0)
            {
                Fp12.Multiply(in acc, in odd[d >> 1], out acc);
            }
            else if (d < 0)
            {
                var inverse = odd[(-d) >> 1].Conjugate();
                Fp12.Multiply(in acc, in inverse, out acc);
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
