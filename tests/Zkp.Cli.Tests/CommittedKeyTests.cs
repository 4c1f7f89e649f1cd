using Zkp.Circuits;
using Zkp.Zk.Formats;

namespace Zkp.Cli.Tests;

/// <summary>The verifying key committed under circuits/keys (copied to the test output as Keys/).</summary>
public sealed class CommittedKeyTests
{
    private static readonly string ClaimKeyPath = Path.Combine(AppContext.BaseDirectory, "Keys", "zkp.claim-range.v1.vk.json");

    [Fact]
    public void The_claim_circuit_key_parses_with_four_public_signals_and_distinct_gamma_and_delta()
    {
        var json = File.ReadAllText(ClaimKeyPath);

        var key = SnarkjsJson.ReadVerifyingKey(json);

        Assert.Equal(4, key.PublicSignalCount);
        Assert.Equal(CircuitCatalogue.Get("zkp.claim-range.v1").PublicSignalNames.Count, key.PublicSignalCount);
        Assert.NotEqual(key.Gamma2, key.Delta2);
        // Canonical: exactly what the writer produces, so the file was not hand-edited.
        Assert.Equal(SnarkjsJson.WriteVerifyingKey(key) + "\n", json);
    }

    [Fact]
    public void The_claim_circuit_key_rejects_a_proof_made_with_another_setup()
    {
        // A development key from a fresh setup has different toxic waste, so its proofs must fail here.
        var directory = Directory.CreateTempSubdirectory("zkp-key-").FullName;
        try
        {
            var zkey = Path.Combine(directory, "other.zkey");
            var wtns = Path.Combine(directory, "claim.wtns");
            var input = Path.Combine(directory, "input.json");
            var salt = Bn254.Fr.Parse("3");
            File.WriteAllText(input, $$"""{"commitment": "{{ClaimCommitment.Commit(10, salt)}}", "lower": 1, "upper": 20, "binding": 4, "value": 10, "salt": 3}""");
            Assert.Equal(0, Cli.Run("setup", "zkp.claim-range.v1", zkey).ExitCode);
            Assert.Equal(0, Cli.Run("wtns", "calculate", "zkp.claim-range.v1", input, wtns).ExitCode);
            Assert.Equal(0, Cli.Run("groth16", "prove", zkey, wtns, Path.Combine(directory, "proof.json"), Path.Combine(directory, "public.json")).ExitCode);

            Assert.Equal(
                new CliResult(1, string.Empty, "zkp: invalid proof\n"),
                Cli.Run("groth16", "verify", ClaimKeyPath, Path.Combine(directory, "public.json"), Path.Combine(directory, "proof.json")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
