using BenchmarkDotNet.Attributes;
using Zkp.Bn254;

namespace Zkp.Benchmarks.Bn254;

internal static class MsmInputs
{
    public static (G1Affine[] Points, Fr[] Scalars) G1(int count)
    {
        var jacobian = new G1Jacobian[count];
        var step = G1Jacobian.Generator.Multiply(Fr.Random());
        var p = G1Jacobian.Generator.Multiply(Fr.Random());
        for (int i = 0; i < count; i++)
        {
            jacobian[i] = p;
            p += step;
        }
        var points = new G1Affine[count];
        G1Jacobian.BatchToAffine(jacobian, points);
        var scalars = new Fr[count];
        for (int i = 0; i < count; i++)
        {
            scalars[i] = Fr.Random();
        }
        return (points, scalars);
    }

    public static (G2Affine[] Points, Fr[] Scalars) G2(int count)
    {
        var jacobian = new G2Jacobian[count];
        var step = G2Jacobian.Generator.Multiply(Fr.Random());
        var p = G2Jacobian.Generator.Multiply(Fr.Random());
        for (int i = 0; i < count; i++)
        {
            jacobian[i] = p;
            p += step;
        }
        var points = new G2Affine[count];
        G2Jacobian.BatchToAffine(jacobian, points);
        var scalars = new Fr[count];
        for (int i = 0; i < count; i++)
        {
            scalars[i] = Fr.Random();
        }
        return (points, scalars);
    }
}

/// <summary>G1 MSM on all cores at 2^10 ... 2^18 points.</summary>
public class MsmG1Benchmarks
{
    private G1Affine[] _points = [];
    private Fr[] _scalars = [];

    [Params(10, 14, 16, 18)]
    public int LogSize { get; set; }

    [GlobalSetup]
    public void Setup() => (_points, _scalars) = MsmInputs.G1(1 << LogSize);

    [Benchmark]
    public G1Jacobian G1Msm() => Msm.G1(_points, _scalars);
}

/// <summary>G1 MSM at 2^16 points on one core (the figure compared with mcl's single-threaded 447 ms).</summary>
public class MsmG1SingleThreadBenchmarks
{
    private G1Affine[] _points = [];
    private Fr[] _scalars = [];

    [GlobalSetup]
    public void Setup() => (_points, _scalars) = MsmInputs.G1(1 << 16);

    [Benchmark]
    public G1Jacobian G1Msm65536SingleThread() => Msm.G1(_points, _scalars, maxDegreeOfParallelism: 1);
}

/// <summary>G2 MSM on all cores at 2^14 points.</summary>
public class MsmG2Benchmarks
{
    private G2Affine[] _points = [];
    private Fr[] _scalars = [];

    [GlobalSetup]
    public void Setup() => (_points, _scalars) = MsmInputs.G2(1 << 14);

    [Benchmark]
    public G2Jacobian G2Msm16384() => Msm.G2(_points, _scalars);
}

/// <summary>
/// MSM at the claim circuit's sizes (2^10 G1 points, as its H points; 2^9 G2 points, as its B2
/// points) on one core, plain and over prepared bases (the form a proving key uses from its
/// second proof on).
/// </summary>
public class MsmPreparedBenchmarks
{
    private G1Affine[] _g1Points = [];
    private Fr[] _g1Scalars = [];
    private G1MsmBases _g1Bases = null!;
    private G2Affine[] _g2Points = [];
    private Fr[] _g2Scalars = [];
    private G2MsmBases _g2Bases = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_g1Points, _g1Scalars) = MsmInputs.G1(1 << 10);
        _g1Bases = Msm.PrepareG1(_g1Points);
        (_g2Points, _g2Scalars) = MsmInputs.G2(1 << 9);
        _g2Bases = Msm.PrepareG2(_g2Points);
    }

    [Benchmark(Baseline = true)]
    public G1Jacobian G1Msm1024() => Msm.G1(_g1Points, _g1Scalars, maxDegreeOfParallelism: 1);

    [Benchmark]
    public G1Jacobian G1Msm1024Prepared() => Msm.G1(_g1Bases, _g1Scalars, maxDegreeOfParallelism: 1);

    [Benchmark]
    public G2Jacobian G2Msm512() => Msm.G2(_g2Points, _g2Scalars, maxDegreeOfParallelism: 1);

    [Benchmark]
    public G2Jacobian G2Msm512Prepared() => Msm.G2(_g2Bases, _g2Scalars, maxDegreeOfParallelism: 1);
}
