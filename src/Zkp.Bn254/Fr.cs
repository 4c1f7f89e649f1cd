using System.Numerics;
using System.Runtime.CompilerServices;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// An element of the BN254 scalar field F_r (the order of G1, G2 and GT),
/// r = 21888242871839275222246405745257275088548364400416034343698204186575808495617,
/// held as four 64-bit limbs in Montgomery form (x * 2^256 mod r). The default value is zero.
/// Arithmetic is constant time in the values (Pow/TrySqrt are variable time in the public exponent only).
/// </summary>
public readonly partial struct Fr : IEquatable<Fr>, IPrimeField<Fr>
{
    internal readonly Limbs256 Limbs;

    internal Fr(in Limbs256 montgomeryLimbs)
    {
        Limbs = montgomeryLimbs;
    }

    public static Fr Zero => default;

    public static Fr One => new(FrModulus.RModM);

    /// <summary>The field modulus as a <see cref="BigInteger"/>.</summary>
    public static BigInteger Modulus => FrModulus.Modulus;

    public bool IsZero => Limbs.IsZero;

    public bool IsOne
    {
        get
        {
            var one = FrModulus.RModM;
            return MontgomeryArithmetic<FrModulus>.Equal(in Limbs, in one);
        }
    }

    /// <summary>Constant-time equality.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator ==(in Fr a, in Fr b) => MontgomeryArithmetic<FrModulus>.Equal(in a.Limbs, in b.Limbs);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator !=(in Fr a, in Fr b) => !MontgomeryArithmetic<FrModulus>.Equal(in a.Limbs, in b.Limbs);

    public bool Equals(Fr other) => MontgomeryArithmetic<FrModulus>.Equal(in Limbs, in other.Limbs);

    public override bool Equals(object? obj) => obj is Fr other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Limbs.U0, Limbs.U1, Limbs.U2, Limbs.U3);
}
