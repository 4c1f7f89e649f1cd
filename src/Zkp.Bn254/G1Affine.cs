using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// A point of G1 in affine coordinates: the curve E(F_p): y^2 = x^3 + 3. E(F_p) has prime order r
/// (cofactor 1), so every point on the curve is in G1 and no subgroup check exists or is needed.
/// The point at infinity is stored as (0, 0). The default value is the point at infinity.
/// Values obtained from <see cref="FromCoordinates"/>, the decoders and group operations are always
/// on the curve.
/// </summary>
public readonly struct G1Affine : IEquatable<G1Affine>
{
    internal readonly AffinePoint<Fp> Point;

    internal G1Affine(in AffinePoint<Fp> point)
    {
        Point = point;
    }

    public static G1Affine Infinity => default;

    /// <summary>The standard generator (1, 2).</summary>
    public static G1Affine Generator { get; } = new(new AffinePoint<Fp>(Fp.One, Fp.FromUInt64(2)));

    public Fp X => Point.X;

    public Fp Y => Point.Y;

    public bool IsInfinity => Point.IsInfinity;

    /// <summary>Checks y^2 = x^3 + 3 (infinity counts as on the curve).</summary>
    public bool IsOnCurve => CurveArithmetic<Fp>.IsOnCurve(in Point);

    /// <summary>
    /// Builds a point from coordinates, checking it is on the curve; (0, 0) is the point at infinity.
    /// No subgroup check is needed because the cofactor is 1.
    /// </summary>
    /// <exception cref="Bn254FormatException">The point is not on the curve.</exception>
    public static G1Affine FromCoordinates(in Fp x, in Fp y)
    {
        var point = new AffinePoint<Fp>(x, y);
        if (!CurveArithmetic<Fp>.IsOnCurve(in point))
        {
            throw new Bn254FormatException("point not on curve");
        }
        return new G1Affine(point);
    }

    public G1Jacobian ToJacobian() => new(CurveArithmetic<Fp>.FromAffine(in Point));

    public static G1Affine operator -(in G1Affine p) => new(CurveArithmetic<Fp>.Negate(in p.Point));

    /// <summary>[scalar]this, variable time (public scalars). See <see cref="G1Jacobian.MultiplyConstantTime"/>.</summary>
    public G1Jacobian Multiply(in Fr scalar) => ToJacobian().Multiply(in scalar);

    public static bool operator ==(in G1Affine a, in G1Affine b) => (a.Point.X == b.Point.X) & (a.Point.Y == b.Point.Y);

    public static bool operator !=(in G1Affine a, in G1Affine b) => !(a == b);

    public bool Equals(G1Affine other) => this == other;

    public override bool Equals(object? obj) => obj is G1Affine other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Point.X, Point.Y);

    public override string ToString() => IsInfinity ? "G1(infinity)" : $"G1({Point.X}, {Point.Y})";
}
