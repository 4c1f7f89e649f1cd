using BenchmarkDotNet.Attributes;
using Zkp.Bn254;

namespace Zkp.Benchmarks.Zk;

/// <summary>FFT over Fr at the sizes the Groth16 prover needs (2^16 ~ claim-size circuits x many, 2^20 ~ 1M constraints).</summary>
[MemoryDiagnoser]
public class FftBenchmarks
{
    private FftDomain domain = null!;
    private Fr[] original = [];
    private Fr[] values = [];

    [Params(16, 20)]
    public int Log2Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        domain = FftDomain.Create(Log2Size);
        original = new Fr[domain.Size];
        var seed = Fr.FromUInt64(7);
        for (int i = 0; i < original.Length; i++)
        {
            seed = (seed * seed) + Fr.One;
            original[i] = seed;
        }

        values = new Fr[domain.Size];
        domain.Fft(values); // builds the twiddles outside the measurement
        domain.InverseFft(values);
    }

    [IterationSetup]
    public void Reset() => original.CopyTo(values, 0);

    [Benchmark]
    public void Fft() => domain.Fft(values);

    [Benchmark]
    public void InverseFft() => domain.InverseFft(values);

    [Benchmark]
    public void CosetFft() => domain.CosetFft(values);
}
