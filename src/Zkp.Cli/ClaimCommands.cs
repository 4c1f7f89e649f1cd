using System.Globalization;
using System.Text.Json.Nodes;
using Zkp.Circuits;

namespace Zkp.Cli;

internal static class ClaimCommands
{
    public static IEnumerable<CliCommand> All =>
    [
        new(["claim", "input"], "<value> <lower> <upper> <credential-id>", "print an input.json for the claim circuit",
            "Draws a fresh random salt, computes commitment = Poseidon(value, salt) and binding = SHA-256(credential id) mod r,\n" +
            "and prints the snarkjs-style input.json of zkp.claim-range.v1. The output contains the secret value and salt.", 4, Input),
    ];

    private static void Input(CliContext context, string[] arguments)
    {
        var value = ParseUInt64(arguments[0], "value");
        var lower = ParseUInt64(arguments[1], "lower");
        var upper = ParseUInt64(arguments[2], "upper");
        if (arguments[3].Length == 0)
        {
            throw new CliUsageException("claim input: the credential id is empty");
        }

        var salt = ClaimCommitment.NewSalt();
        var inputs = ClaimCommitment.RangeInputs(value, salt, lower, upper, ClaimCommitment.BindingFor(arguments[3]));
        var json = new JsonObject();
        foreach (var name in ClaimCircuits.Range.InputNames)
        {
            json[name] = inputs[name].ToString();
        }

        context.Stdout.WriteLine(json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n"));
    }

    private static ulong ParseUInt64(string text, string name) =>
        text.Length > 0 && text.All(char.IsAsciiDigit) && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"claim input: {name} '{text}' is not an integer in 0..18446744073709551615");
}
