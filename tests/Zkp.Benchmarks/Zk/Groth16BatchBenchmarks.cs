using BenchmarkDotNet.Attributes;
using Zkp.Zk.Groth16;

namespace Zkp.Benchmarks.Zk;

/// <summary>
/// Groth16 batch verification on the claim circuit: <c>Size</c> distinct valid proofs checked with
/// <see cref="Groth16BatchVerifier"/> against the same proofs checked one by one. Per-proof cost is the mean divided by
/// <c>Size</c>. Distinct proofs (fresh randomness each), so nothing is shared that a real batch would not share.
/// </summary>
[MemoryDiagnoser]
public class Groth16BatchBenchmarks
{
    private VerifyingKey key = null!;
    private List<Groth16BatchItem> items = [];

    [Params(1, 4, 8, 16)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var circuit = BenchmarkCircuits.Get(BenchmarkCircuits.ClaimRange);
        var solved = circuit.Solve(BenchmarkCircuits.Inputs(BenchmarkCircuits.ClaimRange));
        var proving = BenchmarkCircuits.ProvingKey(circuit);
        key = proving.VerifyingKey;
        items = Enumerable.Range(0, Size)
            .Select(_ => new Groth16BatchItem(solved.PublicSignals(), Groth16Prover.Prove(proving, solved.Values.ToArray())))
            .ToList();
        if (Array.IndexOf(Groth16BatchVerifier.Verify(key, items), false) >= 0)
        {
            throw new InvalidOperationException("benchmark proofs do not verify");
        }
    }

    [Benchmark(Baseline = true)]
    public int OneByOne()
    {
        var valid = 0;
        foreach (var item in items)
        {
            valid += Groth16Verifier.Verify(key, item.PublicSignals, item.Proof) ? 1 : 0;
        }

        return valid;
    }

    [Benchmark]
    public bool Batched() => Groth16BatchVerifier.CheckCombined(key, items);
}
