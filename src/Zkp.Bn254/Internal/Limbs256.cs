namespace Zkp.Bn254.Internal;

/// <summary>
/// A 256-bit unsigned integer as four little-endian 64-bit limbs. The field types wrap one of these
/// (in Montgomery form); the same struct carries canonical integers inside the codecs.
/// </summary>
internal readonly struct Limbs256
{
    public readonly ulong U0;
    public readonly ulong U1;
    public readonly ulong U2;
    public readonly ulong U3;

    public Limbs256(ulong u0, ulong u1, ulong u2, ulong u3)
    {
        U0 = u0;
        U1 = u1;
        U2 = u2;
        U3 = u3;
    }

    public bool IsZero => (U0 | U1 | U2 | U3) == 0;

    /// <summary>Bit <paramref name="index"/> (0 = least significant). Variable time in the index only.</summary>
    public int Bit(int index) => (int)((index >> 6) switch
    {
        0 => U0 >> index,
        1 => U1 >> (index - 64),
        2 => U2 >> (index - 128),
        _ => U3 >> (index - 192),
    } & 1);

    public int BitLength => U3 != 0 ? 256 - System.Numerics.BitOperations.LeadingZeroCount(U3)
        : U2 != 0 ? 192 - System.Numerics.BitOperations.LeadingZeroCount(U2)
        : U1 != 0 ? 128 - System.Numerics.BitOperations.LeadingZeroCount(U1)
        : 64 - System.Numerics.BitOperations.LeadingZeroCount(U0);

    public static Limbs256 FromLittleEndian(ReadOnlySpan<byte> bytes32) => new(
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes32),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes32[8..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes32[16..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes32[24..]));

    public static Limbs256 FromBigEndian(ReadOnlySpan<byte> bytes32) => new(
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes32[24..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes32[16..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes32[8..]),
        System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes32));

    public void WriteLittleEndian(Span<byte> dest32)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(dest32, U0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(dest32[8..], U1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(dest32[16..], U2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(dest32[24..], U3);
    }

    public void WriteBigEndian(Span<byte> dest32)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dest32[24..], U0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dest32[16..], U1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dest32[8..], U2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(dest32, U3);
    }

    public System.Numerics.BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteLittleEndian(bytes);
        return new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>Requires 0 &lt;= value &lt; 2^256 (callers check).</summary>
    public static Limbs256 FromBigInteger(System.Numerics.BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        if (!value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "value does not fit in 256 bits");
        }
        return FromLittleEndian(bytes);
    }
}
