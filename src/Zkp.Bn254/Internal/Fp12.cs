using System.Numerics;
using System.Runtime.CompilerServices;

namespace Zkp.Bn254.Internal;

/// <summary>
/// F_p12 = F_p6[w]/(w^2 - v); an element is C0 + C1 w. As a vector over F_p2 in powers of w the
/// coefficients are (C0.C0, C1.C0, C0.C1, C1.C1, C0.C2, C1.C2) for w^0..w^5, with w^6 = xi.
/// </summary>
[SkipLocalsInit]
internal readonly partial struct Fp12 : IEquatable<Fp12>
{
    public readonly Fp6 C0;
    public readonly Fp6 C1;

    public Fp12(in Fp6 c0, in Fp6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp12 One => new(Fp6.One, Fp6.Zero);

    public bool IsOne => (C0 == Fp6.One) & C1.IsZero;

    public bool IsZero => C0.IsZero & C1.IsZero;

    /// <summary>Karatsuba over F_p6: three F_p6 multiplications. result may alias a or b.</summary>
    // The additions go through calls (Fp6.AddCall, SubtractTwo, AddTimesV) so that each is fully
    // inlined in a small method; inlined here they exceeded the JIT's per-method limits (see Fp6.Multiply).
    public static void Multiply(in Fp12 a, in Fp12 b, out Fp12 result)
    {
        Fp6.Multiply(in a.C0, in b.C0, out var t0);
        Fp6.Multiply(in a.C1, in b.C1, out var t1);
        Fp6.AddCall(in a.C0, in a.C1, out var x);
        Fp6.AddCall(in b.C0, in b.C1, out var y);
        Fp6.Multiply(in x, in y, out var c1);
        // a and b are not read below, so the result is written in place (see OutC0).
        Unsafe.SkipInit(out result);
        Fp6.SubtractTwo(in c1, in t0, in t1, out OutC1(ref result));
        Fp6.AddTimesV(in t0, in t1, out OutC0(ref result));
    }

    /// <summary>Complex squaring: two F_p6 multiplications. result may alias a.</summary>
    public static void Square(in Fp12 a, out Fp12 result)
    {
        Fp6.Multiply(in a.C0, in a.C1, out var t);
        Fp6.AddCall(in a.C0, in a.C1, out var x);
        Fp6.AddTimesV(in a.C0, in a.C1, out var y);
        Fp6.Multiply(in x, in y, out var c0);
        Unsafe.SkipInit(out result); // a is not read below
        Fp6.SubtractWithTimesV(in c0, in t, out OutC0(ref result));
        Fp6.AddCall(in t, in t, out OutC1(ref result));
    }

    /// <summary>
    /// Multiplies by the sparse line value d0 + (d3 + d4 v) w, i.e. coefficients at w^0, w^1 and w^3
    /// (the "034" shape of a D-type twist line): 13 F_p2 multiplications instead of 18.
    /// </summary>
    // Not inlined into the Miller loop, and its additions as calls, for the JIT limits described at Multiply.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MultiplyBy034(in Fp12 a, in Fp2 d0, in Fp2 d3, in Fp2 d4, out Fp12 result)
    {
        Fp6.MultiplyByFp2(in a.C0, in d0, out var t0);
        Fp6.MultiplyBy01(in a.C1, in d3, in d4, out var t1);
        Fp6.AddCall(in a.C0, in a.C1, out var sum);
        Fp2.Add(in d0, in d3, out var d0d3);
        Fp6.MultiplyBy01(in sum, in d0d3, in d4, out var c1);
        Unsafe.SkipInit(out result); // a, d0, d3, d4 are not read below
        Fp6.SubtractTwo(in c1, in t0, in t1, out OutC1(ref result));
        Fp6.AddTimesV(in t0, in t1, out OutC0(ref result));
    }

    /// <summary>
    /// Multiplies by the sparse line value 1 + (d3 + d4 v) w, a line scaled so its constant term is one
    /// (prepared lines, see <see cref="MillerLoop.Prepare"/>): a (1 + e w) = (a.C0 + v a.C1 e) + (a.C1 + a.C0 e) w
    /// with e = d3 + d4 v, so 10 F_p2 multiplications instead of the 13 of <see cref="MultiplyBy034"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MultiplyBy34(in Fp12 a, in Fp2 d3, in Fp2 d4, out Fp12 result)
    {
        Fp6.MultiplyBy01(in a.C1, in d3, in d4, out var t1);
        Fp6.MultiplyBy01(in a.C0, in d3, in d4, out var t0);
        // Each output half is written after the only read of the same half of a, so result may alias a.
        Unsafe.SkipInit(out result);
        Fp6.AddTimesV(in a.C0, in t1, out OutC0(ref result));
        Fp6.AddCall(in a.C1, in t0, out OutC1(ref result));
    }

    /// <summary>
    /// A writable reference to the C0 half of an out parameter, so that a method stores its result in
    /// place: <c>result = new(c0, c1)</c> made the JIT zero a 384-byte temporary and copy 768 bytes per
    /// call. Callers write each half only when no input is read afterwards from the same memory
    /// (outputs may alias inputs), which each use states.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref Fp6 OutC0(ref Fp12 x) => ref Unsafe.AsRef(in x.C0);

    /// <summary>As <see cref="OutC0"/> for the C1 half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref Fp6 OutC1(ref Fp12 x) => ref Unsafe.AsRef(in x.C1);

    /// <summary>For unitary elements (norm one, e.g. after the easy part) this is the inverse.</summary>
    public Fp12 Conjugate() => new(C0, -C1);

    public Fp12 InverseOrZero()
    {
        Fp6.Square(in C0, out var c0Sq);
        Fp6.Square(in C1, out var c1Sq);
        Fp6.MultiplyByV(in c1Sq, out var vC1Sq);
        var t = (c0Sq - vC1Sq).InverseOrZero();
        return new(C0 * t, -(C1 * t));
    }

    public Fp12 Square()
    {
        Square(in this, out var r);
        return r;
    }

    public static Fp12 operator *(in Fp12 a, in Fp12 b)
    {
        Multiply(in a, in b, out var r);
        return r;
    }

    /// <summary>Generic square-and-multiply; variable time in the exponent. Used for tests and GT.Pow.</summary>
    public Fp12 Pow(BigInteger e)
    {
        if (e.Sign < 0)
        {
            return InverseOrZero().Pow(-e);
        }
        var acc = One;
        for (long i = (long)e.GetBitLength() - 1; i >= 0; i--)
        {
            acc = acc.Square();
            if (!(e >> (int)i).IsEven)
            {
                acc *= this;
            }
        }
        return acc;
    }

    public static bool operator ==(in Fp12 a, in Fp12 b) => (a.C0 == b.C0) & (a.C1 == b.C1);

    public static bool operator !=(in Fp12 a, in Fp12 b) => !(a == b);

    public bool Equals(Fp12 other) => this == other;

    public override bool Equals(object? obj) => obj is Fp12 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fp12 FromWCoefficients(in Fp2 w0, in Fp2 w1, in Fp2 w2, in Fp2 w3, in Fp2 w4, in Fp2 w5) =>
        new(new Fp6(w0, w2, w4), new Fp6(w1, w3, w5));
}
