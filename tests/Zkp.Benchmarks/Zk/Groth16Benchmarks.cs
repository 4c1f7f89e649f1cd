using BenchmarkDotNet.Attributes;
using Zkp.Bn254;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Benchmarks.Zk;

/// <summary>
/// Groth16 prove and verify on the claim circuit (567 constraints) and on the 62,161-constraint
/// Poseidon chain, the "about 62,000". Setting ZKP_BENCH_EXPORT to a directory writes the
/// .zkey, .wtns and verification_key.json there, for tests/interop/bench-groth16.mjs (snarkjs
/// in-process on the same key and witness).
/// </summary>
[MemoryDiagnoser]
public class Groth16Benchmarks
{
    private ProvingKey key = null!;
    private Fr[] witness = [];
    private Fr[] publicSignals = [];
    private Proof proof = null!;

    [Params(BenchmarkCircuits.ClaimRange, BenchmarkCircuits.PoseidonChain)]
    public string Circuit { get; set; } = BenchmarkCircuits.ClaimRange;

    [GlobalSetup]
    public void Setup()
    {
        var circuit = BenchmarkCircuits.Get(Circuit);
        var solved = circuit.Solve(BenchmarkCircuits.Inputs(Circuit));
        witness = solved.Values.ToArray();
        publicSignals = solved.PublicSignals();
        key = BenchmarkCircuits.ProvingKey(circuit);
        proof = Groth16Prover.Prove(key, witness);
        if (!Groth16Verifier.Verify(key.VerifyingKey, publicSignals, proof))
        {
            throw new InvalidOperationException("benchmark proof does not verify");
        }

        var export = Environment.GetEnvironmentVariable("ZKP_BENCH_EXPORT");
        if (!string.IsNullOrEmpty(export))
        {
            Directory.CreateDirectory(export);
            var stem = Path.Combine(export, Circuit);
            ZkeyFile.WriteFile(key, stem + ".zkey");
            WtnsFile.WriteFile(witness, stem + ".wtns");
            File.WriteAllText(stem + ".vk.json", SnarkjsJson.WriteVerifyingKey(key.VerifyingKey));
            File.WriteAllText(stem + ".r1cs.constraints", circuit.Compiled.R1cs.Constraints.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Benchmark]
    public Proof Prove() => Groth16Prover.Prove(key, witness);

    [Benchmark]
    public bool Verify() => Groth16Verifier.Verify(key.VerifyingKey, publicSignals, proof);
}
