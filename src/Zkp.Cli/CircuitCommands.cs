using System.Globalization;
using Zkp.Circuits;

namespace Zkp.Cli;

internal static class CircuitCommands
{
    public static IEnumerable<CliCommand> All =>
    [
        new(["circuits", "list"], string.Empty, "list the built-in circuits",
            "Prints each circuit's id, constraint count and public signals in public.json order.", 0, List),
    ];

    /// <summary>Looks a circuit id up in the built-in catalogue; an unknown id is a usage error listing the known ones.</summary>
    public static BuiltInCircuit Find(string id) =>
        CircuitCatalogue.TryGet(id, out var circuit) ? circuit : throw new CliUsageException(CircuitCatalogue.UnknownReason(id));

    private static void List(CliContext context, string[] arguments)
    {
        context.Stdout.WriteLine($"{"ID",-34} {"CONSTRAINTS",11}  PUBLIC SIGNALS");
        foreach (var circuit in CircuitCatalogue.All)
        {
            context.Stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{circuit.Id,-34} {circuit.Compiled.R1cs.Constraints.Count,11}  {circuit.PublicSignalNames.Count} ({string.Join(", ", circuit.PublicSignalNames)})"));
        }
    }
}
