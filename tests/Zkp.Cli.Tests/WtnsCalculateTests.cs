using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Zk.Formats;

namespace Zkp.Cli.Tests;

public sealed class WtnsCalculateTests : TempDirectoryTest
{
    private const string Salt = "9876543210987654321098765432109876543210";
    private const string Binding = "7181604221086258825876318314164030211716227903962961283285332066712225302520";

    private static string Commitment(ulong value) => ClaimCommitment.Commit(value, Fr.Parse(Salt)).ToString();

    private static string ClaimInput(ulong value, string lower = "650", string upper = "749") =>
        $$"""{"commitment": "{{Commitment(value)}}", "lower": {{lower}}, "upper": {{upper}}, "binding": "{{Binding}}", "value": "{{value}}", "salt": "{{Salt}}"}""";

    [Fact]
    public void Writes_the_solved_witness_and_prints_the_public_signals()
    {
        var input = WriteFile("input.json", ClaimInput(700));
        var output = PathOf("witness.wtns");

        var result = Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, output);

        Assert.Equal(
            new CliResult(0, $"wrote 568 wires to {output}; public signals [\"{Commitment(700)}\", \"650\", \"749\", \"{Binding}\"]\n", string.Empty),
            result);
        var expected = ClaimCircuits.Range.Solve(ClaimCommitment.RangeInputs(700, Fr.Parse(Salt), 650, 749, Fr.Parse(Binding)));
        Assert.Equal(expected.Values.ToArray(), WtnsFile.ReadFile(output));
    }

    [Fact]
    public void Accepts_numbers_decimal_strings_and_hex_strings()
    {
        // 650 = 0x28a, 749 = 0x2ED.
        var input = WriteFile("input.json", ClaimInput(700, lower: "\"0x28a\"", upper: "\"0X2ED\""));

        var result = Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, PathOf("w.wtns"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"650\", \"749\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_below_the_lower_bound_is_a_negative_result_naming_the_constraint()
    {
        var input = WriteFile("input.json", ClaimInput(649));
        var output = PathOf("witness.wtns");

        var result = Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, output);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Matches(
            @"^zkp: the inputs do not satisfy the circuit: circuit 'zkp\.claim-range\.v1': constraint \d+ \(AssertInRange/lower <= value/AssertLessOrEqual/ToBinary\(64\)/value fits in 64 bits\) is not satisfied by the given inputs\n$",
            result.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void A_wrong_commitment_is_a_negative_result()
    {
        var input = WriteFile("input.json", ClaimInput(700).Replace(Commitment(700), Commitment(701), StringComparison.Ordinal));

        var result = Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, PathOf("w.wtns"));

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"constraint \d+ \(commitment/Poseidon\(value, salt\) == commitment\) is not satisfied by the given inputs\n$", result.Stderr);
    }

    [Theory]
    [InlineData("""{"commitment": "1", "lower": 1, "upper": 2, "binding": 3, "value": 1}""",
        "missing input 'salt' (zkp.claim-range.v1 takes commitment, lower, upper, binding, value, salt)")]
    [InlineData("""{"commitment": "1", "lower": 1, "upper": 2, "binding": 3, "value": 1, "salt": 5, "nonce": 6}""",
        "unknown input 'nonce' (zkp.claim-range.v1 takes commitment, lower, upper, binding, value, salt)")]
    [InlineData("""{"commitment": "1", "lower": -1}""", "input 'lower' '-1' is not a non-negative integer")]
    [InlineData("""{"commitment": "1", "lower": 1.5}""", "input 'lower' '1.5' is not a non-negative integer")]
    [InlineData("""{"commitment": "1", "lower": "1e3"}""", "input 'lower' '1e3' is not a non-negative integer")]
    [InlineData("""{"commitment": "0x"}""", "input 'commitment' '0x' is not a non-negative integer")]
    [InlineData("""{"commitment": ["1"]}""", "input 'commitment' must be an integer (a number, a decimal string or a 0x hex string), not array")]
    [InlineData("""{"commitment": "21888242871839275222246405745257275088548364400416034343698204186575808495617"}""",
        "input 'commitment' is not below the BN254 scalar field order r")]
    [InlineData("""[1, 2]""", "expected a JSON object of signal names to values")]
    public void Malformed_inputs_are_usage_errors(string json, string expected)
    {
        var input = WriteFile("input.json", json);

        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {input}: {expected}\n"),
            Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, PathOf("w.wtns")));
    }

    [Fact]
    public void Duplicate_and_invalid_json_are_usage_errors()
    {
        var duplicate = WriteFile("dup.json", """{"value": 1, "value": 2}""");
        var invalid = WriteFile("bad.json", """{"value": """);

        var duplicateResult = Cli.Run("wtns", "calculate", "zkp.claim-range.v1", duplicate, PathOf("w.wtns"));
        var invalidResult = Cli.Run("wtns", "calculate", "zkp.claim-range.v1", invalid, PathOf("w.wtns"));

        Assert.Equal(2, duplicateResult.ExitCode);
        Assert.StartsWith($"zkp: {duplicate}: not valid JSON: ", duplicateResult.Stderr, StringComparison.Ordinal);
        Assert.Contains("value", duplicateResult.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, invalidResult.ExitCode);
        Assert.StartsWith($"zkp: {invalid}: not valid JSON: ", invalidResult.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_circuit_and_missing_input_file_are_usage_errors()
    {
        var missing = PathOf("none.json");

        Assert.Equal(2, Cli.Run("wtns", "calculate", "nope", missing, PathOf("w.wtns")).ExitCode);
        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: cannot read '{missing}': file not found\n"),
            Cli.Run("wtns", "calculate", "zkp.claim-range.v1", missing, PathOf("w.wtns")));
    }

    [Fact]
    public void Solves_the_poseidon_chain()
    {
        var input = WriteFile("chain.json", """{"seed": 1, "key": 2}""");
        var expected = Fr.One;
        for (int i = 0; i < 259; i++)
        {
            expected = Zk.Std.Poseidon.Hash(expected, Fr.FromUInt64(2));
        }

        var output = PathOf("chain.wtns");
        var result = Cli.Run("wtns", "calculate", "zkp.bench.poseidon-chain-259.v1", input, output);

        Assert.Equal(new CliResult(0, $"wrote 62164 wires to {output}; public signals [\"{expected}\"]\n", string.Empty), result);
    }
}
