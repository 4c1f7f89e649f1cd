using Zkp.Bn254;
using Zkp.Testing;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Zk.Tests;

[Collection(SnarkjsCollection.Name)]
public sealed class SnarkjsGroth16InteropTests(Snarkjs snarkjs) : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("zkp-groth16-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Proof_and_key_from_own_setup_pass_snarkjs_groth16_verify()
    {
        var circuit = Groth16Tests.Sample();
        var key = Groth16Setup.Run(circuit.R1cs);
        var witness = circuit.Solve(Groth16Tests.SampleInputs(123));
        var proof = Groth16Prover.Prove(key, witness.Values);
        var vkPath = Write("verification_key.json", SnarkjsJson.WriteVerifyingKey(key.VerifyingKey));
        var proofPath = Write("proof.json", SnarkjsJson.WriteProof(proof));
        var publicPath = Write("public.json", SnarkjsJson.WritePublicSignals(witness.PublicSignals()));

        var (code, output) = snarkjs.Run("groth16", "verify", vkPath, publicPath, proofPath);
        Assert.True(code == 0, output);
        Assert.Contains("OK!", output, StringComparison.Ordinal);

        var changed = witness.PublicSignals();
        changed[1] += Fr.One;
        var changedPath = Write("public-changed.json", SnarkjsJson.WritePublicSignals(changed));
        var (badCode, badOutput) = snarkjs.Run("groth16", "verify", vkPath, changedPath, proofPath);
        Assert.NotEqual(0, badCode);
        Assert.Contains("Invalid proof", badOutput, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
