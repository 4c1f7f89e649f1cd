using System.Globalization;
using Zkp.Zk.Formats;

namespace Zkp.Cli;

internal static class R1csCommands
{
    public static IEnumerable<CliCommand> All =>
    [
        new(["r1cs", "export"], "<circuit-id> <out.r1cs>", "write a built-in circuit as a snarkjs .r1cs file",
            "The file is byte-for-byte what the circuit hash (SHA-256, printed) is computed over.", 2, Export),
        new(["r1cs", "info"], "<file.r1cs>", "print the facts 'snarkjs r1cs info' prints",
            "Curve, wires, constraints, private and public inputs, labels and outputs of any BN254 .r1cs file.", 1, Info),
    ];

    private static void Export(CliContext context, string[] arguments)
    {
        var circuit = CircuitCommands.Find(arguments[0]);
        CliFiles.WriteBytes(arguments[1], circuit.R1csBytes());
        context.Stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {circuit.Id} ({circuit.Compiled.R1cs.Constraints.Count} constraints) to {arguments[1]}; circuit hash {circuit.CircuitHash}"));
    }

    private static void Info(CliContext context, string[] arguments)
    {
        var path = arguments[0];
        var bytes = CliFiles.ReadBytes(path);
        var r1cs = CliFiles.Parse(path, () => R1csFile.Read(bytes));

        // R1csFile.Read accepts only the BN254 scalar field, which snarkjs names bn-128.
        var stdout = context.Stdout;
        stdout.WriteLine("Curve: bn-128");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# of Wires: {r1cs.WireCount}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# of Constraints: {r1cs.Constraints.Count}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# of Private Inputs: {r1cs.PrivateInputCount}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# of Public Inputs: {r1cs.PublicInputCount}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# of Labels: {r1cs.LabelCount}"));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# of Outputs: {r1cs.PublicOutputCount}"));
    }
}
