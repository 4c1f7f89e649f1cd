using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

public class MsmTests
{
    private static (G1Affine[] Points, Fr[] Scalars) RandomG1Input(int n, int seed)
    {
        var rng = new Random(seed);
        var points = new G1Affine[n];
        var scalars = new Fr[n];
        var p = G1Affine.Generator.ToJacobian().Multiply(TestPoints.RandomScalar(rng));
        for (int i = 0; i < n; i++)
        {
            points[i] = p.ToAffine();
            p = p + G1Affine.Generator.Multiply(Fr.FromUInt64((ulong)rng.Next(1, 1000)));
            scalars[i] = (i % 7) switch
            {
                0 => Fr.Zero,
                1 => -Fr.One,
                2 => Fr.FromUInt64((ulong)i),
                _ => TestPoints.RandomScalar(rng),
            };
        }
        if (n > 3)
        {
            points[3] = G1Affine.Infinity;
            points[n - 1] = points[0]; // repeated base
        }
        if (n > 100)
        {
            // Same base with the same and with opposite scalars: doublings and cancellations inside buckets.
            for (int i = 10; i < 60; i += 2)
            {
                points[i + 1] = points[i];
                scalars[i + 1] = i % 4 == 0 ? scalars[i] : -scalars[i];
            }
        }
        return (points, scalars);
    }

    private static G1Jacobian NaiveG1(G1Affine[] points, Fr[] scalars)
    {
        var sum = G1Jacobian.Infinity;
        for (int i = 0; i < points.Length; i++)
        {
            sum += points[i].Multiply(scalars[i]);
        }
        return sum;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(300)]
    [InlineData(1500)]
    [InlineData(5000)]
    public void G1_msm_equals_naive_sum(int n)
    {
        var (points, scalars) = RandomG1Input(n, 100 + n);
        var expected = NaiveG1(points, scalars);
        Assert.True(expected == Msm.G1(points, scalars));
        Assert.True(expected == Msm.G1(points, scalars, maxDegreeOfParallelism: 1));
    }

    [Fact]
    public void G1_msm_with_random_size_and_extreme_scalars()
    {
        var rng = new Random(7);
        int n = rng.Next(40, 120);
        var (points, scalars) = RandomG1Input(n, 8);
        for (int i = 0; i < n; i += 5)
        {
            scalars[i] = Fr.FromBigInteger(Fr.Modulus - 1 - i);
        }
        Assert.True(NaiveG1(points, scalars) == Msm.G1(points, scalars));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(33)]
    [InlineData(600)]
    public void G2_msm_equals_naive_sum(int n)
    {
        var rng = new Random(200 + n);
        var points = new G2Affine[n];
        var scalars = new Fr[n];
        var expected = G2Jacobian.Infinity;
        for (int i = 0; i < n; i++)
        {
            points[i] = G2Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
            scalars[i] = i == 2 ? -Fr.One : TestPoints.RandomScalar(rng);
            expected += points[i].Multiply(scalars[i]);
        }
        Assert.True(expected == Msm.G2(points, scalars));
    }

    [Fact]
    public void Length_mismatch_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Msm.G1([G1Affine.Generator], []));
    }

    [Fact]
    public void Signed_digits_reconstruct_the_scalar()
    {
        var rng = new Random(9);
        foreach (int c in new[] { 2, 3, 7, 13, 16 })
        {
            int windows = (255 + c - 1) / c;
            for (int t = 0; t < 20; t++)
            {
                var k = t == 0 ? Fr.Modulus - 1 : TestValues.RandomBelow(rng, Fr.Modulus);
                var digits = new int[windows];
                Pippenger<Fp>.ComputeSignedDigits([Limbs256.FromBigInteger(k)], c, windows, digits);
                BigInteger value = 0;
                for (int w = windows - 1; w >= 0; w--)
                {
                    value = (value << c) + digits[w];
                    Assert.InRange(digits[w], -(1 << (c - 1)) + 1, 1 << (c - 1));
                }
                Assert.Equal(k, value);
            }
        }
    }
}
