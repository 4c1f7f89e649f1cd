using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// An element of GT, the order-r subgroup of F_p12^* that pairings land in (tower
/// F_p2 = F_p[u]/(u^2+1), F_p6 = F_p2[v]/(v^3 - (9+u)), F_p12 = F_p6[w]/(w^2 - v)).
/// Only produced by <see cref="Pairing"/> and the operations below, so it is always in GT.
/// The default value is not a group element; use <see cref="One"/>.
/// </summary>
public readonly struct GT : IEquatable<GT>
{
    internal readonly Fp12 Value;

    internal GT(in Fp12 value)
    {
        Value = value;
    }

    public static GT One => new(Fp12.One);

    public bool IsOne => Value.IsOne;

    public static GT operator *(in GT a, in GT b) => new(a.Value * b.Value);

    /// <summary>The inverse; in GT it is the conjugate over F_p6.</summary>
    public GT Inverse() => new(Value.Conjugate());

    /// <summary>this^e (variable time in the exponent).</summary>
    public GT Pow(in Fr exponent) => new(Value.Pow(exponent.ToBigInteger()));

    /// <summary>this^e (variable time in the exponent); negative e uses the inverse.</summary>
    public GT Pow(BigInteger exponent) =>
        exponent.Sign < 0 ? new GT(Value.Conjugate().Pow(-exponent)) : new GT(Value.Pow(exponent));

    /// <summary>Constant-time equality of the F_p12 coordinates.</summary>
    public static bool operator ==(in GT a, in GT b) => a.Value == b.Value;

    public static bool operator !=(in GT a, in GT b) => a.Value != b.Value;

    public bool Equals(GT other) => Value == other.Value;

    public override bool Equals(object? obj) => obj is GT other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();
}
