using System.Runtime.CompilerServices;

namespace Zkp.Bn254.Internal;

/// <summary>
/// The product of two "034" line values (d0 + (d3 + d4 v) w)(e0 + (e3 + e4 v) w): an F_p12 element
/// whose w^5 coefficient is zero, C0 + (C10 + C11 v) w.
/// </summary>
internal readonly struct LinePair
{
    public readonly Fp6 C0;
    public readonly Fp2 C10;
    public readonly Fp2 C11;

    public LinePair(in Fp6 c0, in Fp2 c10, in Fp2 c11)
    {
        C0 = c0;
        C10 = c10;
        C11 = c11;
    }

    public Fp12 ToFp12() => new(C0, new Fp6(C10, C11, Fp2.Zero));
}

internal readonly partial struct Fp12
{
    /// <summary>
    /// (d0 + d3 w + d4 v w)(e0 + e3 w + e4 v w) with w^2 = v, v^3 = xi:
    /// C0 = (d0 e0 + xi d4 e4, d3 e3, d3 e4 + d4 e3), C1 = (d0 e3 + d3 e0, d0 e4 + d4 e0, 0), by Karatsuba
    /// in six F_p2 multiplications (three products, three products of sums). Multiplying f by this
    /// (<see cref="MultiplyByLinePair"/>, 17) costs 23 in all where two <see cref="MultiplyBy034"/> cost 26.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MultiplyLines(
        in Fp2 d0, in Fp2 d3, in Fp2 d4, in Fp2 e0, in Fp2 e3, in Fp2 e4, out LinePair result)
    {
        Fp2.Multiply(in d0, in e0, out var p0);
        Fp2.Multiply(in d3, in e3, out var p3);
        Fp2.Multiply(in d4, in e4, out var p4);
        Fp2.MultiplySums(in d0, in d3, in e0, in e3, out var s03);
        Fp2.MultiplySums(in d0, in d4, in e0, in e4, out var s04);
        Fp2.MultiplySums(in d3, in d4, in e3, in e4, out var s34);
        SubtractTwo(in s03, in p0, in p3, out s03);
        SubtractTwo(in s04, in p0, in p4, out s04);
        SubtractTwo(in s34, in p3, in p4, out s34);
        XiTimesPlus(in p4, in p0, out var c00);
        result = new LinePair(new Fp6(c00, p3, s34), s03, s04);
    }

    /// <summary>
    /// f times a <see cref="LinePair"/> (w^5 coefficient zero), Karatsuba over F_p6:
    /// t0 = f0 L0 (6 F_p2 multiplications), t1 = f1 (C10 + C11 v) (5), (f0 + f1)(L0 + L1) (6), 17 in all.
    /// result may alias f (f is read before either half is written).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MultiplyByLinePair(in Fp12 f, in LinePair line, out Fp12 result)
    {
        Fp6.Multiply(in f.C0, in line.C0, out var t0);
        Fp6.MultiplyBy01(in f.C1, in line.C10, in line.C11, out var t1);
        Fp6.AddCall(in f.C0, in f.C1, out var sumF);
        AddLineHalves(in line, out var sumL);
        Fp6.Multiply(in sumF, in sumL, out var c1);
        Unsafe.SkipInit(out result); // f and line are not read below
        Fp6.SubtractTwo(in c1, in t0, in t1, out OutC1(ref result));
        Fp6.AddTimesV(in t0, in t1, out OutC0(ref result));
    }

    /// <summary>L0 + L1 = (C0.C0 + C10, C0.C1 + C11, C0.C2).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddLineHalves(in LinePair line, out Fp6 result)
    {
        Fp2.Add(in line.C0.C0, in line.C10, out var c0);
        Fp2.Add(in line.C0.C1, in line.C11, out var c1);
        result = new(c0, c1, line.C0.C2);
    }

    /// <summary>result = s - x - y in F_p2, as a call.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SubtractTwo(in Fp2 s, in Fp2 x, in Fp2 y, out Fp2 result)
    {
        Fp2.Subtract(in s, in x, out var r);
        Fp2.Subtract(in r, in y, out result);
    }

    /// <summary>result = xi a + b in F_p2, as a call.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void XiTimesPlus(in Fp2 a, in Fp2 b, out Fp2 result)
    {
        Fp2.MultiplyByXiPlus(in a, in b, out result); // one reduction per coefficient
    }
}
