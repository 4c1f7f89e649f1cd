using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Zkp.Bn254;
using Zkp.Zk.Groth16;

namespace Zkp.Benchmarks.Zk;

/// <summary>
/// The 62,161-constraint prove with the explicit memory-for-time option: the key's
/// <see cref="ProvingKey.PreparedBasesLimitBytes"/> raised so that its MSM bases are prepared
/// (the default key proves with plain MSMs: <see cref="Groth16Benchmarks"/>). This measures a WARM
/// key: the tables are built in the setup, before any measured iteration; the setup prints their
/// size and build time, which a real user pays once per key and process.
/// </summary>
[MemoryDiagnoser]
public class Groth16PreparedKeyBenchmarks
{
    private ProvingKey key = null!;
    private Fr[] witness = [];

    [GlobalSetup]
    public void Setup()
    {
        var circuit = BenchmarkCircuits.Get(BenchmarkCircuits.PoseidonChain);
        var solved = circuit.Solve(BenchmarkCircuits.Inputs(BenchmarkCircuits.PoseidonChain));
        witness = solved.Values.ToArray();
        key = BenchmarkCircuits.ProvingKey(circuit);
        key.PreparedBasesLimitBytes = 1L << 30;
        Groth16Prover.Prove(key, witness); // first proof: plain MSMs, no tables
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var proof = Groth16Prover.Prove(key, witness); // second proof builds the tables, then uses them
        Console.WriteLine(
            $"// prepared bases: {key.PreparedBasesBytes / (1024.0 * 1024.0):F0} MiB; second proof (table build + prove) " +
            $"{clock.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU; " +
            $"working set {Environment.WorkingSet / (1024.0 * 1024.0):F0} MiB");
        if (!Groth16Verifier.Verify(key.VerifyingKey, solved.PublicSignals(), proof))
        {
            throw new InvalidOperationException("benchmark proof does not verify");
        }
    }

    [Benchmark]
    public Proof ProveWarmPreparedKey() => Groth16Prover.Prove(key, witness);
}
