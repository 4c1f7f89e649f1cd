using System.Numerics;

namespace Zkp.Bn254.Internal;

/// <summary>
/// Compile-time description of a Montgomery modulus. Implemented by empty structs so that
/// <see cref="MontgomeryArithmetic{TModulus}"/> is specialised per field by the JIT: the static
/// members below fold into immediate constants, with no virtual dispatch.
/// Both BN254 moduli have a top limb below 2^62, which the carry-free CIOS loop relies on.
/// </summary>
internal interface IMontgomeryModulus
{
    static abstract ulong M0 { get; }
    static abstract ulong M1 { get; }
    static abstract ulong M2 { get; }
    static abstract ulong M3 { get; }

    /// <summary>-M^-1 mod 2^64.</summary>
    static abstract ulong NegInverse { get; }

    /// <summary>R^2 mod M with R = 2^256, used to enter Montgomery form.</summary>
    static abstract Limbs256 RSquared { get; }

    /// <summary>R mod M, i.e. one in Montgomery form.</summary>
    static abstract Limbs256 RModM { get; }

    static abstract BigInteger Modulus { get; }

    /// <summary>Letter naming the modulus in error messages ("p" or "r").</summary>
    static abstract string Symbol { get; }
}

/// <summary>The BN254 base-field prime p = 36u^4 + 36u^3 + 24u^2 + 6u + 1.</summary>
internal readonly struct FpModulus : IMontgomeryModulus
{
    private static readonly BigInteger ModulusValue = BigInteger.Parse(
        "21888242871839275222246405745257275088696311157297823662689037894645226208583",
        System.Globalization.CultureInfo.InvariantCulture);

    public static ulong M0 => 0x3c208c16d87cfd47;
    public static ulong M1 => 0x97816a916871ca8d;
    public static ulong M2 => 0xb85045b68181585d;
    public static ulong M3 => 0x30644e72e131a029;
    public static ulong NegInverse => 0x87d20782e4866389;
    public static Limbs256 RSquared => new(0xf32cfc5b538afa89, 0xb5e71911d44501fb, 0x47ab1eff0a417ff6, 0x06d89f71cab8351f);
    public static Limbs256 RModM => new(0xd35d438dc58f0d9d, 0x0a78eb28f5c70b3d, 0x666ea36f7879462c, 0x0e0a77c19a07df2f);
    public static BigInteger Modulus => ModulusValue;
    public static string Symbol => "p";
}

/// <summary>The BN254 scalar-field prime r = 36u^4 + 36u^3 + 18u^2 + 6u + 1 (the group order).</summary>
internal readonly struct FrModulus : IMontgomeryModulus
{
    private static readonly BigInteger ModulusValue = BigInteger.Parse(
        "21888242871839275222246405745257275088548364400416034343698204186575808495617",
        System.Globalization.CultureInfo.InvariantCulture);

    public static ulong M0 => 0x43e1f593f0000001;
    public static ulong M1 => 0x2833e84879b97091;
    public static ulong M2 => 0xb85045b68181585d;
    public static ulong M3 => 0x30644e72e131a029;
    public static ulong NegInverse => 0xc2e1f593efffffff;
    public static Limbs256 RSquared => new(0x1bb8e645ae216da7, 0x53fe3ab1e35c59e3, 0x8c49833d53bb8085, 0x0216d0b17f4e44a5);
    public static Limbs256 RModM => new(0xac96341c4ffffffb, 0x36fc76959f60cd29, 0x666ea36f7879462e, 0x0e0a77c19a07df2f);
    public static BigInteger Modulus => ModulusValue;
    public static string Symbol => "r";
}
