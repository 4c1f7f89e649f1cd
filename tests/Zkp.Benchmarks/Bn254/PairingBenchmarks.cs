using BenchmarkDotNet.Attributes;
using Zkp.Bn254;
using Zkp.Bn254.Internal;

namespace Zkp.Benchmarks.Bn254;

[MemoryDiagnoser]
public class PairingBenchmarks
{
    private G1Affine _p;
    private G2Affine _q;
    private G2Prepared _qPrepared = null!;
    private G1Affine[] _g1 = [];
    private G2Affine[] _g2 = [];
    private G2Prepared[] _g2Prepared = [];
    private Fp12 _millerOutput;

    [GlobalSetup]
    public void Setup()
    {
        _p = G1Affine.Generator.Multiply(Fr.Random()).ToAffine();
        _q = G2Affine.Generator.Multiply(Fr.Random()).ToAffine();
        _qPrepared = new G2Prepared(_q);
        // A satisfied 4-pair product, the shape of a Groth16 verification.
        var a = Fr.Random();
        var b = Fr.Random();
        var c = Fr.Random();
        var d = Fr.Random();
        var e = Fr.Random();
        var f = Fr.Random();
        var g = (a * b + c * d + e * f) * Fr.Random().Inverse();
        var h = (a * b + c * d + e * f) * g.Inverse();
        _g1 = [-G1Affine.Generator.Multiply(g).ToAffine(), G1Affine.Generator.Multiply(a).ToAffine(), G1Affine.Generator.Multiply(c).ToAffine(), G1Affine.Generator.Multiply(e).ToAffine()];
        _g2 = [G2Affine.Generator.Multiply(h).ToAffine(), G2Affine.Generator.Multiply(b).ToAffine(), G2Affine.Generator.Multiply(d).ToAffine(), G2Affine.Generator.Multiply(f).ToAffine()];
        _g2Prepared = [.. _g2.Select(q => new G2Prepared(q))];
        if (!Pairing.PairingCheck(_g1, _g2))
        {
            throw new InvalidOperationException("benchmark input does not satisfy the pairing equation");
        }
        _millerOutput = Pairing.MultiMillerLoop([_p], [_q]);
    }

    [Benchmark]
    public bool MillerLoop() => Pairing.MultiMillerLoop([_p], [_q]).IsOne;

    [Benchmark]
    public bool MillerLoopPrepared() => Pairing.MultiMillerLoop([_p], [_qPrepared]).IsOne;

    [Benchmark]
    public bool FinalExponentiation() => Zkp.Bn254.Internal.FinalExponentiation.Apply(in _millerOutput).IsOne;

    [Benchmark]
    public GT FullPairing() => Pairing.Pair(_p, _q);

    [Benchmark]
    public bool PairingCheck4() => Pairing.PairingCheck(_g1, _g2);

    [Benchmark]
    public bool PairingCheck4Prepared() => Pairing.PairingCheck(_g1, _g2Prepared);

    /// <summary>The Groth16 verifier's shape: the proof's B prepared on every call, the key's three points prepared once.</summary>
    [Benchmark]
    public bool PairingCheck4OnePreparedPerCall() =>
        Pairing.PairingCheck(_g1, [new G2Prepared(_g2[0]), _g2Prepared[1], _g2Prepared[2], _g2Prepared[3]]);

    [Benchmark]
    public G2Prepared PrepareG2() => new(_q);
}
