using System.Globalization;
using Zkp.Zk.Constraints;
using Zkp.Zk.Formats;

namespace Zkp.Cli;

internal static class WtnsCommands
{
    public static IEnumerable<CliCommand> All =>
    [
        new(["wtns", "calculate"], "<circuit-id> <input.json> <out.wtns>", "solve a built-in circuit's witness from input.json",
            "input.json maps every input signal (public and secret) to a number, decimal string or 0x hex string below r.\n" +
            "Inputs that do not satisfy the circuit exit with code 1 and name the failing constraint.", 3, Calculate),
    ];

    private static void Calculate(CliContext context, string[] arguments)
    {
        var circuit = CircuitCommands.Find(arguments[0]);
        var inputPath = arguments[1];
        var inputs = InputJson.Parse(CliFiles.ReadText(inputPath), inputPath);

        // Checked here rather than left to the solver so the message can list what the circuit needs.
        var expected = circuit.InputNames;
        var needs = $"{circuit.Id} takes {string.Join(", ", expected)}";
        if (expected.FirstOrDefault(name => !inputs.ContainsKey(name)) is { } missing)
        {
            throw new CliUsageException($"{inputPath}: missing input '{missing}' ({needs})");
        }

        if (inputs.Keys.FirstOrDefault(name => !expected.Contains(name, StringComparer.Ordinal)) is { } unknown)
        {
            throw new CliUsageException($"{inputPath}: unknown input '{unknown}' ({needs})");
        }

        Witness witness;
        try
        {
            witness = circuit.Solve(inputs);
        }
        catch (ConstraintNotSatisfiedException e)
        {
            throw new CliNegativeResultException("the inputs do not satisfy the circuit: " + e.Message);
        }

        CliFiles.WriteBytes(arguments[2], WtnsFile.Write(witness.Values));
        context.Stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {witness.Length} wires to {arguments[2]}; public signals [{string.Join(", ", witness.PublicSignals().Select(s => "\"" + s + "\""))}]"));
    }
}
