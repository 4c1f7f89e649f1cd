using System.Numerics;
using System.Runtime.CompilerServices;

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
    /// Not checked here that x is cyclotomic: for other inputs the result is not x^2 (callers pass the
    /// easy part's output or powers of it).
    /// </summary>
    /// <remarks>
    /// Split into six calls (three F_p4 squarings, three 3t -+ 2x endings), each small enough for the
    /// JIT to inline every addition in it: written out in one method (and still in three), the JIT
    /// stopped inlining halfway (its limit on the local variables of one method, which every inlined
    /// layer of an F_p2 addition adds to) and called additions, constructors and single carry steps out
    /// of line (see docs/bn254.md, "Fifth session: pairing").
    /// </remarks>
    public static void CyclotomicSquare(in Fp12 x, out Fp12 result)
    {
        // F_p4 components: (x0, x4) = (w^0, w^3), (x3, x2) = (w^1, w^4), (x1, x5) = (w^2, w^5)
        SquareFp4(in x.C0.C0, in x.C1.C1, out var t0, out var t6, xiOnB: false);
        SquareFp4(in x.C1.C0, in x.C0.C2, out var t2, out var t7, xiOnB: false);
        SquareFp4(in x.C0.C1, in x.C1.C2, out var t4, out var t8, xiOnB: true);
        // Each ending writes exactly the two coefficients it reads from x (after reading them), and the
        // squarings above have read all of x, so the result is written in place even when it aliases x.
        Unsafe.SkipInit(out result);
        ref var r0 = ref OutC0(ref result);
        ref var r1 = ref OutC1(ref result);
        CyclotomicEnding(in t0, in x.C0.C0, in t6, in x.C1.C1, out Unsafe.AsRef(in r0.C0), out Unsafe.AsRef(in r1.C1));
        CyclotomicEnding(in t2, in x.C0.C1, in t7, in x.C1.C2, out Unsafe.AsRef(in r0.C1), out Unsafe.AsRef(in r1.C2));
        CyclotomicEnding(in t4, in x.C0.C2, in t8, in x.C1.C0, out Unsafe.AsRef(in r0.C2), out Unsafe.AsRef(in r1.C0));
    }

    /// <summary>
    /// The square of the F_p4 element a + b s (s^2 = xi): A + B s = (a^2 + xi b^2) + 2ab s, with xi B
    /// instead of B when <paramref name="xiOnB"/> (a plain, predictable branch). 2ab is formed as
    /// (a + b)^2 - a^2 - b^2: three F_p2 squarings, each cheaper than a product. Inputs reduced (not
    /// checked). Outputs are written last, so they may alias the inputs.
    /// </summary>
    /// <remarks>
    /// The additions after the squarings are a call of their own (<see cref="SquareFp4Combine"/>): in
    /// one method with the three squarings' results the JIT kept about 350 loads and stores of
    /// untracked locals (1,466 instructions for about 800 of arithmetic); one shared tail for both
    /// cases still kept about 220 (1,170 instructions), one tail per case keeps 46 and 79.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SquareFp4(in Fp2 a, in Fp2 b, out Fp2 aSquare, out Fp2 bSquare, bool xiOnB)
    {
        Fp2.Square(in b, out var bb);
        Fp2.Square(in a, out var aa);
        Fp2.Add(in a, in b, out var s);
        Fp2.Square(in s, out s);
        SquareFp4Combine(in aa, in bb, in s, out aSquare, out bSquare, xiOnB);
    }

    /// <summary>
    /// The tail of <see cref="SquareFp4"/>: A = aa + xi bb and B = ss - aa - bb (times xi when
    /// <paramref name="xiOnB"/>), for reduced aa = a^2, bb = b^2, ss = (a + b)^2 (not checked). xi bb + aa
    /// takes one reduction per coefficient (<see cref="Fp2.MultiplyByXiPlus"/>). One method per case,
    /// so neither carries the other's code and locals. The outputs must not alias the inputs (aSquare
    /// is written before ss is read; SquareFp4 passes its own locals).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SquareFp4Combine(in Fp2 aa, in Fp2 bb, in Fp2 ss, out Fp2 aSquare, out Fp2 bSquare, bool xiOnB)
    {
        if (xiOnB)
        {
            SquareFp4CombineXi(in aa, in bb, in ss, out aSquare, out bSquare);
        }
        else
        {
            SquareFp4CombinePlain(in aa, in bb, in ss, out aSquare, out bSquare);
        }
    }

    /// <summary><see cref="SquareFp4Combine"/> without xi on B (same bounds and aliasing rule).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SquareFp4CombinePlain(in Fp2 aa, in Fp2 bb, in Fp2 ss, out Fp2 aSquare, out Fp2 bSquare)
    {
        Fp2.MultiplyByXiPlus(in bb, in aa, out aSquare);
        Fp2.Subtract(in ss, in aa, out var t);
        Fp2.Subtract(in t, in bb, out bSquare); // 2ab
    }

    /// <summary><see cref="SquareFp4Combine"/> with xi on B (same bounds and aliasing rule).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SquareFp4CombineXi(in Fp2 aa, in Fp2 bb, in Fp2 ss, out Fp2 aSquare, out Fp2 bSquare)
    {
        Fp2.MultiplyByXiPlus(in bb, in aa, out aSquare);
        Fp2.Subtract(in ss, in aa, out var t);
        Fp2.Subtract(in t, in bb, out t); // 2ab
        Fp2.MultiplyByXi(in t, out bSquare);
    }

    /// <summary>
    /// The Granger-Scott ending for two output coefficients: zA = 3 tA - 2 xA and zB = 3 tB + 2 xB, as
    /// 2(t -+ x) + t with reduced additions. zA may alias xA and zB may alias xB (each is read before
    /// the output is written); no other aliasing is allowed (zA is written before xB is read).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CyclotomicEnding(in Fp2 tA, in Fp2 xA, in Fp2 tB, in Fp2 xB, out Fp2 zA, out Fp2 zB)
    {
        EndingMinus(in tA, in xA, out zA);
        EndingPlus(in tB, in xB, out zB);
    }

    /// <summary>z = 3t - 2x = 2(t - x) + t for reduced t, x (not checked); z may alias x.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EndingMinus(in Fp2 t, in Fp2 x, out Fp2 z)
    {
        Fp2.Subtract(in t, in x, out var d);
        Fp2.Double(in d, out d);
        Fp2.Add(in d, in t, out z);
    }

    /// <summary>z = 3t + 2x = 2(t + x) + t for reduced t, x (not checked); z may alias x.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EndingPlus(in Fp2 t, in Fp2 x, out Fp2 z)
    {
        Fp2.Add(in t, in x, out var d);
        Fp2.Double(in d, out d);
        Fp2.Add(in d, in t, out z);
    }
}
