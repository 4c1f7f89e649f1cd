namespace Zkp.Bn254.Internal;

/// <summary>
/// The field operations the generic curve code needs, implemented by <see cref="Fp"/> (for G1) and
/// <see cref="Fp2"/> (for the G2 twist). Static abstract members on struct type arguments are
/// resolved at JIT time, so the curve code is specialised per field without virtual calls.
/// </summary>
internal interface IFieldOps<T>
    where T : struct, IFieldOps<T>
{
    static abstract T ZeroElement { get; }

    static abstract T OneElement { get; }

    /// <summary>The coefficient b of the short Weierstrass curve y^2 = x^3 + b over this field.</summary>
    static abstract T CurveB { get; }

    /// <summary>3b, used by the complete projective formulas.</summary>
    static abstract T CurveB3 { get; }

    static abstract void Add(in T a, in T b, out T result);

    static abstract void Subtract(in T a, in T b, out T result);

    static abstract void Multiply(in T a, in T b, out T result);

    static abstract void Square(in T a, out T result);

    static abstract void Negate(in T a, out T result);

    static abstract void Double(in T a, out T result);

    static abstract bool IsZeroElement(in T a);

    static abstract bool AreEqual(in T a, in T b);

    /// <summary>Inverse with zero mapped to zero.</summary>
    static abstract T InvertOrZero(in T a);

    /// <summary>Returns <paramref name="whenOne"/> if <paramref name="mask"/> is all ones, <paramref name="whenZero"/> if it is zero; branch-free.</summary>
    static abstract T Select(in T whenZero, in T whenOne, ulong mask);
}
