using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Testing;

namespace Zkp.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class SnarkjsCollection : ICollectionFixture<Snarkjs>
{
    public const string Name = "snarkjs";
}

/// <summary>The CLI's files, checked by the real snarkjs (pinned in tests/interop).</summary>
[Collection(SnarkjsCollection.Name)]
public sealed class SnarkjsInteropTests(Snarkjs snarkjs) : TempDirectoryTest
{
    [Fact]
    public void Snarkjs_reads_the_exported_claim_circuit_and_accepts_the_calculated_witness()
    {
        var r1cs = PathOf("claim.r1cs");
        var wtns = PathOf("claim.wtns");
        var salt = Fr.Parse("123456789012345678901234567890");
        var commitment = ClaimCommitment.Commit(50_001, salt);
        var binding = ClaimCommitment.BindingFor("urn:uuid:3f1c2a9e-0b7d-4c55-9a61-2f4e8d1b6c70");
        var input = WriteFile("input.json",
            $$"""{"commitment": "{{commitment}}", "lower": "50000", "upper": "18446744073709551615", "binding": "{{binding}}", "value": 50001, "salt": "{{salt}}"}""");

        Assert.Equal(0, Cli.Run("r1cs", "export", "zkp.claim-range.v1", r1cs).ExitCode);
        Assert.Equal(0, Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, wtns).ExitCode);

        var (infoCode, info) = snarkjs.Run("r1cs", "info", r1cs);
        Assert.True(infoCode == 0, info);
        Assert.Contains("Curve: bn-128", info, StringComparison.Ordinal);
        Assert.Contains("# of Wires: 568", info, StringComparison.Ordinal);
        Assert.Contains("# of Constraints: 567", info, StringComparison.Ordinal);
        Assert.Contains("# of Private Inputs: 2", info, StringComparison.Ordinal);
        Assert.Contains("# of Public Inputs: 4", info, StringComparison.Ordinal);
        Assert.Contains("# of Outputs: 0", info, StringComparison.Ordinal);

        var (checkCode, check) = snarkjs.Run("wtns", "check", r1cs, wtns);
        Assert.True(checkCode == 0, check);
        Assert.Contains("WITNESS IS CORRECT", check, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT CORRECT", check, StringComparison.Ordinal);

        var (exportCode, export) = snarkjs.Run("wtns", "export", "json", wtns, PathOf("witness.json"));
        Assert.True(exportCode == 0, export);
        var witnessJson = System.Text.Json.JsonDocument.Parse(File.ReadAllText(PathOf("witness.json")));
        Assert.Equal(
            [Fr.One.ToString(), commitment.ToString(), "50000", "18446744073709551615", binding.ToString()],
            witnessJson.RootElement.EnumerateArray().Take(5).Select(e => e.GetString()));
    }

    // Changing a public signal in a valid witness must break a constraint: for binding this is the
    // squaring constraint, without which a proof would not depend on binding at all.
    [Theory]
    [InlineData(1)] // commitment
    [InlineData(2)] // lower
    [InlineData(3)] // upper
    [InlineData(4)] // binding
    public void Snarkjs_rejects_the_witness_after_any_public_signal_changes(int wire)
    {
        var r1cs = PathOf("claim.r1cs");
        var wtns = PathOf("claim.wtns");
        var salt = Fr.Parse("42");
        var input = WriteFile("input.json",
            $$"""{"commitment": "{{ClaimCommitment.Commit(700, salt)}}", "lower": 650, "upper": 749, "binding": 99, "value": 700, "salt": 42}""");
        Assert.Equal(0, Cli.Run("r1cs", "export", "zkp.claim-range.v1", r1cs).ExitCode);
        Assert.Equal(0, Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, wtns).ExitCode);
        var witness = Zk.Formats.WtnsFile.ReadFile(wtns);
        witness[wire] += Fr.One;
        var tampered = PathOf("tampered.wtns");
        Zk.Formats.WtnsFile.WriteFile(witness, tampered);

        var (_, output) = snarkjs.Run("wtns", "check", r1cs, tampered);

        Assert.Contains("WITNESS IS NOT CORRECT", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Snarkjs_and_zkp_accept_each_others_groth16_proofs()
    {
        var zkey = PathOf("claim.zkey");
        var wtns = PathOf("claim.wtns");
        var vk = PathOf("vk.json");
        var salt = Fr.Parse("7");
        var input = WriteFile("input.json",
            $$"""{"commitment": "{{ClaimCommitment.Commit(1234, salt)}}", "lower": 1000, "upper": 2000, "binding": 5, "value": 1234, "salt": 7}""");
        Assert.Equal(0, Cli.Run("setup", "zkp.claim-range.v1", zkey).ExitCode);
        Assert.Equal(0, Cli.Run("zkey", "export", "verificationkey", zkey, vk).ExitCode);
        Assert.Equal(0, Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, wtns).ExitCode);

        // zkp proves, snarkjs verifies.
        Assert.Equal(0, Cli.Run("groth16", "prove", zkey, wtns, PathOf("zkp-proof.json"), PathOf("zkp-public.json")).ExitCode);
        var (verifyCode, verifyOutput) = snarkjs.Run("groth16", "verify", vk, PathOf("zkp-public.json"), PathOf("zkp-proof.json"));
        Assert.True(verifyCode == 0, verifyOutput);
        Assert.Contains("OK!", verifyOutput, StringComparison.Ordinal);

        // snarkjs proves with the same .zkey, zkp verifies; and both tools read the same public.json.
        var (proveCode, proveOutput) = snarkjs.Run("groth16", "prove", zkey, wtns, PathOf("sj-proof.json"), PathOf("sj-public.json"));
        Assert.True(proveCode == 0, proveOutput);
        Assert.Equal(new CliResult(0, "OK\n", string.Empty), Cli.Run("groth16", "verify", vk, PathOf("sj-public.json"), PathOf("sj-proof.json")));
        Assert.Equal(
            Zk.Formats.SnarkjsJson.ReadPublicSignals(File.ReadAllText(PathOf("zkp-public.json"))),
            Zk.Formats.SnarkjsJson.ReadPublicSignals(File.ReadAllText(PathOf("sj-public.json"))));

        // A snarkjs proof checked against the wrong statement is rejected by zkp.
        var tampered = WriteFile("tampered-public.json", File.ReadAllText(PathOf("sj-public.json")).Replace("\"1000\"", "\"999\"", StringComparison.Ordinal));
        Assert.Equal(new CliResult(1, string.Empty, "zkp: invalid proof\n"), Cli.Run("groth16", "verify", vk, tampered, PathOf("sj-proof.json")));
    }
}
