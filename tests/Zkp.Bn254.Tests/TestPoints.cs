using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

internal static class TestPoints
{
    public static readonly BigInteger P = Fp.Modulus;
    public static readonly BigInteger R = Fr.Modulus;

    public static Fr RandomScalar(Random rng) => Fr.FromBigInteger(TestValues.RandomBelow(rng, R));

    public static Fp2 RandomFp2(Random rng) =>
        new(Fp.FromBigInteger(TestValues.RandomBelow(rng, P)), Fp.FromBigInteger(TestValues.RandomBelow(rng, P)));

    public static Fp6 RandomFp6(Random rng) => new(RandomFp2(rng), RandomFp2(rng), RandomFp2(rng));

    public static Fp12 RandomFp12(Random rng) => new(RandomFp6(rng), RandomFp6(rng));

    /// <summary>A point on the twist E'(F_p2), usually outside G2 (random x, solved y).</summary>
    public static G2Affine RandomTwistPoint(Random rng)
    {
        while (true)
        {
            var x = RandomFp2(rng);
            var rhs = x.Square() * x + Fp2.TwistB;
            if (rhs.TrySqrt(out var y))
            {
                return new G2Affine(new AffinePoint<Fp2>(x, y));
            }
        }
    }

    /// <summary>A G2 point: a random twist point times the cofactor 2p - r.</summary>
    public static G2Affine RandomG2Point(Random rng)
    {
        var q = RandomTwistPoint(rng).ToJacobian();
        var cofactor = Limbs256.FromBigInteger(2 * P - R);
        CurveArithmetic<Fp2>.MultiplyVartime(q.Point, in cofactor, out var cleared);
        return new G2Jacobian(cleared).ToAffine();
    }

    public static G1Jacobian MultiplyBig(in G1Jacobian p, BigInteger k)
    {
        CurveArithmetic<Fp>.MultiplyVartime(p.Point, Limbs256.FromBigInteger(k), out var r);
        return new G1Jacobian(r);
    }

    public static G2Jacobian MultiplyBig(in G2Jacobian p, BigInteger k)
    {
        CurveArithmetic<Fp2>.MultiplyVartime(p.Point, Limbs256.FromBigInteger(k), out var r);
        return new G2Jacobian(r);
    }
}
