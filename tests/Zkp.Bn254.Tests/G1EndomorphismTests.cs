using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

public class G1EndomorphismTests
{
    private static readonly BigInteger P = Fp.Modulus;
    private static readonly BigInteger R = Fr.Modulus;

    [Fact]
    public void Constants_are_cube_roots_of_unity_that_match_on_G1()
    {
        var beta = G1Endomorphism.Beta.ToBigInteger();
        Assert.NotEqual(BigInteger.One, beta);
        Assert.Equal(BigInteger.One, BigInteger.ModPow(beta, 3, P));
        var lambda = G1Endomorphism.Lambda;
        Assert.Equal(BigInteger.Zero, (lambda * lambda + lambda + 1) % R);
        var g = G1Jacobian.Generator;
        var phi = new G1Jacobian(G1Endomorphism.Apply(g.Point));
        Assert.True(phi == TestPoints.MultiplyBig(g, lambda));
    }

    [Fact]
    public void Decomposition_is_short_and_correct()
    {
        var rng = new Random(60);
        var bound = BigInteger.One << 128;
        var scalars = new List<BigInteger> { 0, 1, R - 1, G1Endomorphism.Lambda, R - G1Endomorphism.Lambda };
        for (int i = 0; i < 200; i++)
        {
            scalars.Add(TestValues.RandomBelow(rng, R));
        }
        foreach (var k in scalars)
        {
            var (k1, k2) = G1Endomorphism.Decompose(k);
            Assert.Equal(k, TestValues.Mod(k1 + k2 * G1Endomorphism.Lambda, R));
            Assert.True(BigInteger.Abs(k1) < bound);
            Assert.True(BigInteger.Abs(k2) < bound);
        }
    }

    [Fact]
    public void Glv_multiplication_matches_plain_wnaf()
    {
        var rng = new Random(61);
        var g = G1Jacobian.Generator.Multiply(Fr.FromUInt64(12345));
        for (int i = 0; i < 50; i++)
        {
            var k = i < 3 ? R - 1 - i : TestValues.RandomBelow(rng, R);
            var expected = TestPoints.MultiplyBig(g, k);
            Assert.True(expected == g.Multiply(Fr.FromBigInteger(k)));
        }
    }
}
