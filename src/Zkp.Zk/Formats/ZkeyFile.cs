using System.Buffers.Binary;
using System.Numerics;
using Zkp.Bn254;
using Zkp.Zk.Groth16;

namespace Zkp.Zk.Formats;

/// <summary>
/// snarkjs Groth16 .zkey files (iden3 binfile, magic "zkey", version 1): 1 header (protocol 1 =
/// groth16), 2 Groth16 header (n8q, q, n8r, r, nVars, nPublic, domainSize, alpha1, beta1, beta2,
/// gamma2, delta1, delta2), 3 IC, 4 QAP coefficients (uint32 count, then matrix, row, wire and
/// value), 5 A, 6 B1, 7 B2, 8 C (private wires), 9 H (odd-coset Lagrange points / delta); points
/// are affine, little-endian Montgomery form, all zeros for infinity. Coefficient values are stored
/// as c * R^2 mod r (R = 2^256), so that snarkjs's Montgomery product with a plain witness value
/// lands in Montgomery form; this reader divides R^2 out again. Section 10 (contribution history)
/// is not read; the writer emits an empty history with a zero circuit hash (snarkjs's prove and
/// export commands do not read it; <c>snarkjs zkey verify</c> would need the ceremony transcript).
/// </summary>
public static class ZkeyFile
{
    private const string Kind = "zkey";
    private const int G1Size = 64;
    private const int G2Size = 128;

    // R^-2 mod r, R = 2^256.
    private static readonly Fr RSquaredInverse = Fr.FromBigInteger(BigInteger.ModPow(BigInteger.One << 256, 2, Fr.Modulus)).Inverse();

    public static ProvingKey ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(File.ReadAllBytes(path));
    }

    /// <summary>
    /// Reads a proving key. Checks every point is on its curve and the verifying-key G2 points are in
    /// the subgroup; the per-wire B2 points are only checked on the curve (a bad one can only spoil
    /// the prover's own proofs, which the verifier then rejects).
    /// </summary>
    /// <exception cref="ZkFormatException">Malformed file, another curve or protocol, or inconsistent sizes.</exception>
    public static ProvingKey Read(ReadOnlySpan<byte> data)
    {
        var file = BinFile.Parse(data, Kind, 1);
        var protocol = file.Section(data, 1, "header");
        if (protocol.Length != 4 || BinaryPrimitives.ReadUInt32LittleEndian(protocol) != 1)
        {
            throw new ZkFormatException($"{Kind}: not a Groth16 key (protocol header must be 1)");
        }

        var header = file.Section(data, 2, "Groth16 header");
        int p = ReadPrimes(header);
        if (header.Length != p + 12 + (3 * G1Size) + (3 * G2Size))
        {
            throw new ZkFormatException($"{Kind}: Groth16 header has {header.Length} bytes, expected {p + 12 + (3 * G1Size) + (3 * G2Size)}");
        }

        uint wires = BinaryPrimitives.ReadUInt32LittleEndian(header[p..]);
        uint publicCount = BinaryPrimitives.ReadUInt32LittleEndian(header[(p + 4)..]);
        uint domainSize = BinaryPrimitives.ReadUInt32LittleEndian(header[(p + 8)..]);
        if (wires == 0 || publicCount >= wires || domainSize == 0 || !BitOperations.IsPow2(domainSize) || domainSize > 1u << Groth16Setup.MaxDomainLog2)
        {
            throw new ZkFormatException($"{Kind}: inconsistent header: nVars {wires}, nPublic {publicCount}, domainSize {domainSize}");
        }

        int q = p + 12;
        var alpha1 = G1(header.Slice(q, G1Size), "vk_alpha_1");
        var beta1 = G1(header.Slice(q + G1Size, G1Size), "vk_beta_1");
        var beta2 = G2(header.Slice(q + (2 * G1Size), G2Size), "vk_beta_2", checkSubgroup: true);
        var gamma2 = G2(header.Slice(q + (2 * G1Size) + G2Size, G2Size), "vk_gamma_2", checkSubgroup: true);
        var delta1 = G1(header.Slice(q + (2 * G1Size) + (2 * G2Size), G1Size), "vk_delta_1");
        var delta2 = G2(header.Slice(q + (3 * G1Size) + (2 * G2Size), G2Size), "vk_delta_2", checkSubgroup: true);
        if (gamma2 == delta2)
        {
            throw new ZkFormatException($"{Kind}: vk_gamma_2 equals vk_delta_2: the key has no phase-2 contribution and proofs for it can be forged");
        }

        var ic = G1Array(file.Section(data, 3, "IC"), (int)publicCount + 1, "IC");
        var coefficients = ReadCoefficients(file.Section(data, 4, "coefficients"), (int)wires, (int)domainSize);
        var a = G1Array(file.Section(data, 5, "A"), (int)wires, "A");
        var b1 = G1Array(file.Section(data, 6, "B1"), (int)wires, "B1");
        var b2 = G2Array(file.Section(data, 7, "B2"), (int)wires, "B2");
        var c = G1Array(file.Section(data, 8, "C"), (int)(wires - publicCount - 1), "C");
        var h = G1Array(file.Section(data, 9, "H"), (int)domainSize, "H");

        var verifyingKey = new VerifyingKey(alpha1, beta2, gamma2, delta2, ic);
        return new ProvingKey((int)wires, (int)publicCount, BitOperations.Log2(domainSize), coefficients, alpha1, beta1, beta2, delta1, delta2, a, b1, b2, c, h, verifyingKey);
    }

    public static void WriteFile(ProvingKey key, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        File.WriteAllBytes(path, Write(key));
    }

    public static byte[] Write(ProvingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var vk = key.VerifyingKey;
        var writer = new BinFileWriter(Kind, 1, 10);
        var protocol = new SectionBuilder();
        protocol.UInt32(1);
        writer.WriteSection(1, protocol.Content);

        var header = new SectionBuilder();
        header.UInt32(32);
        header.BigInteger(Fp.Modulus);
        header.FieldHeader();
        header.UInt32((uint)key.WireCount);
        header.UInt32((uint)key.PublicSignalCount);
        header.UInt32((uint)key.Domain.Size);
        header.G1(key.Alpha1);
        header.G1(key.Beta1);
        header.G2(key.Beta2);
        header.G2(vk.Gamma2);
        header.G1(key.Delta1);
        header.G2(key.Delta2);
        writer.WriteSection(2, header.Content);

        writer.WriteSection(3, G1Section(vk.IC));

        var coefficients = new SectionBuilder();
        coefficients.UInt32((uint)key.Coefficients.Length);
        var rSquared = RSquaredInverse.Inverse();
        foreach (var coefficient in key.Coefficients)
        {
            coefficients.UInt32(coefficient.Matrix);
            coefficients.UInt32((uint)coefficient.Row);
            coefficients.UInt32((uint)coefficient.Wire);
            coefficients.Canonical(coefficient.Value * rSquared);
        }

        writer.WriteSection(4, coefficients.Content);
        writer.WriteSection(5, G1Section(key.A));
        writer.WriteSection(6, G1Section(key.B1));
        var b2 = new SectionBuilder();
        foreach (var point in key.B2)
        {
            b2.G2(point);
        }

        writer.WriteSection(7, b2.Content);
        writer.WriteSection(8, G1Section(key.C));
        writer.WriteSection(9, G1Section(key.H));
        var contributions = new SectionBuilder();
        contributions.Zeros(64);
        contributions.UInt32(0);
        writer.WriteSection(10, contributions.Content);
        return writer.ToArray();
    }

    private static ReadOnlySpan<byte> G1Section(IReadOnlyList<G1Affine> points)
    {
        var builder = new SectionBuilder();
        foreach (var point in points)
        {
            builder.G1(point);
        }

        return builder.Content;
    }

    private static int ReadPrimes(ReadOnlySpan<byte> header)
    {
        if (header.Length < 4 + 32 + 4 + 32)
        {
            throw new ZkFormatException($"{Kind}: Groth16 header truncated");
        }

        uint n8q = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var prime = new BigInteger(header.Slice(4, Math.Min(32, (int)Math.Min(n8q, 32))), isUnsigned: true);
        if (n8q != 32 || prime != Fp.Modulus)
        {
            throw new ZkFormatException($"{Kind}: wrong curve: base field is not BN254's p");
        }

        uint n8r = BinaryPrimitives.ReadUInt32LittleEndian(header[36..]);
        var order = new BigInteger(header.Slice(40, 32), isUnsigned: true);
        if (n8r != 32 || order != Fr.Modulus)
        {
            throw new ZkFormatException($"{Kind}: wrong curve: scalar field is not BN254's r");
        }

        return 72;
    }

    private static QapCoefficient[] ReadCoefficients(ReadOnlySpan<byte> section, int wires, int domainSize)
    {
        const int EntrySize = 12 + 32;
        if (section.Length < 4)
        {
            throw new ZkFormatException($"{Kind}: coefficients section truncated");
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(section);
        if ((ulong)section.Length != 4 + ((ulong)count * EntrySize))
        {
            throw new ZkFormatException($"{Kind}: coefficients section has {section.Length} bytes, expected {4 + ((ulong)count * EntrySize)} for {count} entries");
        }

        var result = new QapCoefficient[count];
        for (int i = 0; i < result.Length; i++)
        {
            var entry = section.Slice(4 + (i * EntrySize), EntrySize);
            uint matrix = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            uint row = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            uint wire = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            if (matrix > 1 || row >= (uint)domainSize || wire >= (uint)wires)
            {
                throw new ZkFormatException($"{Kind}: coefficient {i} out of range (matrix {matrix}, row {row}, wire {wire})");
            }

            var stored = BinFile.ReadCanonical(Kind, entry.Slice(12, 32), $"coefficient {i}");
            result[i] = new QapCoefficient((byte)matrix, (int)row, (int)wire, stored * RSquaredInverse);
        }

        return result;
    }

    private static G1Affine[] G1Array(ReadOnlySpan<byte> section, int count, string name)
    {
        if ((ulong)section.Length != (ulong)count * G1Size)
        {
            throw new ZkFormatException($"{Kind}: {name} section has {section.Length} bytes, expected {(ulong)count * G1Size} for {count} points");
        }

        var result = new G1Affine[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = G1(section.Slice(i * G1Size, G1Size), $"{name}[{i}]");
        }

        return result;
    }

    private static G2Affine[] G2Array(ReadOnlySpan<byte> section, int count, string name)
    {
        if ((ulong)section.Length != (ulong)count * G2Size)
        {
            throw new ZkFormatException($"{Kind}: {name} section has {section.Length} bytes, expected {(ulong)count * G2Size} for {count} points");
        }

        var result = new G2Affine[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = G2(section.Slice(i * G2Size, G2Size), $"{name}[{i}]", checkSubgroup: false);
        }

        return result;
    }

    private static G1Affine G1(ReadOnlySpan<byte> bytes, string name)
    {
        try
        {
            return PointEncoding.DecodeG1Zkey(bytes);
        }
        catch (FormatException e)
        {
            throw new ZkFormatException($"{Kind}: {name}: {e.Message}", e);
        }
    }

    private static G2Affine G2(ReadOnlySpan<byte> bytes, string name, bool checkSubgroup)
    {
        try
        {
            return PointEncoding.DecodeG2Zkey(bytes, skipSubgroupCheck: !checkSubgroup);
        }
        catch (FormatException e)
        {
            throw new ZkFormatException($"{Kind}: {name}: {e.Message}", e);
        }
    }
}
