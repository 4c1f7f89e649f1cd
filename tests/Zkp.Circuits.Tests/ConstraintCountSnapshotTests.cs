using System.Text;
using System.Text.Json;

namespace Zkp.Circuits.Tests;

/// <summary>
/// circuits/constraint-counts.json pins every built-in circuit's shape and hash. A change to a circuit,
/// a gadget or the compiler shows up here first; a changed circuit hash also invalidates proving and
/// verifying keys, so the snapshot is only ever updated deliberately.
/// </summary>
public sealed class ConstraintCountSnapshotTests
{
    private const string SnapshotRelativePath = "circuits/constraint-counts.json";
    private const string UpdateVariable = "ZKP_UPDATE_SNAPSHOT";

    [Fact]
    public void Built_in_circuits_match_the_committed_snapshot()
    {
        var root = FindRepositoryRoot();
        var path = Path.Combine(root, SnapshotRelativePath);
        var expected = Render();
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (committed == expected)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
            Assert.Fail($"{SnapshotRelativePath} was rewritten because {UpdateVariable}=1. Review the diff, commit it, and rerun without {UpdateVariable}.");
        }

        Assert.Fail(
            $"The built-in circuits no longer match {SnapshotRelativePath}.\n" +
            $"If the change is intended (it changes circuit hashes, so keys must be regenerated), rerun with {UpdateVariable}=1 " +
            $"(e.g. '{UpdateVariable}=1 dotnet test tests/Zkp.Circuits.Tests -c Release'), review the diff and commit it.\n" +
            $"Expected by the code:\n{expected}\nCommitted:\n{committed ?? "(missing)"}");
    }

    [Fact]
    public void Snapshot_lists_the_claim_circuit_with_its_public_signal_count()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(FindRepositoryRoot(), SnapshotRelativePath)));
        var range = document.RootElement.GetProperty("zkp.claim-range.v1");

        Assert.Equal(4, range.GetProperty("publicSignals").GetInt32());
        Assert.Equal(2, range.GetProperty("privateInputs").GetInt32());
        Assert.Equal(ClaimCircuits.Range.Compiled.R1cs.Constraints.Count, range.GetProperty("constraints").GetInt32());
        Assert.Equal(ClaimCircuits.Range.CircuitHash, range.GetProperty("circuitHash").GetString());
    }

    internal static string Render()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            foreach (var circuit in CircuitCatalogue.All)
            {
                var r1cs = circuit.Compiled.R1cs;
                writer.WriteStartObject(circuit.Id);
                writer.WriteNumber("constraints", r1cs.Constraints.Count);
                writer.WriteNumber("wires", r1cs.WireCount);
                writer.WriteNumber("publicSignals", r1cs.PublicSignalCount);
                writer.WriteNumber("privateInputs", r1cs.PrivateInputCount);
                writer.WriteString("circuitHash", circuit.CircuitHash);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Zkp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Zkp.sln not found above " + AppContext.BaseDirectory);
    }
}
