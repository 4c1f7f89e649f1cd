using System.Buffers.Binary;
using Zkp.Bn254;

namespace Zkp.Zk.Formats;

/// <summary>
/// snarkjs .wtns files (iden3 binfile, magic "wtns", version 2): section 1 header (n8, prime,
/// uint32 nWitness), section 2 the witness values, 32 bytes each in canonical little-endian
/// (snarkjs writes them with Scalar.toRprLE and reads public signals with Scalar.fromRprLE).
/// Reading does not check the witness against a circuit: use <see cref="Constraints.R1cs.FindFirstUnsatisfied"/>.
/// </summary>
public static class WtnsFile
{
    private const uint HeaderSection = 1;
    private const uint ValuesSection = 2;
    private const string Kind = "wtns";

    public static Fr[] ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(File.ReadAllBytes(path));
    }

    public static void WriteFile(ReadOnlySpan<Fr> witness, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, Write(witness));
    }

    /// <exception cref="ZkFormatException">The bytes are not a well-formed BN254 .wtns file.</exception>
    public static Fr[] Read(ReadOnlySpan<byte> data)
    {
        var file = BinFile.Parse(data, Kind, 2);
        var header = file.Section(data, HeaderSection, "header");
        int p = file.ReadFieldHeader(header);
        if (header.Length != p + 4)
        {
            throw new ZkFormatException($"{Kind}: header section has {header.Length} bytes, expected {p + 4}");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(header[p..]);
        var values = file.Section(data, ValuesSection, "witness values");
        if ((ulong)values.Length != (ulong)count * 32)
        {
            throw new ZkFormatException($"{Kind}: witness section has {values.Length} bytes, expected {(ulong)count * 32} for {count} values");
        }

        var witness = new Fr[count];
        for (int i = 0; i < witness.Length; i++)
        {
            witness[i] = BinFile.ReadCanonical(Kind, values.Slice(i * 32, 32), $"witness value {i}");
        }

        return witness;
    }

    public static byte[] Write(ReadOnlySpan<Fr> witness)
    {
        var writer = new BinFileWriter(Kind, 2, 2);
        var header = new SectionBuilder();
        header.FieldHeader();
        header.UInt32((uint)witness.Length);
        writer.WriteSection(HeaderSection, header.Content);
        var values = new SectionBuilder();
        foreach (var value in witness)
        {
            values.Canonical(value);
        }

        writer.WriteSection(ValuesSection, values.Content);
        return writer.ToArray();
    }
}
