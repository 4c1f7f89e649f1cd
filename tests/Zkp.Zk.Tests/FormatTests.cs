using System.Buffers.Binary;
using Zkp.Bn254;
using Zkp.Zk.Constraints;
using Zkp.Zk.Formats;
using Zkp.Zk.Frontend;
using Zkp.Zk.Std;

namespace Zkp.Zk.Tests;

public class FormatTests
{
    private static CompiledCircuit Sample() => TestCircuit.Compile("format-sample", api =>
    {
        var x = api.SecretInput("x");
        var y = api.PublicInput("y");
        api.PublicOutput("out", api.Add(api.Mul(x, y), api.Constant(-5)));
        api.AssertBits(x, 4);
    });

    private static Witness SampleWitness(CompiledCircuit circuit) =>
        circuit.Solve(TestCircuit.Inputs(("x", 9), ("y", 7)));

    [Fact]
    public void R1cs_round_trips_and_has_the_snarkjs_layout()
    {
        var circuit = Sample();
        var bytes = R1csFile.Write(circuit.R1cs);

        Assert.Equal("r1cs"u8.ToArray(), bytes[..4]);
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12))); // header section first
        Assert.Equal(64ul, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(16))); // 4 + 32 + 4*4 + 8 + 4
        Assert.Equal(32u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(Fr.Modulus, new System.Numerics.BigInteger(bytes.AsSpan(28, 32), isUnsigned: true));

        var read = R1csFile.Read(bytes);
        Assert.Equal(circuit.R1cs.WireCount, read.WireCount);
        Assert.Equal(1, read.PublicOutputCount);
        Assert.Equal(1, read.PublicInputCount);
        Assert.Equal(1, read.PrivateInputCount);
        Assert.Equal(circuit.R1cs.WireToLabel, read.WireToLabel);
        Assert.Equal(circuit.R1cs.Constraints.Count, read.Constraints.Count);
        for (int i = 0; i < read.Constraints.Count; i++)
        {
            Assert.Equal(circuit.R1cs.Constraints[i].A, read.Constraints[i].A);
            Assert.Equal(circuit.R1cs.Constraints[i].B, read.Constraints[i].B);
            Assert.Equal(circuit.R1cs.Constraints[i].C, read.Constraints[i].C);
        }

        Assert.Equal(bytes, R1csFile.Write(read));
        Assert.Equal(-1, read.FindFirstUnsatisfied(SampleWitness(circuit).Values));
    }

    [Fact]
    public void R1cs_coefficients_are_canonical_little_endian()
    {
        // out = x*y - 5: constraint 0 is x*y = t; the output constraint carries -5 = r - 5 on wire 0.
        var bytes = R1csFile.Write(Sample().R1cs);
        var minusFive = new byte[32];
        (-Fr.FromUInt64(5)).WriteCanonicalLittleEndian(minusFive);
        Assert.True(bytes.AsSpan().IndexOf(minusFive) > 0);
        var five = new byte[32];
        Fr.FromUInt64(5).WriteMontgomeryLittleEndian(five);
        Assert.True(bytes.AsSpan().IndexOf(five) < 0);
    }

    [Fact]
    public void Wtns_round_trips_with_the_snarkjs_layout()
    {
        var witness = SampleWitness(Sample()).Values.ToArray();
        var bytes = WtnsFile.Write(witness);
        Assert.Equal("wtns"u8.ToArray(), bytes[..4]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(12 + 12 + 40 + 12 + (32 * witness.Length), bytes.Length);
        Assert.Equal((uint)witness.Length, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24 + 36)));
        Assert.Equal(1, bytes[12 + 12 + 40 + 12]); // witness[0] = 1, canonical little-endian
        Assert.Equal(witness, WtnsFile.Read(bytes));
    }

    [Fact]
    public void Every_truncation_is_a_format_error()
    {
        var r1cs = R1csFile.Write(Sample().R1cs);
        for (int length = 0; length < r1cs.Length; length++)
        {
            var ex = Assert.Throws<ZkFormatException>(() => R1csFile.Read(r1cs.AsSpan(0, length)));
            Assert.StartsWith("r1cs: ", ex.Message, StringComparison.Ordinal);
        }

        var wtns = WtnsFile.Write(SampleWitness(Sample()).Values);
        for (int length = 0; length < wtns.Length; length++)
        {
            var ex = Assert.Throws<ZkFormatException>(() => WtnsFile.Read(wtns.AsSpan(0, length)));
            Assert.StartsWith("wtns: ", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Wrong_magic_version_and_field_are_named()
    {
        var r1cs = R1csFile.Write(Sample().R1cs);
        var wtns = WtnsFile.Write(SampleWitness(Sample()).Values);

        Assert.Equal("wtns: wrong magic: expected 'wtns', got 'r1cs'", Assert.Throws<ZkFormatException>(() => WtnsFile.Read(r1cs)).Message);
        Assert.Equal("r1cs: wrong magic: expected 'r1cs', got 'wtns'", Assert.Throws<ZkFormatException>(() => R1csFile.Read(wtns)).Message);

        var badVersion = (byte[])r1cs.Clone();
        badVersion[4] = 2;
        Assert.Equal("r1cs: unsupported version 2 (this reader knows 1..1)", Assert.Throws<ZkFormatException>(() => R1csFile.Read(badVersion)).Message);

        var otherField = (byte[])r1cs.Clone();
        Fp.Modulus.TryWriteBytes(otherField.AsSpan(28, 32), out _, isUnsigned: true);
        Assert.StartsWith("r1cs: wrong field: prime 218882428718392752222464057452572750886963111572978236626890378946452262", Assert.Throws<ZkFormatException>(() => R1csFile.Read(otherField)).Message, StringComparison.Ordinal);

        var otherN8 = (byte[])wtns.Clone();
        otherN8[24] = 48;
        Assert.Equal("wtns: wrong field element size n8 = 48, expected 32 (BN254)", Assert.Throws<ZkFormatException>(() => WtnsFile.Read(otherN8)).Message);
    }

    [Fact]
    public void Inconsistent_sizes_and_values_are_named()
    {
        var circuit = Sample();
        var r1cs = R1csFile.Write(circuit.R1cs);
        int wiresOffset = 12 + 12 + 36;

        var tooFewWires = (byte[])r1cs.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(tooFewWires.AsSpan(wiresOffset), 2);
        Assert.StartsWith("r1cs: inconsistent header: 2 wires", Assert.Throws<ZkFormatException>(() => R1csFile.Read(tooFewWires)).Message, StringComparison.Ordinal);

        var hugeConstraintCount = (byte[])r1cs.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(hugeConstraintCount.AsSpan(wiresOffset + 24), uint.MaxValue);
        Assert.Equal("r1cs: constraints section too short for 4294967295 constraints", Assert.Throws<ZkFormatException>(() => R1csFile.Read(hugeConstraintCount)).Message);

        var fewerConstraints = (byte[])r1cs.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(fewerConstraints.AsSpan(wiresOffset + 24), (uint)circuit.R1cs.Constraints.Count - 1);
        Assert.Contains("bytes after the last constraint", Assert.Throws<ZkFormatException>(() => R1csFile.Read(fewerConstraints)).Message, StringComparison.Ordinal);

        // First term of constraint 0 (A side): wire index then a 32-byte coefficient.
        int firstTerm = 12 + 12 + 64 + 12 + 4;
        var wireOutOfRange = (byte[])r1cs.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(wireOutOfRange.AsSpan(firstTerm), 1000);
        Assert.Equal($"r1cs: constraint 0 refers to wire 1000, the file has {circuit.R1cs.WireCount} wires", Assert.Throws<ZkFormatException>(() => R1csFile.Read(wireOutOfRange)).Message);

        var nonCanonical = (byte[])r1cs.Clone();
        nonCanonical.AsSpan(firstTerm + 4, 32).Fill(0xff);
        Assert.Equal("r1cs: coefficient in constraint 0 is not a canonical field element (>= r)", Assert.Throws<ZkFormatException>(() => R1csFile.Read(nonCanonical)).Message);

        var wtns = WtnsFile.Write(SampleWitness(circuit).Values);
        var moreValues = (byte[])wtns.Clone();
        BinaryPrimitives.WriteUInt32LittleEndian(moreValues.AsSpan(24 + 36), 1_000_000);
        Assert.Contains("expected 32000000 for 1000000 values", Assert.Throws<ZkFormatException>(() => WtnsFile.Read(moreValues)).Message, StringComparison.Ordinal);

        var bigValue = (byte[])wtns.Clone();
        bigValue.AsSpan(wtns.Length - 32).Fill(0xff);
        Assert.Equal($"wtns: witness value {circuit.R1cs.WireCount - 1} is not a canonical field element (>= r)", Assert.Throws<ZkFormatException>(() => WtnsFile.Read(bigValue)).Message);
    }

    [Fact]
    public void Missing_and_duplicate_sections_are_named()
    {
        var writer = new BinFileWriter("wtns", 2, 1);
        var header = new SectionBuilder();
        header.FieldHeader();
        header.UInt32(0);
        writer.WriteSection(1, header.Content);
        Assert.Equal("wtns: missing witness values section (type 2)", Assert.Throws<ZkFormatException>(() => WtnsFile.Read(writer.ToArray())).Message);

        var twice = new BinFileWriter("wtns", 2, 3);
        twice.WriteSection(1, header.Content);
        twice.WriteSection(1, header.Content);
        twice.WriteSection(2, ReadOnlySpan<byte>.Empty);
        Assert.Equal("wtns: 2 header sections (type 1), expected one", Assert.Throws<ZkFormatException>(() => WtnsFile.Read(twice.ToArray())).Message);

        var declaredTooLong = WtnsFile.Write([Fr.One]);
        BinaryPrimitives.WriteUInt32LittleEndian(declaredTooLong.AsSpan(8), 5);
        Assert.Equal("wtns: file truncated in the header of section 3 of 5", Assert.Throws<ZkFormatException>(() => WtnsFile.Read(declaredTooLong)).Message);
    }

    [Fact]
    public void Poseidon_circuit_survives_a_file_round_trip()
    {
        var circuit = TestCircuit.Compile("poseidon-file", api =>
            api.PublicOutput("h", api.Poseidon(api.SecretInput("a"), api.SecretInput("b"), api.SecretInput("c"))));
        var witness = circuit.Solve(TestCircuit.Inputs(("a", 1), ("b", 2), ("c", 3)));
        var r1cs = R1csFile.Read(R1csFile.Write(circuit.R1cs));
        var values = WtnsFile.Read(WtnsFile.Write(witness.Values));
        Assert.Equal(-1, r1cs.FindFirstUnsatisfied(values));
        // circomlibjs poseidon([1, 2, 3]).
        Assert.Equal("6542985608222806190361240322586112750744169038454362455181422643027100751666", values[1].ToString());
        values[^1] += Fr.One;
        Assert.NotEqual(-1, r1cs.FindFirstUnsatisfied(values));
    }
}
