using BenchmarkDotNet.Attributes;
using Zkp.Bn254;

namespace Zkp.Benchmarks.Bn254;

[MemoryDiagnoser]
public class CurveBenchmarks
{
    private G1Jacobian _g1;
    private G2Jacobian _g2;
    private G2Affine _g2Affine;
    private Fr _scalar;

    [GlobalSetup]
    public void Setup()
    {
        _scalar = Fr.Random();
        _g1 = G1Jacobian.Generator.Multiply(Fr.Random());
        _g2 = G2Jacobian.Generator.Multiply(Fr.Random());
        _g2Affine = _g2.ToAffine();
    }

    [Benchmark]
    public G1Jacobian G1ScalarMul() => _g1.Multiply(_scalar);

    [Benchmark]
    public G1Jacobian G1ScalarMulConstantTime() => _g1.MultiplyConstantTime(_scalar);

    [Benchmark]
    public G2Jacobian G2ScalarMul() => _g2.Multiply(_scalar);

    [Benchmark]
    public G2Jacobian G2ScalarMulConstantTime() => _g2.MultiplyConstantTime(_scalar);

    [Benchmark]
    public bool G2SubgroupCheck() => _g2Affine.IsInSubgroup;
}
