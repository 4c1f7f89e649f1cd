using System.Numerics;
using System.Runtime.CompilerServices;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

public readonly partial struct Fr
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator +(in Fr a, in Fr b)
    {
        MontgomeryArithmetic<FrModulus>.Add(in a.Limbs, in b.Limbs, out var r);
        return new Fr(r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator -(in Fr a, in Fr b)
    {
        MontgomeryArithmetic<FrModulus>.Subtract(in a.Limbs, in b.Limbs, out var r);
        return new Fr(r);
    }

    // Deliberately not inlined: the multiplication is large, and inlining it everywhere exhausts the
    // JIT's inlining budget in the tower and curve code, which then stops inlining the cheap additions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Fr operator *(in Fr a, in Fr b)
    {
        MontgomeryArithmetic<FrModulus>.Multiply(in a.Limbs, in b.Limbs, out var r);
        return new Fr(r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator -(in Fr a)
    {
        MontgomeryArithmetic<FrModulus>.Negate(in a.Limbs, out var r);
        return new Fr(r);
    }

    /// <summary>result = a + b; <paramref name="result"/> may alias an input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in Fr a, in Fr b, out Fr result)
    {
        MontgomeryArithmetic<FrModulus>.Add(in a.Limbs, in b.Limbs, out var r);
        result = new Fr(r);
    }

    /// <summary>result = a - b; <paramref name="result"/> may alias an input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(in Fr a, in Fr b, out Fr result)
    {
        MontgomeryArithmetic<FrModulus>.Subtract(in a.Limbs, in b.Limbs, out var r);
        result = new Fr(r);
    }

    /// <summary>result = a * b; <paramref name="result"/> may alias an input.</summary>
    // Deliberately not inlined: the multiplication is large, and inlining it everywhere exhausts the
    // JIT's inlining budget in the tower and curve code, which then stops inlining the cheap additions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Multiply(in Fr a, in Fr b, out Fr result)
    {
        MontgomeryArithmetic<FrModulus>.Multiply(in a.Limbs, in b.Limbs, out var r);
        result = new Fr(r);
    }

    /// <summary>result = a^2; <paramref name="result"/> may alias the input.</summary>
    // Deliberately not inlined: the multiplication is large, and inlining it everywhere exhausts the
    // JIT's inlining budget in the tower and curve code, which then stops inlining the cheap additions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Square(in Fr a, out Fr result)
    {
        MontgomeryArithmetic<FrModulus>.Square(in a.Limbs, out var r);
        result = new Fr(r);
    }

    /// <summary>result = -a; <paramref name="result"/> may alias the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Negate(in Fr a, out Fr result)
    {
        MontgomeryArithmetic<FrModulus>.Negate(in a.Limbs, out var r);
        result = new Fr(r);
    }

    /// <summary>result = 2a; <paramref name="result"/> may alias the input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double(in Fr a, out Fr result)
    {
        MontgomeryArithmetic<FrModulus>.Double(in a.Limbs, out var r);
        result = new Fr(r);
    }

    public Fr Square()
    {
        MontgomeryArithmetic<FrModulus>.Square(in Limbs, out var r);
        return new Fr(r);
    }

    /// <summary>
    /// Multiplicative inverse (Bernstein-Yang divsteps, a fixed 590 steps), constant time in the value.
    /// </summary>
    /// <exception cref="DivideByZeroException">The value is zero.</exception>
    public Fr Inverse()
    {
        if (IsZero)
        {
            throw new DivideByZeroException("zero has no inverse");
        }
        return InverseOrZero();
    }

    /// <summary>Inverse, mapping zero to zero (for callers that handle zero themselves).</summary>
    internal Fr InverseOrZero()
    {
        MontgomeryArithmetic<FrModulus>.Invert(in Limbs, out var r);
        return new Fr(r);
    }

    /// <summary>this^e for a canonical exponent; variable time in the exponent.</summary>
    public Fr Pow(in Fr exponentAsCanonical)
    {
        MontgomeryArithmetic<FrModulus>.FromMontgomery(in exponentAsCanonical.Limbs, out var e);
        MontgomeryArithmetic<FrModulus>.Pow(in Limbs, in e, out var r);
        return new Fr(r);
    }

    /// <summary>this^e for any e &gt;= 0 (negative e uses the inverse); variable time in the exponent.</summary>
    public Fr Pow(BigInteger e)
    {
        if (e.Sign < 0)
        {
            return Inverse().Pow(-e);
        }
        if (e.GetBitLength() <= 256)
        {
            var exponent = Limbs256.FromBigInteger(e);
            MontgomeryArithmetic<FrModulus>.Pow(in Limbs, in exponent, out var r);
            return new Fr(r);
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
    public Fr Pow(ulong e)
    {
        var exponent = new Limbs256(e, 0, 0, 0);
        MontgomeryArithmetic<FrModulus>.Pow(in Limbs, in exponent, out var r);
        return new Fr(r);
    }
}
