using BenchmarkDotNet.Attributes;
using Zkp.Bn254;
using Zkp.Zk.Constraints;
using Zkp.Zk.Formats;
using Zkp.Zk.Frontend;
using Zkp.Zk.Groth16;
using Zkp.Zk.Std;

namespace Zkp.Benchmarks.Zk;

/// <summary>
/// Groth16 prove and verify on a chain of Poseidon(2) hashes with a secret second input
/// (240 constraints each): 2 links is claim-circuit sized (~500 constraints), 256 links is
/// ~61,700 constraints, the "about 62,000". Setting ZKP_BENCH_EXPORT to a directory writes
/// the .zkey, .wtns and verification_key.json there, for tests/interop/bench-groth16.mjs (snarkjs
/// in-process on the same key).
/// </summary>
[MemoryDiagnoser]
public class Groth16Benchmarks
{
    private ProvingKey key = null!;
    private Fr[] witness = [];
    private Fr[] publicSignals = [];
    private Proof proof = null!;

    [Params(2, 256)]
    public int ChainLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var circuit = CircuitCompiler.Compile(new PoseidonChain(ChainLength));
        var inputs = new Dictionary<string, Fr>(StringComparer.Ordinal) { ["seed"] = Fr.FromUInt64(42) };
        for (int i = 0; i < ChainLength; i++)
        {
            inputs[$"salt[{i}]"] = Fr.FromInt64(1000 + i);
        }

        var solved = circuit.Solve(inputs);
        witness = solved.Values.ToArray();
        publicSignals = solved.PublicSignals();
        key = Groth16Setup.Run(circuit.R1cs);
        proof = Groth16Prover.Prove(key, witness);
        if (!Groth16Verifier.Verify(key.VerifyingKey, publicSignals, proof))
        {
            throw new InvalidOperationException("benchmark proof does not verify");
        }

        var export = Environment.GetEnvironmentVariable("ZKP_BENCH_EXPORT");
        if (!string.IsNullOrEmpty(export))
        {
            Directory.CreateDirectory(export);
            var stem = Path.Combine(export, $"poseidon-chain-{ChainLength}");
            ZkeyFile.WriteFile(key, stem + ".zkey");
            WtnsFile.WriteFile(witness, stem + ".wtns");
            File.WriteAllText(stem + ".vk.json", SnarkjsJson.WriteVerifyingKey(key.VerifyingKey));
            File.WriteAllText(stem + ".r1cs.constraints", circuit.R1cs.Constraints.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Benchmark]
    public Proof Prove() => Groth16Prover.Prove(key, witness);

    [Benchmark]
    public bool Verify() => Groth16Verifier.Verify(key.VerifyingKey, publicSignals, proof);

    private sealed class PoseidonChain(int length) : Circuit
    {
        public override string Name => $"poseidon-chain-secret-{length}";

        public override void Define(ICircuitApi api)
        {
            var h = api.SecretInput("seed");
            for (int i = 0; i < length; i++)
            {
                h = api.Poseidon(h, api.SecretInput($"salt[{i}]"));
            }

            api.PublicOutput("hash", h);
        }
    }
}
