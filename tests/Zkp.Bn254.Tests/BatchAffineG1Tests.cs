using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

/// <summary>
/// The 4-lane batch of affine additions against the group law of G1Jacobian, for batch sizes that
/// leave full and partial rows of four, and with the largest coordinates (y = p - y' of negated
/// points) and small ones (the generator (1, 2) and its negation).
/// </summary>
public class BatchAffineG1Tests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(64)]
    [InlineData(1023)]
    [InlineData(1024)]
    public void AddPairs_equals_the_group_law(int count)
    {
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var rng = new Random(count);
        int bucketCount = (2 * count) + 3;
        var buckets = new AffinePoint<Fp>[bucketCount];
        var g = G1Affine.Generator;
        for (int b = 0; b < bucketCount; b++)
        {
            var p = g.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
            buckets[b] = (b % 5 == 0 ? -p : p).Point;
        }
        buckets[1] = g.Point; // x = 1, y = 2
        var expected = (AffinePoint<Fp>[])buckets.Clone();
        var bucketIndex = new int[count];
        var points = new AffinePoint<Fp>[count];
        var used = new HashSet<int>();
        for (int k = 0; k < count; k++)
        {
            int b;
            do
            {
                b = rng.Next(bucketCount);
            }
            while (!used.Add(b));
            bucketIndex[k] = b;
            var q = k == 0 ? -g : g.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
            if (k == 0 && b == 1)
            {
                q = g.Multiply(Fr.FromUInt64(3)).ToAffine(); // not the bucket's own negation
            }
            points[k] = (k % 3 == 1 ? -q : q).Point;
            var sum = new G1Affine(in buckets[b]).ToJacobian() + new G1Affine(in points[k]).ToJacobian();
            expected[b] = sum.ToAffine().Point;
        }

        new BatchAffineG1(count).AddPairs(buckets, bucketIndex, points);

        for (int b = 0; b < bucketCount; b++)
        {
            Assert.Equal(new G1Affine(in expected[b]), new G1Affine(in buckets[b]));
        }
    }

    [Fact]
    public void One_instance_serves_batches_of_different_sizes()
    {
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var rng = new Random(77);
        var g = G1Affine.Generator;
        var batch = new BatchAffineG1(16);
        foreach (int count in new[] { 16, 3, 9, 16, 1 })
        {
            var buckets = Enumerable.Range(0, count).Select(_ => g.Multiply(TestPoints.RandomScalar(rng)).ToAffine()).ToArray();
            var points = Enumerable.Range(0, count).Select(_ => g.Multiply(TestPoints.RandomScalar(rng)).ToAffine()).ToArray();
            var raw = buckets.Select(p => p.Point).ToArray();
            batch.AddPairs(raw, Enumerable.Range(0, count).ToArray(), points.Select(p => p.Point).ToArray());
            for (int k = 0; k < count; k++)
            {
                Assert.Equal((buckets[k].ToJacobian() + points[k].ToJacobian()).ToAffine(), new G1Affine(in raw[k]));
            }
        }
    }
}
