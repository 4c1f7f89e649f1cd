using System.Runtime.InteropServices;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// A point of G2 (on the twist over F_p2) in Jacobian coordinates (X/Z^2, Y/Z^3), the form to compute in. Operations assume
/// their inputs are on the curve (true for every value built through this library's public API).
/// </summary>
public readonly struct G2Jacobian : IEquatable<G2Jacobian>
{
    internal readonly JacobianPoint<Fp2> Point;

    internal G2Jacobian(in JacobianPoint<Fp2> point)
    {
        Point = point;
    }

    public static G2Jacobian Infinity => new(JacobianPoint<Fp2>.Infinity);

    public static G2Jacobian Generator => G2Affine.Generator.ToJacobian();

    public bool IsInfinity => Point.IsInfinity;

    public bool IsOnCurve => CurveArithmetic<Fp2>.IsOnCurve(in Point);

    public G2Affine ToAffine() => new(CurveArithmetic<Fp2>.ToAffine(in Point));

    /// <summary>Converts many points with a single field inversion (Montgomery's trick).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="points"/>.</exception>
    public static void BatchToAffine(ReadOnlySpan<G2Jacobian> points, Span<G2Affine> destination)
    {
        if (destination.Length < points.Length)
        {
            throw new ArgumentException("destination is shorter than the input", nameof(destination));
        }
        CurveArithmetic<Fp2>.BatchToAffine(
            MemoryMarshal.Cast<G2Jacobian, JacobianPoint<Fp2>>(points),
            MemoryMarshal.Cast<G2Affine, AffinePoint<Fp2>>(destination));
    }

    public static void Add(in G2Jacobian a, in G2Jacobian b, out G2Jacobian result)
    {
        CurveArithmetic<Fp2>.Add(in a.Point, in b.Point, out var r);
        result = new G2Jacobian(r);
    }

    public static void AddMixed(in G2Jacobian a, in G2Affine b, out G2Jacobian result)
    {
        CurveArithmetic<Fp2>.AddMixed(in a.Point, in b.Point, out var r);
        result = new G2Jacobian(r);
    }

    public static void Double(in G2Jacobian a, out G2Jacobian result)
    {
        CurveArithmetic<Fp2>.Double(in a.Point, out var r);
        result = new G2Jacobian(r);
    }

    public G2Jacobian Double()
    {
        Double(in this, out var r);
        return r;
    }

    public static G2Jacobian operator +(in G2Jacobian a, in G2Jacobian b)
    {
        Add(in a, in b, out var r);
        return r;
    }

    public static G2Jacobian operator +(in G2Jacobian a, in G2Affine b)
    {
        AddMixed(in a, in b, out var r);
        return r;
    }

    public static G2Jacobian operator -(in G2Jacobian a)
    {
        CurveArithmetic<Fp2>.Negate(in a.Point, out var r);
        return new G2Jacobian(r);
    }

    public static G2Jacobian operator -(in G2Jacobian a, in G2Jacobian b) => a + (-b);

    /// <summary>
    /// [scalar]this by the psi endomorphism split (k = k0 + k1 6u^2) and interleaved width-5 NAFs. Variable time: branches depend on the scalar, so use it for
    /// public scalars only (verification, encoding tests); see <see cref="MultiplyConstantTime"/>.
    /// </summary>
    public G2Jacobian Multiply(in Fr scalar)
    {
        MontgomeryArithmetic<FrModulus>.FromMontgomery(in scalar.Limbs, out var k);
        G2Subgroup.MultiplyInSubgroup(in Point, in k, out var r);
        return new G2Jacobian(r);
    }

    /// <summary>[scalar]this with a scalar-independent sequence of operations, for secret scalars.</summary>
    public G2Jacobian MultiplyConstantTime(in Fr scalar)
    {
        MontgomeryArithmetic<FrModulus>.FromMontgomery(in scalar.Limbs, out var k);
        CurveArithmetic<Fp2>.MultiplyConstantTime(in Point, in k, out var r);
        k = default;
        return new G2Jacobian(r);
    }

    /// <summary>Variable time; see <see cref="Multiply"/>.</summary>
    public static G2Jacobian operator *(in G2Jacobian p, in Fr scalar) => p.Multiply(in scalar);

    /// <summary>Equality of the represented points (not of the coordinates).</summary>
    public static bool operator ==(in G2Jacobian a, in G2Jacobian b) => CurveArithmetic<Fp2>.AreEqual(in a.Point, in b.Point);

    public static bool operator !=(in G2Jacobian a, in G2Jacobian b) => !(a == b);

    public bool Equals(G2Jacobian other) => this == other;

    public override bool Equals(object? obj) => obj is G2Jacobian other && Equals(other);

    public override int GetHashCode() => ToAffine().GetHashCode();

    public override string ToString() => ToAffine().ToString();
}
