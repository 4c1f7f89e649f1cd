using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

public readonly partial struct Fp
{
    public static Fp FromUInt64(ulong value) => new(FieldCodec<FpModulus>.FromUInt64(value));

    /// <summary>Negative values map to m - |value|.</summary>
    public static Fp FromInt64(long value) => new(FieldCodec<FpModulus>.FromInt64(value));

    /// <exception cref="ArgumentOutOfRangeException">value &lt; 0 or value &gt;= the modulus.</exception>
    public static Fp FromBigInteger(BigInteger value) => new(FieldCodec<FpModulus>.FromBigInteger(value, nameof(value)));

    /// <summary>value mod m for any sign; for hashing and derivation only, never for decoding.</summary>
    public static Fp FromBigIntegerReduced(BigInteger value) => new(FieldCodec<FpModulus>.FromBigIntegerReduced(value));

    public BigInteger ToBigInteger() => FieldCodec<FpModulus>.ToBigInteger(in Limbs);

    /// <summary>Parses a canonical decimal string (digits only, no leading zero, below the modulus).</summary>
    /// <exception cref="Bn254FormatException">Not a canonical decimal below the modulus.</exception>
    public static Fp Parse(string decimalString) => new(FieldCodec<FpModulus>.Parse(decimalString));

    public static bool TryParse(string? s, out Fp value)
    {
        bool ok = FieldCodec<FpModulus>.TryParse(s, out var limbs, out _);
        value = new Fp(limbs);
        return ok;
    }

    /// <summary>Canonical decimal.</summary>
    public override string ToString() => FieldCodec<FpModulus>.ToDecimalString(in Limbs);

    /// <exception cref="Bn254FormatException">Not 32 bytes, or the value is &gt;= the modulus.</exception>
    public static Fp FromCanonicalLittleEndian(ReadOnlySpan<byte> bytes32) => new(FieldCodec<FpModulus>.FromCanonicalLittleEndian(bytes32));

    /// <exception cref="Bn254FormatException">Not 32 bytes, or the value is &gt;= the modulus.</exception>
    public static Fp FromCanonicalBigEndian(ReadOnlySpan<byte> bytes32) => new(FieldCodec<FpModulus>.FromCanonicalBigEndian(bytes32));

    public void WriteCanonicalLittleEndian(Span<byte> dest32) => FieldCodec<FpModulus>.WriteCanonicalLittleEndian(in Limbs, dest32);

    public void WriteCanonicalBigEndian(Span<byte> dest32) => FieldCodec<FpModulus>.WriteCanonicalBigEndian(in Limbs, dest32);

    /// <summary>Reads the Montgomery form x*2^256 mod m, little-endian, as snarkjs stores it in .zkey/.wtns files.</summary>
    /// <exception cref="Bn254FormatException">Not 32 bytes, or the limbs are &gt;= the modulus.</exception>
    public static Fp FromMontgomeryLittleEndian(ReadOnlySpan<byte> bytes32) => new(FieldCodec<FpModulus>.FromMontgomeryLittleEndian(bytes32));

    public void WriteMontgomeryLittleEndian(Span<byte> dest32) => FieldCodec<FpModulus>.WriteMontgomeryLittleEndian(in Limbs, dest32);

    /// <summary>Big-endian bytes of any length, reduced mod m (hash-to-field).</summary>
    public static Fp FromBytesReduced(ReadOnlySpan<byte> bigEndian) => new(FieldCodec<FpModulus>.FromBytesReduced(bigEndian));

    /// <summary>Uniformly random, from <see cref="System.Security.Cryptography.RandomNumberGenerator"/> with rejection sampling.</summary>
    public static Fp Random() => new(FieldCodec<FpModulus>.Random());
}
