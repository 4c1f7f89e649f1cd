using System.Numerics;
using System.Runtime.CompilerServices;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

public readonly partial struct Fp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator +(in Fp a, in Fp b)
    {
        MontgomeryArithmetic<FpModulus>.Add(in a.Limbs, in b.Limbs, out var r);
        return new Fp(r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(in Fp a, in Fp b)
    {
        MontgomeryArithmetic<FpModulus>.Subtract(in a.Limbs, in b.Limbs, out var r);
        return new Fp(r);
    }

    // Deliberately not inlined: the multiplication is large, and inlining it everywhere exhausts the
    // JIT's inlining budget in the tower and curve code, which then stops inlining the cheap additions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Fp operator *(in Fp a, in Fp b)
    {
        MontgomeryArithmetic<FpModulus>.Multiply(in a.Limbs, in b.Limbs, out var r);
        return new Fp(r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(in Fp a)
    {
        MontgomeryArithmetic<FpModulus>.Negate(in a.Limbs, out var r);
        return new Fp(r);
    }

    /// <summary>result = a + b; <paramref name="result"/> may alias an input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in Fp a, in Fp b, out Fp result)
    {
        MontgomeryArithmetic<FpModulus>.Add(in a.Limbs, in b.Limbs, out var r);
        result = new Fp(r);
    }

    /// <summary>result = a - b; <paramref name="result"/> may alias an input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(in Fp a, in Fp b, out Fp result)
    {
        MontgomeryArithmetic<FpModulus>.Subtract(in a.Limbs, in b.Limbs, out var r);
        result = new Fp(r);
    }

    /// <summary>result = a * b; <paramref name="result"/> may alias an input.</summary>
    // Deliberately not inlined: the multiplication is large, and inlining it everywhere exhausts the
    // JIT's inlining budget in the tower and curve code, which then stops inlining the cheap additions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Multiply(in Fp a, in Fp b, out Fp result)
    {
        MontgomeryArithmetic<FpModulus>.Multiply(in a.Limbs, in b.Limbs, out var r);
        result = new Fp(r);
    }

    /// <summary>result = a^2; <paramref name="result"/> may alias the input.</summary>
    // Deliberately not inlined: the multiplication is large, and inlining it everywhere exhausts the
    // JIT's inlining budget in the tower and curve code, which then stops inlining the cheap additions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Square(in Fp a, out Fp result)
    {
        MontgomeryArithmetic<FpModulus>.Square(in a.Limbs, out var r);
        result = new Fp(r);
    }

    /// <summary>result = -a; <paramref name="result"/> may alias the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Negate(in Fp a, out Fp result)
    {
        MontgomeryArithmetic<FpModulus>.Negate(in a.Limbs, out var r);
        result = new Fp(r);
    }

    /// <summary>result = 2a; <paramref name="result"/> may alias the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double(in Fp a, out Fp result)
    {
        MontgomeryArithmetic<FpModulus>.Double(in a.Limbs, out var r);
        result = new Fp(r);
    }

    public Fp Square()
    {
        MontgomeryArithmetic<FpModulus>.Square(in Limbs, out var r);
        return new Fp(r);
    }

    /// <summary>
    /// Multiplicative inverse (Bernstein-Yang divsteps, a fixed 590 steps), constant time in the value.
    /// </summary>
    /// <exception cref="DivideByZeroException">The value is zero.</exception>
    public Fp Inverse()
    {
        if (IsZero)
        {
            throw new DivideByZeroException("zero has no inverse");
        }
        return InverseOrZero();
    }

    /// <summary>Inverse, mapping zero to zero (for callers that handle zero themselves).</summary>
    internal Fp InverseOrZero()
    {
        MontgomeryArithmetic<FpModulus>.Invert(in Limbs, out var r);
        return new Fp(r);
    }

    /// <summary>this^e for a canonical exponent; variable time in the exponent.</summary>
    public Fp Pow(in Fp exponentAsCanonical)
    {
        MontgomeryArithmetic<FpModulus>.FromMontgomery(in exponentAsCanonical.Limbs, out var e);
        MontgomeryArithmetic<FpModulus>.Pow(in Limbs, in e, out var r);
        return new Fp(r);
    }

    /// <summary>this^e for any e &gt;= 0 (negative e uses the inverse); variable time in the exponent.</summary>
    public Fp Pow(BigInteger e)
    {
        if (e.Sign < 0)
        {
            return Inverse().Pow(-e);
        }
        if (e.GetBitLength() <= 256)
        {
            var exponent = Limbs256.FromBigInteger(e);
            MontgomeryArithmetic<FpModulus>.Pow(in Limbs, in exponent, out var r);
            return new Fp(r);
        }
        var acc = One;
        var b = this;
        for (long i = (long)e.GetBitLength() - 1; i >= 0; i--)
        {
            acc = acc.Square();
            if (!(e >> (int)i).IsEven)
            {
                acc *= b;
            }
        }
        return acc;
    }

    /// <summary>this^e; variable time in the exponent.</summary>
    public Fp Pow(ulong e)
    {
        var exponent = new Limbs256(e, 0, 0, 0);
        MontgomeryArithmetic<FpModulus>.Pow(in Limbs, in exponent, out var r);
        return new Fp(r);
    }
}
