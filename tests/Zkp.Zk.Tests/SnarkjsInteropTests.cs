using Zkp.Bn254;
using Zkp.Testing;
using Zkp.Zk.Constraints;
using Zkp.Zk.Formats;
using Zkp.Zk.Frontend;
using Zkp.Zk.Std;

namespace Zkp.Zk.Tests;

[Collection(SnarkjsCollection.Name)]
public sealed class SnarkjsInteropTests(Snarkjs snarkjs) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("zkp-interop-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    // One public output, two public inputs, three secret inputs, Poseidon and a range check:
    // coefficients of all kinds (1, -1, powers of two, Poseidon constants) end up in the file.
    private static CompiledCircuit SampleCircuit() => TestCircuit.Compile("interop-sample", api =>
    {
        var lower = api.PublicInput("lower");
        var upper = api.PublicInput("upper");
        var value = api.SecretInput("value");
        var salt = api.SecretInput("salt");
        var other = api.SecretInput("other");
        api.AssertInRange(value, lower, upper, 16);
        api.PublicOutput("commitment", api.Poseidon(value, salt));
        api.AssertEqual(api.Mul(other, other), api.Mul(other, other));
        api.IsZero(api.Sub(other, value));
    });

    private static Dictionary<string, Fr> SampleInputs(long value) => new()
    {
        ["lower"] = Fr.FromUInt64(10),
        ["upper"] = Fr.FromUInt64(1000),
        ["value"] = Fr.FromInt64(value),
        ["salt"] = Fr.Parse("1234567890123456789012345678901234567890"),
        ["other"] = -Fr.FromUInt64(3),
    };

    [Fact]
    public void Snarkjs_r1cs_info_reads_an_exported_r1cs()
    {
        var circuit = SampleCircuit();
        var path = Path.Combine(directory, "sample.r1cs");
        R1csFile.WriteFile(circuit.R1cs, path);

        var (code, output) = snarkjs.Run("r1cs", "info", path);

        Assert.True(code == 0, output);
        Assert.Contains("Curve: bn-128", output, StringComparison.Ordinal);
        Assert.Contains($"# of Wires: {circuit.R1cs.WireCount}", output, StringComparison.Ordinal);
        Assert.Contains($"# of Constraints: {circuit.R1cs.Constraints.Count}", output, StringComparison.Ordinal);
        Assert.Contains("# of Private Inputs: 3", output, StringComparison.Ordinal);
        Assert.Contains("# of Public Inputs: 2", output, StringComparison.Ordinal);
        Assert.Contains("# of Outputs: 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Snarkjs_wtns_check_accepts_a_solved_witness_and_rejects_a_tampered_one()
    {
        var circuit = SampleCircuit();
        var r1csPath = Path.Combine(directory, "sample.r1cs");
        var wtnsPath = Path.Combine(directory, "sample.wtns");
        R1csFile.WriteFile(circuit.R1cs, r1csPath);
        var witness = circuit.Solve(SampleInputs(500)).Values.ToArray();
        WtnsFile.WriteFile(witness, wtnsPath);

        var (code, output) = snarkjs.Run("wtns", "check", r1csPath, wtnsPath);
        Assert.True(code == 0, output);
        Assert.Contains("WITNESS IS CORRECT", output, StringComparison.Ordinal);

        witness[witness.Length - 1] += Fr.One;
        var tamperedPath = Path.Combine(directory, "tampered.wtns");
        WtnsFile.WriteFile(witness, tamperedPath);
        var (tamperedCode, tamperedOutput) = snarkjs.Run("wtns", "check", r1csPath, tamperedPath);
        Assert.NotEqual(0, tamperedCode);
        Assert.Contains("WITNESS IS NOT CORRECT", tamperedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("WITNESS IS CORRECT", tamperedOutput.Replace("WITNESS IS NOT CORRECT", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Snarkjs_written_files_read_back_identically()
    {
        // snarkjs wtns export json / r1cs export json give the values snarkjs itself decoded.
        var circuit = SampleCircuit();
        var r1csPath = Path.Combine(directory, "sample.r1cs");
        var wtnsPath = Path.Combine(directory, "sample.wtns");
        R1csFile.WriteFile(circuit.R1cs, r1csPath);
        var witness = circuit.Solve(SampleInputs(10)).Values.ToArray();
        WtnsFile.WriteFile(witness, wtnsPath);

        var jsonPath = Path.Combine(directory, "witness.json");
        var (code, output) = snarkjs.Run("wtns", "export", "json", wtnsPath, jsonPath);
        Assert.True(code == 0, output);
        var decoded = System.Text.Json.JsonSerializer.Deserialize<string[]>(File.ReadAllText(jsonPath))!;
        Assert.Equal(witness.Select(w => w.ToString()), decoded);

        var r1csJson = Path.Combine(directory, "r1cs.json");
        (code, output) = snarkjs.Run("r1cs", "export", "json", r1csPath, r1csJson);
        Assert.True(code == 0, output);
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(r1csJson));
        var constraints = doc.RootElement.GetProperty("constraints");
        Assert.Equal(circuit.R1cs.Constraints.Count, constraints.GetArrayLength());
        for (int i = 0; i < constraints.GetArrayLength(); i++)
        {
            for (int side = 0; side < 3; side++)
            {
                var expected = side switch { 0 => circuit.R1cs.Constraints[i].A, 1 => circuit.R1cs.Constraints[i].B, _ => circuit.R1cs.Constraints[i].C };
                var actual = constraints[i][side].EnumerateObject()
                    .Select(p => new R1csTerm(int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), Fr.Parse(p.Value.GetString()!)))
                    .OrderBy(t => t.Wire)
                    .ToArray();
                Assert.Equal(expected, actual);
            }
        }
    }
}
