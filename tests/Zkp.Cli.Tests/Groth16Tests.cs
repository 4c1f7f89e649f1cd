using System.Text.Json.Nodes;
using Zkp.Bn254;
using Zkp.Circuits;

namespace Zkp.Cli.Tests;

/// <summary>One development key and one valid proof for the claim circuit, made through the CLI.</summary>
public sealed class ClaimProofFixture : IDisposable
{
    public ClaimProofFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("zkp-g16-").FullName;
        var salt = Fr.Parse("42");
        File.WriteAllText(PathOf("input.json"),
            $$"""{"commitment": "{{ClaimCommitment.Commit(700, salt)}}", "lower": 650, "upper": 749, "binding": 99, "value": 700, "salt": 42}""");
        SetupResult = Cli.Run("setup", "zkp.claim-range.v1", PathOf("claim.zkey"), "--vk", PathOf("vk.json"));
        WtnsResult = Cli.Run("wtns", "calculate", "zkp.claim-range.v1", PathOf("input.json"), PathOf("claim.wtns"));
        ProveResult = Cli.Run("groth16", "prove", PathOf("claim.zkey"), PathOf("claim.wtns"), PathOf("proof.json"), PathOf("public.json"));
        VerifyingKey = File.ReadAllText(PathOf("vk.json"));
        Proof = File.ReadAllText(PathOf("proof.json"));
        PublicSignals = File.ReadAllText(PathOf("public.json"));
    }

    public string Directory { get; }

    internal CliResult SetupResult { get; }

    internal CliResult WtnsResult { get; }

    internal CliResult ProveResult { get; }

    public string VerifyingKey { get; }

    public string Proof { get; }

    public string PublicSignals { get; }

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class Groth16Tests(ClaimProofFixture claim) : TempDirectoryTest, IClassFixture<ClaimProofFixture>
{
    private static readonly string R = Fr.Modulus.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Setup_warns_that_the_key_is_for_development_and_prove_reports_its_files()
    {
        Assert.Equal(0, claim.SetupResult.ExitCode);
        Assert.Equal(Groth16Commands.DevelopmentKeyWarning + "\n", claim.SetupResult.Stderr);
        Assert.Equal(
            $"wrote {claim.PathOf("claim.zkey")} for zkp.claim-range.v1 (circuit hash {CircuitCatalogue.Get("zkp.claim-range.v1").CircuitHash})\nwrote {claim.PathOf("vk.json")}\n",
            claim.SetupResult.Stdout);
        Assert.Equal(0, claim.WtnsResult.ExitCode);
        Assert.Equal(new CliResult(0, $"wrote {claim.PathOf("proof.json")} and {claim.PathOf("public.json")}\n", string.Empty), claim.ProveResult);
    }

    [Fact]
    public void Public_json_holds_the_claim_circuits_public_inputs()
    {
        var signals = JsonNode.Parse(claim.PublicSignals)!.AsArray().Select(n => n!.GetValue<string>()).ToArray();

        Assert.Equal([ClaimCommitment.Commit(700, Fr.Parse("42")).ToString(), "650", "749", "99"], signals);
    }

    [Fact]
    public void A_valid_proof_prints_OK()
    {
        Assert.Equal(new CliResult(0, "OK\n", string.Empty), Verify(claim.VerifyingKey, claim.PublicSignals, claim.Proof));
    }

    [Fact]
    public void The_exported_verification_key_equals_the_one_setup_wrote()
    {
        var exported = PathOf("exported.json");

        Assert.Equal(new CliResult(0, $"wrote {exported}\n", string.Empty), Cli.Run("zkey", "export", "verificationkey", claim.PathOf("claim.zkey"), exported));
        Assert.Equal(claim.VerifyingKey, File.ReadAllText(exported));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Changing_one_public_signal_is_an_invalid_proof(int index)
    {
        var signals = JsonNode.Parse(claim.PublicSignals)!.AsArray();
        signals[index] = (Fr.Parse(signals[index]!.GetValue<string>()) + Fr.One).ToString();

        Assert.Equal(new CliResult(1, string.Empty, "zkp: invalid proof\n"), Verify(claim.VerifyingKey, signals.ToJsonString(), claim.Proof));
    }

    [Fact]
    public void Swapping_pi_a_and_pi_c_is_an_invalid_proof()
    {
        // Both stay valid curve points, so only the pairing check can reject the change.
        var proof = JsonNode.Parse(claim.Proof)!.AsObject();
        (proof["pi_a"], proof["pi_c"]) = (proof["pi_c"]!.DeepClone(), proof["pi_a"]!.DeepClone());

        Assert.Equal(new CliResult(1, string.Empty, "zkp: invalid proof\n"), Verify(claim.VerifyingKey, claim.PublicSignals, proof.ToJsonString()));
    }

    [Fact]
    public void Negating_pi_a_is_an_invalid_proof()
    {
        // (x, p - y) is on the curve: one coordinate changed, the point still decodes.
        var proof = JsonNode.Parse(claim.Proof)!.AsObject();
        var y = System.Numerics.BigInteger.Parse(proof["pi_a"]![1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        proof["pi_a"]![1] = (Fp.Modulus - y).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(new CliResult(1, string.Empty, "zkp: invalid proof\n"), Verify(claim.VerifyingKey, claim.PublicSignals, proof.ToJsonString()));
    }

    [Fact]
    public void A_proof_point_off_the_curve_exits_2_naming_the_file_and_field()
    {
        var proof = JsonNode.Parse(claim.Proof)!.AsObject();
        proof["pi_c"]![1] = "5";

        var result = Verify(claim.VerifyingKey, claim.PublicSignals, proof.ToJsonString());

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"zkp: {PathOf("proof.json")}: proof.json: pi_c: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Fact]
    public void A_public_signal_not_below_r_exits_2()
    {
        var signals = JsonNode.Parse(claim.PublicSignals)!.AsArray();
        signals[2] = R;

        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {PathOf("public.json")}: public.json: public signal 2 is not a canonical decimal below r\n"),
            Verify(claim.VerifyingKey, signals.ToJsonString(), claim.Proof));
    }

    [Fact]
    public void A_wrong_number_of_public_signals_exits_2()
    {
        var signals = JsonNode.Parse(claim.PublicSignals)!.AsArray();
        signals.RemoveAt(3);

        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {PathOf("public.json")}: 3 public signals, the verification key expects 4\n"),
            Verify(claim.VerifyingKey, signals.ToJsonString(), claim.Proof));
    }

    [Fact]
    public void Malformed_json_exits_2_naming_the_file()
    {
        var result = Verify(claim.VerifyingKey, claim.PublicSignals, "{\"pi_a\": [");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"zkp: {PathOf("proof.json")}: proof.json: not valid JSON: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        var missing = PathOf("missing.json");

        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: cannot read '{missing}': file not found\n"),
            Cli.Run("groth16", "verify", missing, WriteFile("public.json", claim.PublicSignals), WriteFile("proof.json", claim.Proof)));
    }

    [Fact]
    public void Prove_rejects_a_witness_of_another_size()
    {
        var wtns = PathOf("short.wtns");
        Zk.Formats.WtnsFile.WriteFile([Fr.One, Fr.One], wtns);

        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {wtns}: 2 wires, the key {claim.PathOf("claim.zkey")} expects 568\n"),
            Cli.Run("groth16", "prove", claim.PathOf("claim.zkey"), wtns, PathOf("p.json"), PathOf("s.json")));
    }

    [Fact]
    public void Setup_rejects_an_unknown_option()
    {
        Assert.Equal(
            new CliResult(2, string.Empty, "zkp: setup: unknown option '--key' (usage: zkp setup <circuit-id> <out.zkey> [--vk <verification_key.json>])\n"),
            Cli.Run("setup", "zkp.claim-range.v1", PathOf("k.zkey"), "--key", "x"));
    }

    private CliResult Verify(string key, string signals, string proof) =>
        Cli.Run("groth16", "verify", WriteFile("vk.json", key), WriteFile("public.json", signals), WriteFile("proof.json", proof));
}
