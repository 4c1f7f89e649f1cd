using BenchmarkDotNet.Attributes;
using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Zk.Constraints;

namespace Zkp.Benchmarks.Zk;

/// <summary>Solving the built-in circuits' witnesses (compilation happens once, in setup).</summary>
[MemoryDiagnoser]
public class WitnessSolveBenchmarks
{
    private BuiltInCircuit circuit = null!;
    private Dictionary<string, Fr> inputs = null!;

    [Params(BenchmarkCircuits.ClaimRange, BenchmarkCircuits.PoseidonChain)]
    public string Circuit { get; set; } = BenchmarkCircuits.ClaimRange;

    [GlobalSetup]
    public void Setup()
    {
        circuit = BenchmarkCircuits.Get(Circuit);
        inputs = BenchmarkCircuits.Inputs(Circuit);
        _ = circuit.Compiled;
    }

    [Benchmark]
    public Witness Solve() => circuit.Solve(inputs);
}
