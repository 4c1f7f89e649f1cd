using BenchmarkDotNet.Attributes;
using Zkp.Bn254;
using Zkp.Bn254.Internal;

namespace Zkp.Benchmarks.Bn254;

/// <summary>Base-field arithmetic; chains of dependent operations so latency, not throughput, is measured.</summary>
[MemoryDiagnoser]
public class FieldBenchmarks
{
    private const int Chain = 1000;
    private Fp _a;
    private Fp _b;
    private Fp2 _a2;
    private Fp2 _b2;

    [GlobalSetup]
    public void Setup()
    {
        _a = Fp.Random();
        _b = Fp.Random();
        _a2 = new Fp2(Fp.Random(), Fp.Random());
        _b2 = new Fp2(Fp.Random(), Fp.Random());
    }

    [Benchmark(OperationsPerInvoke = Chain)]
    public Fp FpMultiply()
    {
        var x = _a;
        for (int i = 0; i < Chain; i++)
        {
            Fp.Multiply(in x, in _b, out x);
        }
        return x;
    }

    [Benchmark(OperationsPerInvoke = Chain)]
    public Fp FpSquare()
    {
        var x = _a;
        for (int i = 0; i < Chain; i++)
        {
            Fp.Square(in x, out x);
        }
        return x;
    }

    [Benchmark(OperationsPerInvoke = Chain)]
    public Fp FpAdd()
    {
        var x = _a;
        for (int i = 0; i < Chain; i++)
        {
            Fp.Add(in x, in _b, out x);
        }
        return x;
    }

    [Benchmark]
    public Fp FpInverse() => _a.Inverse();

    [Benchmark(OperationsPerInvoke = Chain)]
    public Fp Fp2Multiply()
    {
        var x = _a2;
        for (int i = 0; i < Chain; i++)
        {
            Fp2.Multiply(in x, in _b2, out x);
        }
        return x.C0;
    }
}
