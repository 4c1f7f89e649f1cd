using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using Zkp.Bn254;

namespace Zkp.Zk.Formats;

/// <summary>
/// The iden3 "binfile" container shared by snarkjs's .r1cs, .wtns and .zkey files: a 4-byte ASCII
/// magic, a uint32 version, a uint32 section count, then sections of (uint32 type, uint64 size,
/// bytes). Integers are little-endian.
/// </summary>
internal sealed class BinFile
{
    private readonly Dictionary<uint, List<(int Offset, int Size)>> sections;

    private BinFile(string kind, uint version, Dictionary<uint, List<(int Offset, int Size)>> sections)
    {
        Kind = kind;
        Version = version;
        this.sections = sections;
    }

    public string Kind { get; }

    public uint Version { get; }

    public static BinFile Parse(ReadOnlySpan<byte> data, string magic, uint maxVersion)
    {
        if (data.Length < 12)
        {
            throw new ZkFormatException($"{magic}: file truncated: {data.Length} bytes, a header needs 12");
        }

        if (!data[..4].SequenceEqual(Encoding.ASCII.GetBytes(magic)))
        {
            throw new ZkFormatException($"{magic}: wrong magic: expected '{magic}', got '{Printable(data[..4])}'");
        }

        uint version = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (version == 0 || version > maxVersion)
        {
            throw new ZkFormatException($"{magic}: unsupported version {version} (this reader knows 1..{maxVersion})");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        var sections = new Dictionary<uint, List<(int, int)>>();
        long position = 12;
        for (uint i = 0; i < count; i++)
        {
            if (data.Length - position < 12)
            {
                throw new ZkFormatException($"{magic}: file truncated in the header of section {i + 1} of {count}");
            }

            uint type = BinaryPrimitives.ReadUInt32LittleEndian(data[(int)position..]);
            ulong size = BinaryPrimitives.ReadUInt64LittleEndian(data[((int)position + 4)..]);
            position += 12;
            if (size > (ulong)(data.Length - position))
            {
                throw new ZkFormatException($"{magic}: file truncated: section type {type} declares {size} bytes, {data.Length - position} remain");
            }

            if (!sections.TryGetValue(type, out var list))
            {
                sections[type] = list = [];
            }

            list.Add(((int)position, (int)size));
            position += (long)size;
        }

        return new BinFile(magic, version, sections);
    }

    /// <summary>The single section of a type; missing or repeated sections are format errors.</summary>
    public ReadOnlySpan<byte> Section(ReadOnlySpan<byte> data, uint type, string name)
    {
        if (!sections.TryGetValue(type, out var list))
        {
            throw new ZkFormatException($"{Kind}: missing {name} section (type {type})");
        }

        if (list.Count != 1)
        {
            throw new ZkFormatException($"{Kind}: {list.Count} {name} sections (type {type}), expected one");
        }

        return data.Slice(list[0].Offset, list[0].Size);
    }

    public bool HasSection(uint type) => sections.ContainsKey(type);

    /// <summary>Checks the field header (uint32 n8, then the prime in n8 bytes) is BN254's r; returns the bytes read.</summary>
    public int ReadFieldHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4)
        {
            throw new ZkFormatException($"{Kind}: header section truncated");
        }

        uint n8 = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (n8 != 32)
        {
            throw new ZkFormatException($"{Kind}: wrong field element size n8 = {n8}, expected 32 (BN254)");
        }

        if (header.Length < 36)
        {
            throw new ZkFormatException($"{Kind}: header section truncated");
        }

        var prime = new BigInteger(header.Slice(4, 32), isUnsigned: true, isBigEndian: false);
        if (prime != Fr.Modulus)
        {
            throw new ZkFormatException($"{Kind}: wrong field: prime {prime} is not the BN254 scalar field order r");
        }

        return 36;
    }

    public static Fr ReadCanonical(string kind, ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return Fr.FromCanonicalLittleEndian(bytes);
        }
        catch (Bn254FormatException e)
        {
            throw new ZkFormatException($"{kind}: {what} is not a canonical field element (>= r)", e);
        }
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder();
        foreach (var b in bytes)
        {
            builder.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        }

        return builder.ToString();
    }
}

/// <summary>Writes the binfile container: sections are appended whole.</summary>
internal sealed class BinFileWriter
{
    private readonly MemoryStream stream = new();

    public BinFileWriter(string magic, uint version, uint sectionCount)
    {
        stream.Write(Encoding.ASCII.GetBytes(magic));
        WriteUInt32(version);
        WriteUInt32(sectionCount);
    }

    public void WriteSection(uint type, ReadOnlySpan<byte> content)
    {
        WriteUInt32(type);
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)content.Length);
        stream.Write(size);
        stream.Write(content);
    }

    public byte[] ToArray() => stream.ToArray();

    private void WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }
}

/// <summary>Little-endian section content builder.</summary>
internal sealed class SectionBuilder
{
    private readonly MemoryStream stream = new();

    public void UInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    public void UInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        stream.Write(bytes);
    }

    public void Canonical(in Fr value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.WriteCanonicalLittleEndian(bytes);
        stream.Write(bytes);
    }

    public void BigInteger(BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        stream.Write(bytes);
    }

    public void Zeros(int count) => stream.Write(new byte[count]);

    public void G1(in G1Affine point)
    {
        Span<byte> bytes = stackalloc byte[64];
        PointEncoding.EncodeG1Zkey(point, bytes);
        stream.Write(bytes);
    }

    public void G2(in G2Affine point)
    {
        Span<byte> bytes = stackalloc byte[128];
        PointEncoding.EncodeG2Zkey(point, bytes);
        stream.Write(bytes);
    }

    public void FieldHeader()
    {
        UInt32(32);
        Span<byte> prime = stackalloc byte[32];
        Fr.Modulus.TryWriteBytes(prime, out _, isUnsigned: true, isBigEndian: false);
        stream.Write(prime);
    }

    public ReadOnlySpan<byte> Content => stream.GetBuffer().AsSpan(0, (int)stream.Length);
}
