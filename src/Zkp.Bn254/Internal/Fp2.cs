using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Zkp.Bn254.Internal;

/// <summary>F_p2 = F_p[u]/(u^2 + 1); an element is C0 + C1*u.</summary>
[SkipLocalsInit]
internal readonly struct Fp2 : IFieldOps<Fp2>, IEquatable<Fp2>
{
    public readonly Fp C0;
    public readonly Fp C1;

    public Fp2(in Fp c0, in Fp c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp2 Zero => default;

    public static Fp2 One => new(Fp.One, Fp.Zero);

    /// <summary>xi = 9 + u, the non-residue defining F_p6 (v^3 = xi) and the twist.</summary>
    public static readonly Fp2 Xi = new(Fp.FromUInt64(9), Fp.One);

    /// <summary>b' = 3 / xi, the D-type twist coefficient: E'(F_p2): y^2 = x^3 + 3/(9+u).</summary>
    public static readonly Fp2 TwistB = new Fp2(Fp.FromUInt64(3), Fp.Zero) * Xi.Inverse();

    /// <summary>3 b', which the Miller loop's doubling step multiplies by.</summary>
    internal static readonly Fp2 TwistB3 = TwistB + TwistB + TwistB;

    public bool IsZero => C0.IsZero & C1.IsZero;

    public bool IsOne => C0.IsOne & C1.IsZero;

    static Fp2 IFieldOps<Fp2>.ZeroElement => default;

    static Fp2 IFieldOps<Fp2>.OneElement => One;

    static Fp2 IFieldOps<Fp2>.CurveB => TwistB;

    static Fp2 IFieldOps<Fp2>.CurveB3 => TwistB3;

    static bool IFieldOps<Fp2>.IsZeroElement(in Fp2 a) => a.IsZero;

    static bool IFieldOps<Fp2>.AreEqual(in Fp2 a, in Fp2 b) => a == b;

    static Fp2 IFieldOps<Fp2>.InvertOrZero(in Fp2 a) => a.InverseOrZero();

    public static Fp2 Select(in Fp2 whenZero, in Fp2 whenOne, ulong mask) =>
        new(Fp.Select(whenZero.C0, whenOne.C0, mask), Fp.Select(whenZero.C1, whenOne.C1, mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in Fp2 a, in Fp2 b, out Fp2 result) => result = new(a.C0 + b.C0, a.C1 + b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(in Fp2 a, in Fp2 b, out Fp2 result) => result = new(a.C0 - b.C0, a.C1 - b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double(in Fp2 a, out Fp2 result)
    {
        Fp.Double(in a.C0, out var c0);
        Fp.Double(in a.C1, out var c1);
        result = new(c0, c1);
    }

    /// <summary>result = a / 2, coefficient-wise by <see cref="MontgomeryArithmetic{TModulus}.Halve"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Halve(in Fp2 a, out Fp2 result)
    {
        MontgomeryArithmetic<FpModulus>.Halve(in a.C0.Limbs, out var c0);
        MontgomeryArithmetic<FpModulus>.Halve(in a.C1.Limbs, out var c1);
        result = new(new Fp(c0), new Fp(c1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Negate(in Fp2 a, out Fp2 result) => result = new(-a.C0, -a.C1);

    /// <summary>
    /// Karatsuba with lazy reduction: three double-width products, two Montgomery reductions
    /// (instead of three full multiplications and five modular additions).
    /// </summary>
    // Not inlined for the same reason as Fp.Multiply: it is large and used everywhere in the tower.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Multiply(in Fp2 a, in Fp2 b, out Fp2 result)
    {
        // Written in place (MultiplyComplex's outputs may alias its inputs): through temporaries the
        // JIT copied both coefficients once more.
        Unsafe.SkipInit(out result);
        MontgomeryArithmetic<FpModulus>.MultiplyComplex(
            in a.C0.Limbs, in a.C1.Limbs, in b.C0.Limbs, in b.C1.Limbs, out OutLimbs(in result.C0), out OutLimbs(in result.C1));
    }

    /// <summary>A writable reference to the limbs of a coefficient of an out parameter being filled in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref Limbs256 OutLimbs(in Fp coefficient) => ref Unsafe.AsRef(in coefficient.Limbs);

    /// <summary>
    /// result = (a + b)(c + d) with the two sums formed inside, as one call (see Fp6.Multiply). Inputs
    /// reduced; the output is reduced and may alias any input.
    /// </summary>
    /// <remarks>
    /// With BMI2 the left sum stays unreduced (two conditional subtractions fewer): its coefficients are
    /// below 2p, so the sums of products c0 = x0 y0 + x1 (p - y1) and c1 = x0 y1 + x1 y0 have left
    /// operands adding up to x0 + x1 &lt; 4p with right operands at most p. In the interleaved
    /// reduction of <see cref="MontgomeryArithmetic{TModulus}.SumOfProducts"/> the running value then
    /// stays below x0 + x1 + p &lt; 5p &lt; 2^256 (p &lt; 0.19 * 2^256), so its four limbs still hold it, and
    /// ends below 4p^2 / 2^256 + p &lt; 1.76p, which its one conditional subtraction reduces fully (the
    /// bound docs/bn254.md gives for that method; tests drive both sums to 2p - 2 against BigInteger).
    /// Without BMI2 the Karatsuba path needs reduced operands (its 512-bit cross product must stay below
    /// p 2^256), so both sums are reduced there.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MultiplySums(in Fp2 a, in Fp2 b, in Fp2 c, in Fp2 d, out Fp2 result)
    {
        Add(in c, in d, out var y);
        if (Bmi2.X64.IsSupported)
        {
            MontgomeryArithmetic<FpModulus>.AddUnreduced(in a.C0.Limbs, in b.C0.Limbs, out var x0);
            MontgomeryArithmetic<FpModulus>.AddUnreduced(in a.C1.Limbs, in b.C1.Limbs, out var x1);
            MontgomeryArithmetic<FpModulus>.NegateUnreduced(in y.C1.Limbs, out var negY1);
            // Both sums read only locals, so the result is written in place (no copy through temporaries).
            Unsafe.SkipInit(out result);
            MontgomeryArithmetic<FpModulus>.SumOfProducts(in x0, in y.C0.Limbs, out OutLimbs(in result.C0), in x1, in negY1);
            MontgomeryArithmetic<FpModulus>.SumOfProducts(in x0, in y.C1.Limbs, out OutLimbs(in result.C1), in x1, in y.C0.Limbs);
            return;
        }
        Add(in a, in b, out var x);
        MontgomeryArithmetic<FpModulus>.MultiplyComplexKaratsuba(
            in x.C0.Limbs, in x.C1.Limbs, in y.C0.Limbs, in y.C1.Limbs, out var c0, out var c1);
        result = new(new Fp(c0), new Fp(c1));
    }

    /// <summary>(a0 + a1)(a0 - a1) + 2 a0 a1 u: two base-field multiplications on unreduced operands.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Square(in Fp2 a, out Fp2 result)
    {
        // In place, as in Multiply (SquareComplex's outputs may alias its inputs).
        Unsafe.SkipInit(out result);
        MontgomeryArithmetic<FpModulus>.SquareComplex(in a.C0.Limbs, in a.C1.Limbs, out OutLimbs(in result.C0), out OutLimbs(in result.C1));
    }

    /// <summary>
    /// Multiplies by xi = 9 + u: (9a0 - a1) + (a0 + 9a1)u, each coefficient as one small multiple plus
    /// addend with a single reduction (<see cref="MontgomeryArithmetic{TModulus}.NineTimesPlus"/>;
    /// 9a0 - a1 as 9a0 + (p - a1)). Five chained modular additions per coefficient cost about twice as
    /// much; <see cref="MultiplyByXiByAdditions"/> keeps that form as the tests' reference.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyByXi(in Fp2 a, out Fp2 result)
    {
        MontgomeryArithmetic<FpModulus>.NegateUnreduced(in a.C1.Limbs, out var negA1);
        MontgomeryArithmetic<FpModulus>.NineTimesPlus(in a.C0.Limbs, in negA1, out var c0);
        MontgomeryArithmetic<FpModulus>.NineTimesPlus(in a.C1.Limbs, in a.C0.Limbs, out var c1);
        result = new(new Fp(c0), new Fp(c1));
    }

    /// <summary>
    /// result = xi a + b with one reduction per coefficient: (9 a0 + ((p - a1) + b0)) + (9 a1 + (a0 + b1)) u
    /// by <see cref="MontgomeryArithmetic{TModulus}.NineTimesPlus"/>, whose addend may be any value below
    /// 2p (here (p - a1) + b0 &lt;= 2p - 1 and a0 + b1 &lt;= 2p - 2). Inputs reduced (not checked); the
    /// output is reduced and may alias either input (all limbs are read first).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyByXiPlus(in Fp2 a, in Fp2 b, out Fp2 result)
    {
        MontgomeryArithmetic<FpModulus>.NegateUnreduced(in a.C1.Limbs, out var negA1);
        MontgomeryArithmetic<FpModulus>.AddUnreduced(in negA1, in b.C0.Limbs, out var addend0);
        MontgomeryArithmetic<FpModulus>.AddUnreduced(in a.C0.Limbs, in b.C1.Limbs, out var addend1);
        MontgomeryArithmetic<FpModulus>.NineTimesPlus(in a.C0.Limbs, in addend0, out var c0);
        MontgomeryArithmetic<FpModulus>.NineTimesPlus(in a.C1.Limbs, in addend1, out var c1);
        result = new(new Fp(c0), new Fp(c1));
    }

    /// <summary>The same product by doublings and additions only (the reference for tests).</summary>
    internal static void MultiplyByXiByAdditions(in Fp2 a, out Fp2 result)
    {
        Fp.Double(in a.C0, out var t0);
        Fp.Double(in t0, out t0);
        Fp.Double(in t0, out t0);
        t0 += a.C0; // 9 a0
        Fp.Double(in a.C1, out var t1);
        Fp.Double(in t1, out t1);
        Fp.Double(in t1, out t1);
        t1 += a.C1; // 9 a1
        result = new(t0 - a.C1, a.C0 + t1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyByFp(in Fp2 a, in Fp b, out Fp2 result) => result = new(a.C0 * b, a.C1 * b);

    public static Fp2 operator +(in Fp2 a, in Fp2 b)
    {
        Add(in a, in b, out var r);
        return r;
    }

    public static Fp2 operator -(in Fp2 a, in Fp2 b)
    {
        Subtract(in a, in b, out var r);
        return r;
    }

    public static Fp2 operator -(in Fp2 a)
    {
        Negate(in a, out var r);
        return r;
    }

    public static Fp2 operator *(in Fp2 a, in Fp2 b)
    {
        Multiply(in a, in b, out var r);
        return r;
    }

    public static bool operator ==(in Fp2 a, in Fp2 b) => (a.C0 == b.C0) & (a.C1 == b.C1);

    public static bool operator !=(in Fp2 a, in Fp2 b) => !(a == b);

    public Fp2 Square()
    {
        Square(in this, out var r);
        return r;
    }

    public Fp2 Conjugate() => new(C0, -C1);

    /// <summary>x^p = conjugate, since u^p = -u.</summary>
    public Fp2 Frobenius() => Conjugate();

    /// <summary>(a0 - a1 u) / (a0^2 + a1^2); zero maps to zero.</summary>
    public Fp2 InverseOrZero()
    {
        var norm = C0.Square() + C1.Square();
        var inv = norm.InverseOrZero();
        return new(C0 * inv, -(C1 * inv));
    }

    public Fp2 Inverse()
    {
        if (IsZero)
        {
            throw new DivideByZeroException("zero has no inverse");
        }
        return InverseOrZero();
    }

    /// <summary>Variable time in the exponent.</summary>
    public Fp2 Pow(BigInteger e)
    {
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

    /// <summary>
    /// Square root via the norm (p = 3 mod 4): for a = a0 + a1 u, take alpha = sqrt(a0^2 + a1^2),
    /// delta = (a0 + alpha)/2 (or (a0 - alpha)/2 when that is not a square), x0 = sqrt(delta),
    /// x1 = a1 / (2 x0). Verified by squaring; variable time (used only for public values).
    /// </summary>
    public bool TrySqrt(out Fp2 root)
    {
        root = Zero;
        if (IsZero)
        {
            return true;
        }
        if (C1.IsZero)
        {
            if (C0.TrySqrt(out var r0))
            {
                root = new Fp2(r0, Fp.Zero);
                return true;
            }
            // sqrt of a non-square a0 in F_p is sqrt(-a0) * u.
            if ((-C0).TrySqrt(out var r1))
            {
                root = new Fp2(Fp.Zero, r1);
                return true;
            }
            return false;
        }
        var norm = C0.Square() + C1.Square();
        if (!norm.TrySqrt(out var alpha))
        {
            return false;
        }
        var half = Fp.FromUInt64(2).Inverse();
        var delta = (C0 + alpha) * half;
        if (!delta.TrySqrt(out var x0))
        {
            delta = (C0 - alpha) * half;
            if (!delta.TrySqrt(out x0))
            {
                return false;
            }
        }
        var x1 = C1 * (x0 + x0).Inverse();
        var candidate = new Fp2(x0, x1);
        if (candidate.Square() != this)
        {
            return false;
        }
        root = candidate;
        return true;
    }

    public bool Equals(Fp2 other) => this == other;

    public override bool Equals(object? obj) => obj is Fp2 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1);

    public override string ToString() => $"({C0}, {C1})";
}
