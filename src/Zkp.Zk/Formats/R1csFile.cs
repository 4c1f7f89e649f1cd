using System.Buffers.Binary;
using Zkp.Bn254;
using Zkp.Zk.Constraints;

namespace Zkp.Zk.Formats;

/// <summary>
/// circom/snarkjs .r1cs files (iden3 binfile, magic "r1cs", version 1): section 1 header
/// (n8, prime, nWires, nPubOut, nPubIn, nPrvIn, nLabels, nConstraints), section 2 constraints
/// (for A, B, C: uint32 term count, then uint32 wire + coefficient in canonical little-endian,
/// as circom writes it and snarkjs's r1csfile reads it with fromRprLE), section 3 wire-to-label map
/// (uint64 per wire). Other sections (circom's custom gates) are ignored when reading.
/// </summary>
public static class R1csFile
{
    private const uint HeaderSection = 1;
    private const uint ConstraintsSection = 2;
    private const uint WireToLabelSection = 3;
    private const string Kind = "r1cs";

    public static R1cs ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(File.ReadAllBytes(path));
    }

    public static void WriteFile(R1cs r1cs, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, Write(r1cs));
    }

    /// <exception cref="ZkFormatException">The bytes are not a well-formed BN254 .r1cs file.</exception>
    public static R1cs Read(ReadOnlySpan<byte> data)
    {
        var file = BinFile.Parse(data, Kind, 1);
        var header = file.Section(data, HeaderSection, "header");
        int p = file.ReadFieldHeader(header);
        if (header.Length != p + 28)
        {
            throw new ZkFormatException($"{Kind}: header section has {header.Length} bytes, expected {p + 28}");
        }

        uint wires = BinaryPrimitives.ReadUInt32LittleEndian(header[p..]);
        uint outputs = BinaryPrimitives.ReadUInt32LittleEndian(header[(p + 4)..]);
        uint publicInputs = BinaryPrimitives.ReadUInt32LittleEndian(header[(p + 8)..]);
        uint privateInputs = BinaryPrimitives.ReadUInt32LittleEndian(header[(p + 12)..]);
        ulong labels = BinaryPrimitives.ReadUInt64LittleEndian(header[(p + 16)..]);
        uint constraintCount = BinaryPrimitives.ReadUInt32LittleEndian(header[(p + 24)..]);
        if (wires == 0 || wires > int.MaxValue || 1UL + outputs + publicInputs + privateInputs > wires)
        {
            throw new ZkFormatException($"{Kind}: inconsistent header: {wires} wires cannot hold 1 + {outputs} outputs + {publicInputs} public + {privateInputs} private inputs");
        }

        var constraintBytes = file.Section(data, ConstraintsSection, "constraints");
        // Each constraint needs at least three term counts: bound the allocation by the section size.
        if ((ulong)constraintCount * 12 > (ulong)constraintBytes.Length)
        {
            throw new ZkFormatException($"{Kind}: constraints section too short for {constraintCount} constraints");
        }

        var constraints = new R1csConstraint[constraintCount];
        int position = 0;
        for (int i = 0; i < constraints.Length; i++)
        {
            var a = ReadLinearCombination(constraintBytes, ref position, (int)wires, i);
            var b = ReadLinearCombination(constraintBytes, ref position, (int)wires, i);
            var c = ReadLinearCombination(constraintBytes, ref position, (int)wires, i);
            constraints[i] = new R1csConstraint(a, b, c);
        }

        if (position != constraintBytes.Length)
        {
            throw new ZkFormatException($"{Kind}: constraints section has {constraintBytes.Length - position} bytes after the last constraint");
        }

        ulong[]? wireToLabel = null;
        if (file.HasSection(WireToLabelSection))
        {
            var map = file.Section(data, WireToLabelSection, "wire-to-label");
            if ((ulong)map.Length != (ulong)wires * 8)
            {
                throw new ZkFormatException($"{Kind}: wire-to-label section has {map.Length} bytes, expected {(ulong)wires * 8} for {wires} wires");
            }

            wireToLabel = new ulong[wires];
            for (int i = 0; i < wireToLabel.Length; i++)
            {
                wireToLabel[i] = BinaryPrimitives.ReadUInt64LittleEndian(map[(i * 8)..]);
            }
        }

        return new R1cs((int)wires, (int)outputs, (int)publicInputs, (int)privateInputs, constraints, labels, wireToLabel);
    }

    public static byte[] Write(R1cs r1cs)
    {
        ArgumentNullException.ThrowIfNull(r1cs);
        var writer = new BinFileWriter(Kind, 1, 3);

        var header = new SectionBuilder();
        header.FieldHeader();
        header.UInt32((uint)r1cs.WireCount);
        header.UInt32((uint)r1cs.PublicOutputCount);
        header.UInt32((uint)r1cs.PublicInputCount);
        header.UInt32((uint)r1cs.PrivateInputCount);
        header.UInt64(r1cs.LabelCount);
        header.UInt32((uint)r1cs.Constraints.Count);
        writer.WriteSection(HeaderSection, header.Content);

        var constraints = new SectionBuilder();
        foreach (var constraint in r1cs.Constraints)
        {
            WriteLinearCombination(constraints, constraint.A);
            WriteLinearCombination(constraints, constraint.B);
            WriteLinearCombination(constraints, constraint.C);
        }

        writer.WriteSection(ConstraintsSection, constraints.Content);

        var map = new SectionBuilder();
        foreach (var label in r1cs.WireToLabel)
        {
            map.UInt64(label);
        }

        writer.WriteSection(WireToLabelSection, map.Content);
        return writer.ToArray();
    }

    private static void WriteLinearCombination(SectionBuilder builder, IReadOnlyList<R1csTerm> terms)
    {
        builder.UInt32((uint)terms.Count);
        foreach (var term in terms)
        {
            builder.UInt32((uint)term.Wire);
            builder.Canonical(term.Coefficient);
        }
    }

    private static R1csTerm[] ReadLinearCombination(ReadOnlySpan<byte> data, ref int position, int wires, int constraint)
    {
        if (data.Length - position < 4)
        {
            throw new ZkFormatException($"{Kind}: constraints section truncated in constraint {constraint}");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(data[position..]);
        position += 4;
        if ((ulong)count * 36 > (ulong)(data.Length - position))
        {
            throw new ZkFormatException($"{Kind}: constraints section truncated in constraint {constraint} ({count} terms declared)");
        }

        var terms = new R1csTerm[count];
        for (int i = 0; i < terms.Length; i++)
        {
            uint wire = BinaryPrimitives.ReadUInt32LittleEndian(data[position..]);
            if (wire >= (uint)wires)
            {
                throw new ZkFormatException($"{Kind}: constraint {constraint} refers to wire {wire}, the file has {wires} wires");
            }

            var coefficient = BinFile.ReadCanonical(Kind, data.Slice(position + 4, 32), $"coefficient in constraint {constraint}");
            terms[i] = new R1csTerm((int)wire, coefficient);
            position += 36;
        }

        // circom writes terms sorted by wire; other writers may not. Duplicates would be ambiguous.
        Array.Sort(terms, static (x, y) => x.Wire.CompareTo(y.Wire));
        for (int i = 1; i < terms.Length; i++)
        {
            if (terms[i].Wire == terms[i - 1].Wire)
            {
                throw new ZkFormatException($"{Kind}: constraint {constraint} lists wire {terms[i].Wire} twice in one linear combination");
            }
        }

        return terms;
    }
}
