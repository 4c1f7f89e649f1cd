using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// A point of G2 in affine coordinates on the D-type sextic twist E'(F_p2): y^2 = x^3 + 3/(9+u),
/// with F_p2 = F_p[u]/(u^2 + 1); a coordinate is c0 + c1*u. E'(F_p2) has order r * (2p - r), so
/// G2 is a proper subgroup: <see cref="FromCoordinates"/> and the decoders check both the curve
/// equation and subgroup membership. The point at infinity is stored as (0, 0) and is the default value.
/// </summary>
public readonly struct G2Affine : IEquatable<G2Affine>
{
    internal readonly AffinePoint<Fp2> Point;

    internal G2Affine(in AffinePoint<Fp2> point)
    {
        Point = point;
    }

    public static G2Affine Infinity => default;

    /// <summary>The standard generator used by EIP-197, snarkjs and gnark.</summary>
    public static G2Affine Generator { get; } = new(new AffinePoint<Fp2>(
        new Fp2(
            Fp.Parse("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
            Fp.Parse("11559732032986387107991004021392285783925812861821192530917403151452391805634")),
        new Fp2(
            Fp.Parse("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
            Fp.Parse("4082367875863433681332203403145435568316851327593401208105741076214120093531"))));

    /// <summary>Real part of x.</summary>
    public Fp Xc0 => Point.X.C0;

    /// <summary>Imaginary part (coefficient of u) of x.</summary>
    public Fp Xc1 => Point.X.C1;

    public Fp Yc0 => Point.Y.C0;

    public Fp Yc1 => Point.Y.C1;

    public bool IsInfinity => Point.IsInfinity;

    /// <summary>Checks the twist equation only (infinity counts as on the curve).</summary>
    public bool IsOnCurve => CurveArithmetic<Fp2>.IsOnCurve(in Point);

    /// <summary>
    /// Prime-order subgroup membership by the endomorphism test of El Housni-Guillevic-Piellard (one
    /// multiplication by the 63-bit u and three psi maps). Assumes the point is on the twist: check
    /// <see cref="IsOnCurve"/> first (<see cref="FromCoordinates"/> and the decoders do).
    /// </summary>
    public bool IsInSubgroup => G2Subgroup.IsInSubgroup(in Point);

    /// <summary>
    /// Builds a point from its coordinates x = xc0 + xc1 u, y = yc0 + yc1 u, checking that it is on
    /// the twist and in the prime-order subgroup; (0, 0, 0, 0) is the point at infinity.
    /// </summary>
    /// <exception cref="Bn254FormatException">Not on the curve, or not in the subgroup.</exception>
    public static G2Affine FromCoordinates(in Fp xc0, in Fp xc1, in Fp yc0, in Fp yc1)
    {
        var point = FromCoordinatesUnchecked(xc0, xc1, yc0, yc1);
        point.Validate();
        return point;
    }

    /// <summary>No checks: for values the library itself produced.</summary>
    internal static G2Affine FromCoordinatesUnchecked(in Fp xc0, in Fp xc1, in Fp yc0, in Fp yc1) =>
        new(new AffinePoint<Fp2>(new Fp2(xc0, xc1), new Fp2(yc0, yc1)));

    internal void Validate()
    {
        if (!IsOnCurve)
        {
            throw new Bn254FormatException("point not on curve");
        }
        if (!IsInSubgroup)
        {
            throw new Bn254FormatException("point not in the prime-order subgroup");
        }
    }

    public G2Jacobian ToJacobian() => new(CurveArithmetic<Fp2>.FromAffine(in Point));

    public static G2Affine operator -(in G2Affine p) => new(CurveArithmetic<Fp2>.Negate(in p.Point));

    /// <summary>[scalar]this, variable time (public scalars). See <see cref="G2Jacobian.MultiplyConstantTime"/>.</summary>
    public G2Jacobian Multiply(in Fr scalar) => ToJacobian().Multiply(in scalar);

    public static bool operator ==(in G2Affine a, in G2Affine b) => (a.Point.X == b.Point.X) & (a.Point.Y == b.Point.Y);

    public static bool operator !=(in G2Affine a, in G2Affine b) => !(a == b);

    public bool Equals(G2Affine other) => this == other;

    public override bool Equals(object? obj) => obj is G2Affine other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Point.X, Point.Y);

    public override string ToString() => IsInfinity ? "G2(infinity)" : $"G2({Point.X}, {Point.Y})";
}
