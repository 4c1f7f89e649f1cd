using BenchmarkDotNet.Attributes;
using Zkp.Bn254;
using Zkp.Zk.Constraints;
using Zkp.Zk.Frontend;
using Zkp.Zk.Std;

namespace Zkp.Benchmarks.Zk;

/// <summary>
/// Witness solving for a chain of Poseidon(2) hashes (h_{i+1} = Poseidon(h_i, i)), 240 constraints
/// each: 120 links is the ~29k-constraint chain that pairs with the 62k-constraint prover
/// benchmark circuit size class; the native hash is the baseline.
/// </summary>
[MemoryDiagnoser]
public class WitnessSolveBenchmarks
{
    private CompiledCircuit circuit = null!;
    private Dictionary<string, Fr> inputs = null!;

    [Params(1, 120)]
    public int ChainLength { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        circuit = CircuitCompiler.Compile(new PoseidonChain(ChainLength));
        inputs = new Dictionary<string, Fr>(StringComparer.Ordinal) { ["seed"] = Fr.FromUInt64(42) };
    }

    [Benchmark]
    public Witness Solve() => circuit.Solve(inputs);

    [Benchmark]
    public Fr NativeChain()
    {
        var h = Fr.FromUInt64(42);
        for (int i = 0; i < ChainLength; i++)
        {
            h = Poseidon.Hash(h, Fr.FromInt64(i));
        }

        return h;
    }

    [Benchmark]
    public CompiledCircuit Compile() => CircuitCompiler.Compile(new PoseidonChain(ChainLength));

    private sealed class PoseidonChain(int length) : Circuit
    {
        public override string Name => $"poseidon-chain-{length}";

        public override void Define(ICircuitApi api)
        {
            var h = api.SecretInput("seed");
            for (int i = 0; i < length; i++)
            {
                h = api.Poseidon(h, api.Constant(i));
            }

            api.PublicOutput("hash", h);
        }
    }
}
