using System.Runtime.CompilerServices;

namespace Zkp.Bn254.Internal;

/// <summary>F_p6 = F_p2[v]/(v^3 - xi), xi = 9 + u; an element is C0 + C1 v + C2 v^2.</summary>
[SkipLocalsInit]
internal readonly struct Fp6 : IEquatable<Fp6>
{
    public readonly Fp2 C0;
    public readonly Fp2 C1;
    public readonly Fp2 C2;

    public Fp6(in Fp2 c0, in Fp2 c1, in Fp2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public static Fp6 Zero => default;

    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);

    public bool IsZero => C0.IsZero & C1.IsZero & C2.IsZero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in Fp6 a, in Fp6 b, out Fp6 result) => result = new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(in Fp6 a, in Fp6 b, out Fp6 result) => result = new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Negate(in Fp6 a, out Fp6 result) => result = new(-a.C0, -a.C1, -a.C2);

    /// <summary>Karatsuba-style (Devegili et al.): six F_p2 multiplications. result may alias a or b.</summary>
    /// <remarks>
    /// Nine calls, each small enough that the JIT inlines every addition inside it: written out in one
    /// method, the JIT reached its limit on one method's local variables (every inlined layer of an F_p2
    /// addition adds some) and called additions, constructors and carry steps out of line.
    /// </remarks>
    public static void Multiply(in Fp6 a, in Fp6 b, out Fp6 result)
    {
        Fp2.Multiply(in a.C0, in b.C0, out var t0);
        Fp2.Multiply(in a.C1, in b.C1, out var t1);
        Fp2.Multiply(in a.C2, in b.C2, out var t2);
        Fp2.MultiplySums(in a.C1, in a.C2, in b.C1, in b.C2, out var s12);
        Fp2.MultiplySums(in a.C0, in a.C1, in b.C0, in b.C1, out var s01);
        Fp2.MultiplySums(in a.C0, in a.C2, in b.C0, in b.C2, out var s02);
        // a and b are not read below, so the result is written in place even when it aliases them
        // (a 192-byte copy less; see Fp12.OutC0).
        Unsafe.SkipInit(out result);
        CombineC0(in s12, in t1, in t2, in t0, out Unsafe.AsRef(in result.C0));
        CombineC1(in s01, in t0, in t1, in t2, out Unsafe.AsRef(in result.C1));
        CombineC2(in s02, in t0, in t2, in t1, out Unsafe.AsRef(in result.C2));
    }

    /// <summary>xi (s - x - y) + z: the v^0 coefficient of <see cref="Multiply"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CombineC0(in Fp2 s, in Fp2 x, in Fp2 y, in Fp2 z, out Fp2 result)
    {
        Fp2.Subtract(in s, in x, out var r);
        Fp2.Subtract(in r, in y, out r);
        Fp2.MultiplyByXiPlus(in r, in z, out result); // one reduction per coefficient for xi r + z
    }

    /// <summary>s - x - y + xi z: the v^1 coefficient of <see cref="Multiply"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CombineC1(in Fp2 s, in Fp2 x, in Fp2 y, in Fp2 z, out Fp2 result)
    {
        Fp2.Subtract(in s, in x, out var r);
        Fp2.Subtract(in r, in y, out r);
        Fp2.MultiplyByXiPlus(in z, in r, out result); // one reduction per coefficient for xi z + r
    }

    /// <summary>s - x - y + z: the v^2 coefficient of <see cref="Multiply"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CombineC2(in Fp2 s, in Fp2 x, in Fp2 y, in Fp2 z, out Fp2 result)
    {
        Fp2.Subtract(in s, in x, out var r);
        Fp2.Subtract(in r, in y, out r);
        Fp2.Add(in r, in z, out result);
    }

    /// <summary>result = a + b as a call (the F_p12 code's budget-friendly form of <see cref="Add"/>).</summary>
    // Written out: as a one-line wrapper around Add the method's own (tiny) IL gave the JIT too small an
    // inlining budget, and two of the three coefficient additions stayed calls.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AddCall(in Fp6 a, in Fp6 b, out Fp6 result)
    {
        // Each coefficient is written in place right after the only reads of the same coefficient of a
        // and b (result may alias either): collecting all three first kept them live and spilled.
        Unsafe.SkipInit(out result);
        Fp2.Add(in a.C0, in b.C0, out Unsafe.AsRef(in result.C0));
        Fp2.Add(in a.C1, in b.C1, out Unsafe.AsRef(in result.C1));
        Fp2.Add(in a.C2, in b.C2, out Unsafe.AsRef(in result.C2));
    }

    /// <summary>result = s - x - y, coefficient-wise, as a call.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SubtractTwo(in Fp6 s, in Fp6 x, in Fp6 y, out Fp6 result)
    {
        // In place coefficient by coefficient, as in AddCall (result may alias s, x or y).
        Unsafe.SkipInit(out result);
        Fp2.Subtract(in s.C0, in x.C0, out var c0);
        Fp2.Subtract(in c0, in y.C0, out Unsafe.AsRef(in result.C0));
        Fp2.Subtract(in s.C1, in x.C1, out var c1);
        Fp2.Subtract(in c1, in y.C1, out Unsafe.AsRef(in result.C1));
        Fp2.Subtract(in s.C2, in x.C2, out var c2);
        Fp2.Subtract(in c2, in y.C2, out Unsafe.AsRef(in result.C2));
    }

    /// <summary>
    /// result = s - t - v t = (s0 - t0 - xi t2, s1 - t1 - t0, s2 - t2 - t1), as a call. Written in place
    /// coefficient by coefficient: result may alias s but must not alias t (not checked; the one caller,
    /// Fp12.Square, passes a local t).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SubtractWithTimesV(in Fp6 s, in Fp6 t, out Fp6 result)
    {
        Unsafe.SkipInit(out result);
        Fp2.MultiplyByXiPlus(in t.C2, in t.C0, out var c0); // t0 + xi t2 in one reduction per coefficient
        Fp2.Subtract(in s.C0, in c0, out Unsafe.AsRef(in result.C0));
        Fp2.Subtract(in s.C1, in t.C1, out var c1);
        Fp2.Subtract(in c1, in t.C0, out Unsafe.AsRef(in result.C1));
        Fp2.Subtract(in s.C2, in t.C2, out var c2);
        Fp2.Subtract(in c2, in t.C1, out Unsafe.AsRef(in result.C2));
    }

    /// <summary>
    /// result = a + v b = (a0 + xi b2, a1 + b0, a2 + b1), as a call. Written in place coefficient by
    /// coefficient: result may alias a but must not alias b (not checked; callers pass a local b).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void AddTimesV(in Fp6 a, in Fp6 b, out Fp6 result)
    {
        Unsafe.SkipInit(out result);
        Fp2.MultiplyByXiPlus(in b.C2, in a.C0, out Unsafe.AsRef(in result.C0)); // one reduction per coefficient
        Fp2.Add(in a.C1, in b.C0, out Unsafe.AsRef(in result.C1));
        Fp2.Add(in a.C2, in b.C1, out Unsafe.AsRef(in result.C2));
    }

    /// <summary>Chung-Hasan SQR2: two F_p2 multiplications and three squarings.</summary>
    public static void Square(in Fp6 a, out Fp6 result)
    {
        Fp2.Square(in a.C0, out var s0);
        Fp2.Multiply(in a.C0, in a.C1, out var s1);
        Fp2.Double(in s1, out s1);
        var t = a.C0 - a.C1 + a.C2;
        Fp2.Square(in t, out var s2);
        Fp2.Multiply(in a.C1, in a.C2, out var s3);
        Fp2.Double(in s3, out s3);
        Fp2.Square(in a.C2, out var s4);
        Fp2.MultiplyByXi(in s3, out var xiS3);
        Fp2.MultiplyByXi(in s4, out var xiS4);
        result = new(s0 + xiS3, s1 + xiS4, s1 + s2 + s3 - s0 - s4);
    }

    /// <summary>Multiplies by v: (c0, c1, c2) -> (xi c2, c0, c1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyByV(in Fp6 a, out Fp6 result)
    {
        Fp2.MultiplyByXi(in a.C2, out var c0);
        result = new(c0, a.C0, a.C1);
    }

    /// <summary>Multiplies by the sparse element b0 + b1 v (five F_p2 multiplications). result may alias a.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MultiplyBy01(in Fp6 a, in Fp2 b0, in Fp2 b1, out Fp6 result)
    {
        Fp2.Multiply(in a.C0, in b0, out var t0);
        Fp2.Multiply(in a.C1, in b1, out var t1);
        Fp2.Multiply(in a.C2, in b1, out var c0);
        Fp2.MultiplySums(in a.C0, in a.C1, in b0, in b1, out var c1);
        Fp2.Multiply(in a.C2, in b0, out var c2);
        // a, b0 and b1 are not read below (b0, b1 must not alias result), so the result is written in
        // place (a 192-byte copy less; see Fp12.OutC0).
        Unsafe.SkipInit(out result);
        ref var r0 = ref Unsafe.AsRef(in result.C0);
        ref var r1 = ref Unsafe.AsRef(in result.C1);
        ref var r2 = ref Unsafe.AsRef(in result.C2);
        Fp2.MultiplyByXiPlus(in c0, in t0, out r0); // one reduction per coefficient
        Fp2.Subtract(in c1, in t0, out c1);
        Fp2.Subtract(in c1, in t1, out r1);
        Fp2.Add(in c2, in t1, out r2);
    }

    /// <summary>Multiplies by the sparse element b1 v.</summary>
    public static void MultiplyBy1(in Fp6 a, in Fp2 b1, out Fp6 result)
    {
        Fp2.Multiply(in a.C2, in b1, out var c0);
        Fp2.MultiplyByXi(in c0, out c0);
        Fp2.Multiply(in a.C0, in b1, out var c1);
        Fp2.Multiply(in a.C1, in b1, out var c2);
        result = new(c0, c1, c2);
    }

    public static void MultiplyByFp2(in Fp6 a, in Fp2 b, out Fp6 result) => result = new(a.C0 * b, a.C1 * b, a.C2 * b);

    /// <summary>Zero maps to zero.</summary>
    public Fp6 InverseOrZero()
    {
        Fp2.MultiplyByXi(C1 * C2, out var xiC1C2);
        var a = C0.Square() - xiC1C2;
        Fp2.MultiplyByXi(C2.Square(), out var xiC2Sq);
        var b = xiC2Sq - C0 * C1;
        var c = C1.Square() - C0 * C2;
        Fp2.MultiplyByXi(C2 * b + C1 * c, out var tail);
        var f = C0 * a + tail;
        var fInv = f.InverseOrZero();
        return new(a * fInv, b * fInv, c * fInv);
    }

    public static Fp6 operator +(in Fp6 a, in Fp6 b)
    {
        Add(in a, in b, out var r);
        return r;
    }

    public static Fp6 operator -(in Fp6 a, in Fp6 b)
    {
        Subtract(in a, in b, out var r);
        return r;
    }

    public static Fp6 operator -(in Fp6 a)
    {
        Negate(in a, out var r);
        return r;
    }

    public static Fp6 operator *(in Fp6 a, in Fp6 b)
    {
        Multiply(in a, in b, out var r);
        return r;
    }

    public static bool operator ==(in Fp6 a, in Fp6 b) => (a.C0 == b.C0) & (a.C1 == b.C1) & (a.C2 == b.C2);

    public static bool operator !=(in Fp6 a, in Fp6 b) => !(a == b);

    public bool Equals(Fp6 other) => this == other;

    public override bool Equals(object? obj) => obj is Fp6 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);
}
