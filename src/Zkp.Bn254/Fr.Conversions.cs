using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

public readonly partial struct Fr
{
    public static Fr FromUInt64(ulong value) => new(FieldCodec<FrModulus>.FromUInt64(value));

    /// <summary>Negative values map to m - |value|.</summary>
    public static Fr FromInt64(long value) => new(FieldCodec<FrModulus>.FromInt64(value));

    /// <exception cref="ArgumentOutOfRangeException">value &lt; 0 or value &gt;= the modulus.</exception>
    public static Fr FromBigInteger(BigInteger value) => new(FieldCodec<FrModulus>.FromBigInteger(value, nameof(value)));

    /// <summary>value mod m for any sign; for hashing and derivation only, never for decoding.</summary>
    public static Fr FromBigIntegerReduced(BigInteger value) => new(FieldCodec<FrModulus>.FromBigIntegerReduced(value));

    public BigInteger ToBigInteger() => FieldCodec<FrModulus>.ToBigInteger(in Limbs);

    /// <summary>Parses a canonical decimal string (digits only, no leading zero, below the modulus).</summary>
    /// <exception cref="Bn254FormatException">Not a canonical decimal below the modulus.</exception>
    public static Fr Parse(string decimalString) => new(FieldCodec<FrModulus>.Parse(decimalString));

    public static bool TryParse(string? s, out Fr value)
    {
        bool ok = FieldCodec<FrModulus>.TryParse(s, out var limbs, out _);
        value = new Fr(limbs);
        return ok;
    }

    /// <summary>Canonical decimal.</summary>
    public override string ToString() => FieldCodec<FrModulus>.ToDecimalString(in Limbs);

    /// <exception cref="Bn254FormatException">Not 32 bytes, or the value is &gt;= the modulus.</exception>
    public static Fr FromCanonicalLittleEndian(ReadOnlySpan<byte> bytes32) => new(FieldCodec<FrModulus>.FromCanonicalLittleEndian(bytes32));

    /// <exception cref="Bn254FormatException">Not 32 bytes, or the value is &gt;= the modulus.</exception>
    public static Fr FromCanonicalBigEndian(ReadOnlySpan<byte> bytes32) => new(FieldCodec<FrModulus>.FromCanonicalBigEndian(bytes32));

    public void WriteCanonicalLittleEndian(Span<byte> dest32) => FieldCodec<FrModulus>.WriteCanonicalLittleEndian(in Limbs, dest32);

    public void WriteCanonicalBigEndian(Span<byte> dest32) => FieldCodec<FrModulus>.WriteCanonicalBigEndian(in Limbs, dest32);

    /// <summary>Reads the Montgomery form x*2^256 mod m, little-endian, as snarkjs stores it in .zkey/.wtns files.</summary>
    /// <exception cref="Bn254FormatException">Not 32 bytes, or the limbs are &gt;= the modulus.</exception>
    public static Fr FromMontgomeryLittleEndian(ReadOnlySpan<byte> bytes32) => new(FieldCodec<FrModulus>.FromMontgomeryLittleEndian(bytes32));

    public void WriteMontgomeryLittleEndian(Span<byte> dest32) => FieldCodec<FrModulus>.WriteMontgomeryLittleEndian(in Limbs, dest32);

    /// <summary>Big-endian bytes of any length, reduced mod m (hash-to-field).</summary>
    public static Fr FromBytesReduced(ReadOnlySpan<byte> bigEndian) => new(FieldCodec<FrModulus>.FromBytesReduced(bigEndian));

    /// <summary>Uniformly random, from <see cref="System.Security.Cryptography.RandomNumberGenerator"/> with rejection sampling.</summary>
    public static Fr Random() => new(FieldCodec<FrModulus>.Random());
}
