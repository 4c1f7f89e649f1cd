using System.Numerics;
using System.Runtime.CompilerServices;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// An element of the BN254 base field F_p,
/// p = 21888242871839275222246405745257275088696311157297823662689037894645226208583,
/// held as four 64-bit limbs in Montgomery form (x * 2^256 mod p). The default value is zero.
/// Arithmetic is constant time in the values (Pow/TrySqrt are variable time in the public exponent only).
/// </summary>
public readonly partial struct Fp : IEquatable<Fp>, IPrimeField<Fp>
{
    internal readonly Limbs256 Limbs;

    internal Fp(in Limbs256 montgomeryLimbs)
    {
        Limbs = montgomeryLimbs;
    }

    public static Fp Zero => default;

    public static Fp One => new(FpModulus.RModM);

    /// <summary>The field modulus as a <see cref="BigInteger"/>.</summary>
    public static BigInteger Modulus => FpModulus.Modulus;

    public bool IsZero => Limbs.IsZero;

    public bool IsOne
    {
        get
        {
            var one = FpModulus.RModM;
            return MontgomeryArithmetic<FpModulus>.Equal(in Limbs, in one);
        }
    }

    /// <summary>Constant-time equality.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator ==(in Fp a, in Fp b) => MontgomeryArithmetic<FpModulus>.Equal(in a.Limbs, in b.Limbs);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator !=(in Fp a, in Fp b) => !MontgomeryArithmetic<FpModulus>.Equal(in a.Limbs, in b.Limbs);

    public bool Equals(Fp other) => MontgomeryArithmetic<FpModulus>.Equal(in Limbs, in other.Limbs);

    public override bool Equals(object? obj) => obj is Fp other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Limbs.U0, Limbs.U1, Limbs.U2, Limbs.U3);
}
