using System.Runtime.CompilerServices;

namespace Zkp.Bn254.Internal;

/// <summary>
/// f -> f^((p^12 - 1)/r), the exact exponent (so results agree with other libraries' GT values).
/// Easy part (p^6 - 1)(p^2 + 1) by conjugation, one inversion and a Frobenius; the hard part
/// (p^4 - p^2 + 1)/r = lambda3 p^3 + lambda2 p^2 + lambda1 p + lambda0 with
/// lambda3 = 1, lambda2 = 6u^2 + 1, lambda1 = -36u^3 - 18u^2 - 12u + 1, lambda0 = -36u^3 - 30u^2 - 18u - 2,
/// evaluated by the addition chain of Scott et al., "On the final exponentiation for calculating
/// pairings on ordinary elliptic curves" (three exponentiations by u with cyclotomic squarings).
/// </summary>
[SkipLocalsInit]
internal static class FinalExponentiation
{
    /// <summary>
    /// Signed addition chain for u = 0x44E992B44A6909F1, found by an exhaustive search over small
    /// precomputed tables (a^1, a^15, a^19 with the squarings a^2..a^32 on the way) and the
    /// minimal-weight signed representation of u over those digits. Start from a^32, then for each
    /// entry square and, if non-zero, multiply by a^d (a^-d is a conjugate). Cost: 62 cyclotomic
    /// squarings + 13 multiplications (2 for the table, 11 in the loop), against 63 + 16 for the
    /// width-4 NAF used before. Most significant entry first; Exponent_chain_encodes_u checks it.
    /// </summary>
    internal const int UChainStart = 32;

    internal static ReadOnlySpan<sbyte> UChain =>
    [
        0, 0, 19, 1, 0, 0, 0, 0, 0, 19, 0, 0, 0, 0, 0, 0, 19, 0, 0, 0, 0, 0, -19, 0, 0, 0, 0, 0, 0, 0,
        15, 0, 15, 0, 0, 0, 0, -19, 0, 0, 0, 0, 0, 0, 19, 0, 0, -19, 0, 0, 0, 0, 0, 0, 0, 0, -15,
    ];

    /// <summary>
    /// a^u for a in the cyclotomic subgroup, where a^-1 is the conjugate (not checked here: callers
    /// pass the easy part's output or a power of it). Digits outside {±1, ±15, ±19} would throw.
    /// </summary>
    internal static Fp12 ExpByU(in Fp12 a)
    {
        Fp12.CyclotomicSquare(in a, out var a2);
        Fp12.CyclotomicSquare(in a2, out var a4);
        Fp12.CyclotomicSquare(in a4, out var acc);
        Fp12.CyclotomicSquare(in acc, out var a16);
        Fp12.CyclotomicSquare(in a16, out acc); // a^32, the chain's start
        var aInv = a.Conjugate();
        Fp12.Multiply(in a16, in aInv, out var a15);
        Fp12.Multiply(in a15, in a4, out var a19);
        var a15Inv = a15.Conjugate();
        var a19Inv = a19.Conjugate();
        var chain = UChain;
        for (int i = 0; i < chain.Length; i++)
        {
            Fp12.CyclotomicSquare(in acc, out acc);
            switch (chain[i])
            {
                case 0: break;
                case 1: Fp12.Multiply(in acc, in a, out acc); break;
                case -1: Fp12.Multiply(in acc, in aInv, out acc); break;
                case 15: Fp12.Multiply(in acc, in a15, out acc); break;
                case -15: Fp12.Multiply(in acc, in a15Inv, out acc); break;
                case 19: Fp12.Multiply(in acc, in a19, out acc); break;
                case -19: Fp12.Multiply(in acc, in a19Inv, out acc); break;
                default: throw new InvalidOperationException("digit not in the precomputed table");
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

    /// <summary>
    /// f^((p^12 - 1)/r) exactly. The hard part is written over G_k = t^(6u^k) (t the easy part's output,
    /// so three exponentiations by u starting from t^6) using lambda2 = 1 + 6u^2,
    /// lambda1 = 1 - 2(6u) - 3(6u^2) - 6(6u^3) and lambda0 = lambda1 - 1 - 6u - 2 lambda2:
    /// with X = t G2 (= t^lambda2) and T = G1^2 (G2 G3^2)^3, t^lambda1 = t / T and
    /// t^lambda0 = 1 / (T G1 X^2), and the result is t^lambda0 (t^lambda1)^p X^(p^2) t^(p^3):
    /// 11 multiplications, 6 cyclotomic squarings and 3 Frobenius maps around the exponentiations,
    /// where the chain of Scott et al. (the tests' second reference, tests/Zkp.Bn254.Tests/ScottFinalExponentiation.cs)
    /// takes 13, 4 and 7. Inverses are conjugates (t is cyclotomic).
    /// </summary>
    public static Fp12 Apply(in Fp12 f)
    {
        var t = EasyPart(in f);
        Fp12.CyclotomicSquare(in t, out var t2);
        Fp12.CyclotomicSquare(in t2, out var t4);
        Fp12.Multiply(in t4, in t2, out var t6);
        var g1 = ExpByU(in t6);                         // t^(6u)
        var g2 = ExpByU(in g1);                         // t^(6u^2)
        var g3 = ExpByU(in g2);                         // t^(6u^3)

        Fp12.Multiply(in t, in g2, out var x);          // t^lambda2
        Fp12.CyclotomicSquare(in g3, out var w);
        Fp12.Multiply(in w, in g2, out w);              // G2 G3^2
        Fp12.CyclotomicSquare(in w, out var w2);
        Fp12.Multiply(in w2, in w, out w);              // G2^3 G3^6
        Fp12.CyclotomicSquare(in g1, out var big);
        Fp12.Multiply(in big, in w, out big);           // T = G1^2 G2^3 G3^6
        var tInverseOfT = big.Conjugate();
        Fp12.Multiply(in t, in tInverseOfT, out var l1); // t^lambda1
        Fp12.CyclotomicSquare(in x, out var x2);
        Fp12.Multiply(in big, in g1, out var l0);
        Fp12.Multiply(in l0, in x2, out l0);
        l0 = l0.Conjugate();                            // t^lambda0

        var r = l1.Frobenius(1);
        Fp12.Multiply(in l0, in r, out r);
        var x4 = x.Frobenius(2);
        Fp12.Multiply(in r, in x4, out r);
        var t8 = t.Frobenius(3);
        Fp12.Multiply(in r, in t8, out r);
        return r;
    }

    /// <summary>
    /// True when f^((p^12 - 1)/r) is one, computed as f^(c (p^12 - 1)/r) with c = 2u(6u^2 + 3u + 1):
    /// the hard part of Fuentes-Castaneda, Knapp and Rodriguez-Henriquez ("Faster hashing to G2",
    /// alg. 6, as used by gnark-crypto), three exponentiations by u with 10 multiplications and 3
    /// Frobenius maps around them instead of the exact chain's 13 and 7. gcd(c, r) = 1 (checked by
    /// Check_multiple_is_coprime_to_r), and f^((p^12 - 1)/r) has order dividing r, so raising it to c
    /// cannot turn a non-one value into one. Only for checks: the value itself differs from the GT
    /// element other libraries return, which is why <see cref="Apply"/> keeps the exact exponent.
    /// </summary>
    public static bool IsOneAfter(in Fp12 f) => ApplyMultiple(in f).IsOne;

    internal static Fp12 ApplyMultiple(in Fp12 f)
    {
        var m = EasyPart(in f);
        var t0 = ExpByU(in m).Conjugate();
        Fp12.CyclotomicSquare(in t0, out t0);         // m^(-2u)
        Fp12.CyclotomicSquare(in t0, out var t1);
        t1 *= t0;                                       // m^(-6u)
        var t2 = ExpByU(in t1).Conjugate();             // m^(6u^2)
        t1 = t2 * t1.Conjugate();                       // m^(6u^2 + 6u)
        Fp12.CyclotomicSquare(in t2, out var t3);       // m^(12u^2)
        var t4 = ExpByU(in t3) * t1;                    // m^(12u^3 + 6u^2 + 6u)
        t3 = t0 * t4;                                   // m^(12u^3 + 6u^2 + 4u)
        var r = m * (t2 * t4);                          // m^(12u^3 + 12u^2 + 6u + 1)
        r *= t3.Frobenius(1);
        r *= t4.Frobenius(2);
        var t5 = m.Conjugate() * t3;                    // m^(12u^3 + 6u^2 + 4u - 1)
        return r * t5.Frobenius(3);
    }
}
