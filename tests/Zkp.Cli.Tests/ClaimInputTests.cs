using System.Text.Json;
using Zkp.Bn254;
using Zkp.Circuits;

namespace Zkp.Cli.Tests;

public sealed class ClaimInputTests : TempDirectoryTest
{
    private static Dictionary<string, string> ParseOutput(string stdout) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(stdout)!;

    [Fact]
    public void Prints_a_consistent_input_with_a_fresh_salt()
    {
        var first = Cli.Run("claim", "input", "700", "650", "749", "urn:uuid:3f1c2a9e-0b7d-4c55-9a61-2f4e8d1b6c70");
        var second = Cli.Run("claim", "input", "700", "650", "749", "urn:uuid:3f1c2a9e-0b7d-4c55-9a61-2f4e8d1b6c70");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(string.Empty, first.Stderr);
        var input = ParseOutput(first.Stdout);
        Assert.Equal(["commitment", "lower", "upper", "binding", "value", "salt"], input.Keys);
        Assert.Equal("650", input["lower"]);
        Assert.Equal("749", input["upper"]);
        Assert.Equal("700", input["value"]);
        Assert.Equal("7181604221086258825876318314164030211716227903962961283285332066712225302520", input["binding"]);
        Assert.Equal(ClaimCommitment.Commit(700, Fr.Parse(input["salt"])).ToString(), input["commitment"]);
        Assert.NotEqual(input["salt"], ParseOutput(second.Stdout)["salt"]);
    }

    [Fact]
    public void Its_output_is_accepted_by_wtns_calculate()
    {
        var input = WriteFile("input.json", Cli.Run("claim", "input", "18446744073709551615", "50000", "18446744073709551615", "cred-1").Stdout);

        Assert.Equal(0, Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, PathOf("w.wtns")).ExitCode);
    }

    [Theory]
    [InlineData("-5", "650", "749", "x", "zkp: claim input: unknown option '-5' (usage: zkp claim input <value> <lower> <upper> <credential-id>)\n")]
    [InlineData("18446744073709551616", "0", "1", "x", "zkp: claim input: value '18446744073709551616' is not an integer in 0..18446744073709551615\n")]
    [InlineData("1", "0x1", "2", "x", "zkp: claim input: lower '0x1' is not an integer in 0..18446744073709551615\n")]
    [InlineData("1", "0", "", "x", "zkp: claim input: upper '' is not an integer in 0..18446744073709551615\n")]
    [InlineData("1", "0", "2", "", "zkp: claim input: the credential id is empty\n")]
    public void Rejects_malformed_arguments(string value, string lower, string upper, string id, string expected)
    {
        Assert.Equal(new CliResult(2, string.Empty, expected), Cli.Run("claim", "input", value, lower, upper, id));
    }
}
