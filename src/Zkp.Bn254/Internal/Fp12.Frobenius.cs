using System.Numerics;

namespace Zkp.Bn254.Internal;

internal readonly partial struct Fp12
{
    // Gamma[n - 1][k] = xi^(k (p^n - 1) / 6): (a w^k)^(p^n) = a^(p^n) w^k * Gamma[n - 1][k], since w^6 = xi.
    // Computed once from the definition rather than transcribed.
    private static readonly Fp2[][] Gamma = BuildGamma();

    private static Fp2[][] BuildGamma()
    {
        var p = Fp.Modulus;
        var table = new Fp2[3][];
        for (int n = 1; n <= 3; n++)
        {
            var baseExponent = (BigInteger.Pow(p, n) - 1) / 6;
            var step = Fp2.Xi.Pow(baseExponent);
            table[n - 1] = new Fp2[6];
            var acc = Fp2.One;
            for (int k = 0; k < 6; k++)
            {
                table[n - 1][k] = acc;
                acc *= step;
            }
        }
        return table;
    }

    // Whether every Gamma[n - 1][k] lies in F_p (the case for n = 2 on BN254), read from the computed
    // values rather than assumed, so the map may multiply by an F_p element instead.
    internal static readonly bool[] GammaInFp = [.. Gamma.Select(row => row.All(g => g.C1.IsZero))];

    /// <summary>
    /// x^(p^power) for power 1, 2 or 3 (F_p2 coefficients are conjugated for odd powers). The w^0
    /// coefficient's constant is one (k = 0) and is not multiplied; when a power's constants lie in
    /// F_p (power 2) the other five cost two F_p multiplications each instead of an F_p2 multiplication.
    /// </summary>
    public Fp12 Frobenius(int power)
    {
        var g = Gamma[power - 1];
        bool conjugate = (power & 1) == 1;
        bool inFp = GammaInFp[power - 1];
        Fp2 Map(in Fp2 a, int k)
        {
            var c = conjugate ? a.Conjugate() : a;
            if (inFp)
            {
                Fp2.MultiplyByFp(in c, in g[k].C0, out c);
                return c;
            }
            return c * g[k];
        }
        var w0 = conjugate ? C0.C0.Conjugate() : C0.C0; // Gamma[n - 1][0] = xi^0 = 1
        return FromWCoefficients(w0, Map(C1.C0, 1), Map(C0.C1, 2), Map(C1.C1, 3), Map(C0.C2, 4), Map(C1.C2, 5));
    }

    /// <summary>
    /// Granger-Scott squaring (eprint 2009/565, sec. 3.2), valid only for elements of the cyclotomic
    /// subgroup (x^(p^6 + 1)... i.e. after the easy part of the final exponentiation). It views F_p12 as
    /// a cubic extension of F_p4 = F_p2[s]/(s^2 - xi) with s = w^3 and uses the norm-one relation.
    /// </summary>
    public static void CyclotomicSquare(in Fp12 x, out Fp12 result)
    {
        // F_p4 components: (x0, x4) = (w^0, w^3), (x3, x2) = (w^1, w^4), (x1, x5) = (w^2, w^5)
        ref readonly var x0 = ref x.C0.C0;
        ref readonly var x1 = ref x.C0.C1;
        ref readonly var x2 = ref x.C0.C2;
        ref readonly var x3 = ref x.C1.C0;
        ref readonly var x4 = ref x.C1.C1;
        ref readonly var x5 = ref x.C1.C2;

        Fp2.Square(in x4, out var t0);
        Fp2.Square(in x0, out var t1);
        var t6 = x4 + x0;
        Fp2.Square(in t6, out t6);
        t6 = t6 - t0 - t1; // 2 x0 x4
        Fp2.Square(in x2, out var t2);
        Fp2.Square(in x3, out var t3);
        var t7 = x2 + x3;
        Fp2.Square(in t7, out t7);
        t7 = t7 - t2 - t3; // 2 x2 x3
        Fp2.Square(in x5, out var t4);
        Fp2.Square(in x1, out var t5);
        var t8 = x5 + x1;
        Fp2.Square(in t8, out t8);
        t8 -= t4;
        t8 -= t5;
        Fp2.MultiplyByXi(in t8, out t8); // 2 x1 x5 xi

        Fp2.MultiplyByXi(in t0, out t0);
        t0 += t1; // x4^2 xi + x0^2
        Fp2.MultiplyByXi(in t2, out t2);
        t2 += t3; // x2^2 xi + x3^2
        Fp2.MultiplyByXi(in t4, out t4);
        t4 += t5; // x5^2 xi + x1^2

        var z00 = t0 - x0;
        z00 = z00 + z00 + t0;
        var z01 = t2 - x1;
        z01 = z01 + z01 + t2;
        var z02 = t4 - x2;
        z02 = z02 + z02 + t4;
        var z10 = t8 + x3;
        z10 = z10 + z10 + t8;
        var z11 = t6 + x4;
        z11 = z11 + z11 + t6;
        var z12 = t7 + x5;
        z12 = z12 + z12 + t7;
        result = new(new Fp6(z00, z01, z02), new Fp6(z10, z11, z12));
    }
}
