using System.Runtime.InteropServices;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// A point of G1 in Jacobian coordinates (X/Z^2, Y/Z^3), the form to compute in. Operations assume
/// their inputs are on the curve (true for every value built through this library's public API).
/// </summary>
public readonly struct G1Jacobian : IEquatable<G1Jacobian>
{
    internal readonly JacobianPoint<Fp> Point;

    internal G1Jacobian(in JacobianPoint<Fp> point)
    {
        Point = point;
    }

    public static G1Jacobian Infinity => new(JacobianPoint<Fp>.Infinity);

    public static G1Jacobian Generator => G1Affine.Generator.ToJacobian();

    public bool IsInfinity => Point.IsInfinity;

    public bool IsOnCurve => CurveArithmetic<Fp>.IsOnCurve(in Point);

    public G1Affine ToAffine() => new(CurveArithmetic<Fp>.ToAffine(in Point));

    /// <summary>Converts many points with a single field inversion (Montgomery's trick).</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="points"/>.</exception>
    public static void BatchToAffine(ReadOnlySpan<G1Jacobian> points, Span<G1Affine> destination)
    {
        if (destination.Length < points.Length)
        {
            throw new ArgumentException("destination is shorter than the input", nameof(destination));
        }
        CurveArithmetic<Fp>.BatchToAffine(
            MemoryMarshal.Cast<G1Jacobian, JacobianPoint<Fp>>(points),
            MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(destination));
    }

    public static void Add(in G1Jacobian a, in G1Jacobian b, out G1Jacobian result)
    {
        CurveArithmetic<Fp>.Add(in a.Point, in b.Point, out var r);
        result = new G1Jacobian(r);
    }

    public static void AddMixed(in G1Jacobian a, in G1Affine b, out G1Jacobian result)
    {
        CurveArithmetic<Fp>.AddMixed(in a.Point, in b.Point, out var r);
        result = new G1Jacobian(r);
    }

    public static void Double(in G1Jacobian a, out G1Jacobian result)
    {
        CurveArithmetic<Fp>.Double(in a.Point, out var r);
        result = new G1Jacobian(r);
    }

    public G1Jacobian Double()
    {
        Double(in this, out var r);
        return r;
    }

    public static G1Jacobian operator +(in G1Jacobian a, in G1Jacobian b)
    {
        Add(in a, in b, out var r);
        return r;
    }

    public static G1Jacobian operator +(in G1Jacobian a, in G1Affine b)
    {
        AddMixed(in a, in b, out var r);
        return r;
    }

    public static G1Jacobian operator -(in G1Jacobian a)
    {
        CurveArithmetic<Fp>.Negate(in a.Point, out var r);
        return new G1Jacobian(r);
    }

    public static G1Jacobian operator -(in G1Jacobian a, in G1Jacobian b) => a + (-b);

    /// <summary>
    /// [scalar]this by the GLV endomorphism split and interleaved width-5 NAFs. Variable time: branches depend on the scalar, so use it for
    /// public scalars only (verification, encoding tests); see <see cref="MultiplyConstantTime"/>.
    /// </summary>
    public G1Jacobian Multiply(in Fr scalar)
    {
        MontgomeryArithmetic<FrModulus>.FromMontgomery(in scalar.Limbs, out var k);
        G1Endomorphism.Multiply(in Point, in k, out var r);
        return new G1Jacobian(r);
    }

    /// <summary>[scalar]this with a scalar-independent sequence of operations, for secret scalars.</summary>
    public G1Jacobian MultiplyConstantTime(in Fr scalar)
    {
        MontgomeryArithmetic<FrModulus>.FromMontgomery(in scalar.Limbs, out var k);
        CurveArithmetic<Fp>.MultiplyConstantTime(in Point, in k, out var r);
        k = default;
        return new G1Jacobian(r);
    }

    /// <summary>Variable time; see <see cref="Multiply"/>.</summary>
    public static G1Jacobian operator *(in G1Jacobian p, in Fr scalar) => p.Multiply(in scalar);

    /// <summary>Equality of the represented points (not of the coordinates).</summary>
    public static bool operator ==(in G1Jacobian a, in G1Jacobian b) => CurveArithmetic<Fp>.AreEqual(in a.Point, in b.Point);

    public static bool operator !=(in G1Jacobian a, in G1Jacobian b) => !(a == b);

    public bool Equals(G1Jacobian other) => this == other;

    public override bool Equals(object? obj) => obj is G1Jacobian other && Equals(other);

    public override int GetHashCode() => ToAffine().GetHashCode();

    public override string ToString() => ToAffine().ToString();
}
