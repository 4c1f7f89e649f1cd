using System.Buffers.Binary;
using Zkp.Api.Credentials;
using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Zk.Formats;
using Zkp.Zk.Frontend;
using Zkp.Zk.Groth16;

namespace Zkp.Api.Tests.Unit;

public sealed class ClaimKeysTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "zkp-claimkeys-" + Guid.NewGuid().ToString("N")[..12]);

    public ClaimKeysTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Development_key_is_generated_once_into_the_data_directory_and_reused_on_later_starts()
    {
        var first = ClaimKeys.Load(configuredPath: null, _directory, mayGenerate: true);
        var path = Path.Combine(_directory, "zkp.claim-range.v1.zkey");
        Assert.True(first.Generated);
        Assert.Equal(path, first.KeyPath);
        var bytes = File.ReadAllBytes(path);
        Assert.Single(Directory.GetFiles(_directory));

        var second = ClaimKeys.Load(configuredPath: null, _directory, mayGenerate: true);
        Assert.False(second.Generated);
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(first.VerifyingKey.Alpha1, second.VerifyingKey.Alpha1);
        Assert.Equal(first.VerifyingKey.Delta2, second.VerifyingKey.Delta2);

        // Bound to the circuit hash, published under the circuit id, and a proof made with the proving key verifies.
        Assert.Equal(ClaimCircuits.Range.CircuitHash, second.VerifyingKey.CircuitId);
        Assert.Same(second.VerifyingKey, second.VerifyingKeys["zkp.claim-range.v1"]);
        Assert.Single(second.VerifyingKeys);
        var witness = ClaimCircuits.Range.Solve(ClaimCommitment.RangeInputs(700, Fr.FromUInt64(9), 650, 850, ClaimCommitment.BindingFor("urn:uuid:test")));
        var proof = Groth16Prover.Prove(second.ProvingKey, witness.Values);
        Assert.True(Groth16Verifier.Verify(second.VerifyingKey, ClaimCircuits.Range.CircuitHash, witness.PublicSignals(), proof));
    }

    [Fact]
    public void A_configured_key_is_used_as_is_and_nothing_is_generated()
    {
        var keys = ClaimKeys.Load(TestProvingKey.Path, _directory, mayGenerate: true);
        Assert.False(keys.Generated);
        Assert.Equal(TestProvingKey.Path, keys.KeyPath);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Without_a_configured_key_a_production_start_is_refused()
    {
        var refused = Assert.Throws<ClaimKeyException>(() => ClaimKeys.Load(configuredPath: " ", _directory, mayGenerate: false));
        Assert.StartsWith(
            $"Zk:ProvingKeyPath is not set. Outside Development, Testing and the embedded SQLite default the server needs the proving key of zkp.claim-range.v1 (circuit hash {ClaimCircuits.Range.CircuitHash}).",
            refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory));
    }

    [Fact]
    public void A_missing_or_malformed_key_file_is_refused()
    {
        var missing = Path.Combine(_directory, "missing.zkey");
        Assert.StartsWith($"Zk:ProvingKeyPath names '{missing}', which does not exist.",
            Assert.Throws<ClaimKeyException>(() => ClaimKeys.Load(missing, _directory, mayGenerate: true)).Message, StringComparison.Ordinal);

        var garbage = Path.Combine(_directory, "garbage.zkey");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.StartsWith($"The proving key '{garbage}' is not a valid Groth16 .zkey:",
            Assert.Throws<ClaimKeyException>(() => ClaimKeys.Load(garbage, _directory, mayGenerate: true)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_for_another_circuit_is_refused_naming_the_expected_circuit_hash()
    {
        var compiled = CircuitCompiler.Compile(new ProductCircuit());
        var path = Path.Combine(_directory, "product.zkey");
        ZkeyFile.WriteFile(Groth16Setup.Run(compiled.R1cs), path);

        var refused = Assert.Throws<ClaimKeyException>(() => ClaimKeys.Load(path, _directory, mayGenerate: true));
        var r1cs = ClaimCircuits.Range.Compiled.R1cs;
        Assert.StartsWith(
            $"The proving key '{path}' does not belong to the compiled claim circuit zkp.claim-range.v1: expected circuit hash {ClaimCircuits.Range.CircuitHash}, " +
            $"found a key for a circuit with {compiled.R1cs.WireCount} wires, 1 public signals and domain 2^2 (the claim circuit has {r1cs.WireCount}, 4 and 2^10).",
            refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_of_the_same_shape_that_does_not_prove_the_claim_circuit_is_refused()
    {
        // Swapping two IC points keeps every point valid and the shape intact, but the key no longer verifies what it proves.
        var bytes = File.ReadAllBytes(TestProvingKey.Path);
        var ic = SectionOffset(bytes, 3);
        var first = bytes.AsSpan(ic + 64, 64).ToArray();
        bytes.AsSpan(ic + 128, 64).CopyTo(bytes.AsSpan(ic + 64, 64));
        first.CopyTo(bytes.AsSpan(ic + 128, 64));
        var path = Path.Combine(_directory, "swapped.zkey");
        File.WriteAllBytes(path, bytes);

        var refused = Assert.Throws<ClaimKeyException>(() => ClaimKeys.Load(path, _directory, mayGenerate: true));
        Assert.StartsWith(
            $"The proving key '{path}' does not belong to the compiled claim circuit zkp.claim-range.v1: expected circuit hash {ClaimCircuits.Range.CircuitHash}, " +
            "found a key of another circuit with the same shape (a proof of a satisfying claim-circuit witness made with it does not verify).",
            refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2024-01-31", "2024-02-29", 0)]
    [InlineData("2024-01-31", "2024-03-31", 2)]
    [InlineData("2019-03-01", "2026-11-22", 92)]
    [InlineData("2019-03-22", "2026-11-21", 91)]
    [InlineData("2026-11-22", "2026-11-22", 0)]
    [InlineData("2026-12-01", "2026-11-22", 0)]
    public void Account_age_counts_whole_months(string opened, string today, ulong months) =>
        Assert.Equal(months, ClaimValues.WholeMonthsBetween(DateOnly.Parse(opened, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

    private static int SectionOffset(byte[] file, int sectionType)
    {
        // iden3 binfile: magic, version, section count, then (uint32 type, uint64 size, data) per section.
        var position = 12;
        while (position < file.Length)
        {
            var type = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(position));
            var size = (int)BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(position + 4));
            if (type == sectionType)
            {
                return position + 12;
            }

            position += 12 + size;
        }

        throw new InvalidOperationException($"section {sectionType} not found");
    }

    /// <summary>out = a * b with one public output: a valid circuit that is not the claim circuit.</summary>
    private sealed class ProductCircuit : Circuit
    {
        public override string Name => "test.product";

        public override void Define(ICircuitApi api) =>
            api.PublicOutput("out", api.Mul(api.SecretInput("a"), api.SecretInput("b")));
    }
}
