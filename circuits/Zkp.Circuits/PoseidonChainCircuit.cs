using Zkp.Zk.Frontend;
using Zkp.Zk.Std;

namespace Zkp.Circuits;

/// <summary>
/// Benchmark circuit: <see cref="Length"/> chained 2-input Poseidon hashes,
/// h_1 = Poseidon(seed, key), h_i = Poseidon(h_(i-1), key), public output digest = h_N.
/// Each hash costs 240 constraints, so N = 259 gives 62,161 constraints, close to the 62,110-constraint
/// circom circuit the snarkjs figures were measured on.
/// </summary>
internal sealed class PoseidonChainCircuit : Circuit
{
    public const string CircuitId = "zkp.bench.poseidon-chain-259.v1";
    public const int Length = 259;

    public override string Name => CircuitId;

    public override void Define(ICircuitApi api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var seed = api.SecretInput("seed");
        var key = api.SecretInput("key");
        var state = seed;
        for (int i = 0; i < Length; i++)
        {
            using var scope = api.Scope($"hash {i + 1}");
            state = api.Poseidon(state, key);
        }

        api.PublicOutput("digest", state);
    }
}
