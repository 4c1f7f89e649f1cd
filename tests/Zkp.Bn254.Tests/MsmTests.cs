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

    [Theory]
    [InlineData(64, 1)]
    [InlineData(700, 1)]
    [InlineData(700, 0)]
    [InlineData(3000, 0)]
    public void G1_msm_with_witness_like_scalars_equals_naive_sum(int n, int maxDegreeOfParallelism)
    {
        // Groth16 witnesses: many 0 and 1 wires, bits, 64-bit values, some full-size field elements.
        var (points, scalars) = RandomG1Input(n, 300 + n);
        var rng = new Random(n);
        for (int i = 0; i < n; i++)
        {
            scalars[i] = rng.Next(10) switch
            {
                0 or 1 or 2 => Fr.Zero,
                3 or 4 => Fr.One,
                5 or 6 => Fr.FromUInt64((ulong)rng.NextInt64()),
                _ => scalars[i],
            };
        }
        Assert.True(NaiveG1(points, scalars) == Msm.G1(points, scalars, maxDegreeOfParallelism));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void G1_msm_of_small_scalars_only_uses_few_windows_and_equals_naive_sum(int maxDegreeOfParallelism)
    {
        var (points, scalars) = RandomG1Input(2000, 77);
        var rng = new Random(78);
        for (int i = 0; i < scalars.Length; i++)
        {
            scalars[i] = Fr.FromUInt64((ulong)rng.Next(0, 3));
        }
        Assert.True(NaiveG1(points, scalars) == Msm.G1(points, scalars, maxDegreeOfParallelism));
    }

    [Fact]
    public void G1_msm_of_zero_scalars_is_infinity()
    {
        var (points, _) = RandomG1Input(50, 5);
        Assert.True(Msm.G1(points, new Fr[50]).IsInfinity);
    }

    [Fact]
    public void Window_count_leaves_room_for_the_last_carry()
    {
        Assert.Equal(20, Pippenger<Fp>.WindowCount(254, 13)); // ceil(255 / 13)
        Assert.Equal(5, Pippenger<Fp>.WindowCount(64, 13));  // ceil(65 / 13)
        Assert.Equal(6, Pippenger<Fp>.WindowCount(65, 13));
        Assert.Equal(1, Pippenger<Fp>.WindowCount(1, 2));
        var rng = new Random(10);
        foreach (int maxBits in new[] { 1, 2, 13, 63, 64, 65, 128, 200, 254 })
        {
            foreach (int c in new[] { 2, 5, 8, 13, 16 })
            {
                int windows = Pippenger<Fp>.WindowCount(maxBits, c);
                // The largest scalar of maxBits bits, and random ones of exactly maxBits bits.
                var largest = (BigInteger.One << maxBits) - 1;
                var samples = new List<BigInteger> { largest };
                for (int t = 0; t < 5; t++)
                {
                    samples.Add((BigInteger.One << (maxBits - 1)) | (TestValues.RandomBelow(rng, Fr.Modulus) & (largest >> 1)));
                }
                foreach (var k in samples)
                {
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

    [Fact]
    public void Window_width_follows_the_scalar_bit_lengths()
    {
        var counts = new int[257];
        counts[254] = 65536; // a 62k-constraint prover's H MSM
        Assert.Equal(13, Pippenger<Fp>.WindowBits(counts, 254));
        counts[254] = 1024;
        Assert.Equal(7, Pippenger<Fp>.WindowBits(counts, 254));
        counts[254] = 0;
        counts[1] = 100_000; // only 0/1 scalars: one window of width 2 costs one addition each
        Assert.Equal(2, Pippenger<Fp>.WindowBits(counts, 1));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(300, 1)]
    [InlineData(1500, 0)]
    [InlineData(1500, 1)]
    public void G1_msm_over_prepared_bases_equals_naive_sum(int n, int maxDegreeOfParallelism)
    {
        var (points, scalars) = RandomG1Input(n, 400 + n);
        var bases = Msm.PrepareG1(points, maxDegreeOfParallelism);
        Assert.Equal(n, bases.Count);
        Assert.True(NaiveG1(points, scalars) == Msm.G1(bases, scalars, maxDegreeOfParallelism));
        // The same bases again, with witness-like scalars (0, 1, 64-bit, full).
        var rng = new Random(n);
        for (int i = 0; i < n; i++)
        {
            scalars[i] = (i % 4) switch { 0 => Fr.Zero, 1 => Fr.One, 2 => Fr.FromUInt64((ulong)rng.NextInt64()), _ => scalars[i] };
        }
        Assert.True(NaiveG1(points, scalars) == Msm.G1(bases, scalars, maxDegreeOfParallelism));
        Assert.True(Msm.G1(bases, new Fr[n]).IsInfinity);
    }

    [Fact]
    public void G2_msm_over_prepared_bases_equals_naive_sum()
    {
        var rng = new Random(500);
        const int n = 150;
        var points = new G2Affine[n];
        var scalars = new Fr[n];
        var expected = G2Jacobian.Infinity;
        for (int i = 0; i < n; i++)
        {
            points[i] = i == 7 ? G2Affine.Infinity : G2Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
            scalars[i] = i % 3 == 0 ? Fr.FromUInt64((ulong)i) : TestPoints.RandomScalar(rng);
            expected += points[i].Multiply(scalars[i]);
        }
        var bases = Msm.PrepareG2(points);
        Assert.True(expected == Msm.G2(bases, scalars));
        Assert.True(expected == Msm.G2(bases, scalars, maxDegreeOfParallelism: 1));
    }

    // The prover splits one table (C then H points) into ranges that become ready at different
    // times; each range's MSM must equal the naive sum over exactly those bases, and the ranges'
    // sums must add up to the whole table's MSM.
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void G1_msm_over_a_range_of_prepared_bases_equals_naive_sum_of_that_range(int maxDegreeOfParallelism)
    {
        const int n = 700;
        var (points, scalars) = RandomG1Input(n, 4242);
        scalars[0] = Fr.One;
        scalars[1] = -Fr.One; // M - 1
        scalars[n - 1] = -Fr.One;
        scalars[n - 2] = Fr.Zero;
        var bases = Msm.PrepareG1(points, maxDegreeOfParallelism);
        var whole = Msm.G1(bases, scalars, maxDegreeOfParallelism);
        var sumOfRanges = G1Jacobian.Infinity;
        int[] cuts = [0, 1, 2, 250, 251, 563, n - 1, n];
        for (int k = 0; k + 1 < cuts.Length; k++)
        {
            int from = cuts[k];
            int length = cuts[k + 1] - from;
            var rangeScalars = scalars.AsSpan(from, length);
            var expected = NaiveG1(points[from..(from + length)], rangeScalars.ToArray());
            var actual = Msm.G1(bases, from, rangeScalars, maxDegreeOfParallelism);
            Assert.True(expected == actual, $"range {from}..{from + length}");
            sumOfRanges += actual;
        }

        Assert.True(whole == sumOfRanges);
        Assert.True(whole == Msm.G1(bases, 0, scalars, maxDegreeOfParallelism));
        Assert.True(Msm.G1(bases, n, ReadOnlySpan<Fr>.Empty, maxDegreeOfParallelism).IsInfinity);
        Assert.True(Msm.G1(bases, 5, new Fr[10], maxDegreeOfParallelism).IsInfinity);
    }

    [Fact]
    public void A_range_outside_the_prepared_bases_is_rejected()
    {
        var (points, scalars) = RandomG1Input(20, 3);
        var bases = Msm.PrepareG1(points);
        Assert.Throws<ArgumentOutOfRangeException>(() => Msm.G1(bases, -1, scalars.AsSpan(0, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Msm.G1(bases, 19, scalars.AsSpan(0, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Msm.G1(bases, 1, scalars));
        Assert.Throws<ArgumentNullException>(() => Msm.G1(null!, 0, scalars));
    }

    [Fact]
    public void Prepared_bases_reject_a_scalar_count_mismatch_and_report_their_size()
    {
        var (points, scalars) = RandomG1Input(20, 1);
        var bases = Msm.PrepareG1(points);
        Assert.Throws<ArgumentException>(() => Msm.G1(bases, scalars.AsSpan(1)));
        // 20 points: width 6 bits (from the cost model), ceil(255 / 6) = 43 shifted copies of 64 bytes.
        Assert.Equal(6, Pippenger<Fp>.PreparedWindowBits(20));
        Assert.Equal(20L * 43 * 64, Msm.PreparedG1Bytes(20));
        Assert.Equal(10, Pippenger<Fp>.PreparedWindowBits(1024)); // 512 buckets: affine batches of 128
        Assert.Equal(1024L * Pippenger<Fp2>.WindowCount(254, Pippenger<Fp2>.PreparedWindowBits(1024)) * 128, Msm.PreparedG2Bytes(1024));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    public void Small_g1_msm_equals_naive_sum_with_extreme_scalars(int n)
    {
        // Up to 8 terms take the GLV/Straus path: scalars 0, 1, r - 1, small, 64-bit, full, a
        // repeated base and infinity.
        var (points, scalars) = RandomG1Input(n, 600 + n);
        var rng = new Random(n);
        scalars[0] = Fr.Zero;
        scalars[1] = Fr.One;
        scalars[2] = Fr.FromBigInteger(Fr.Modulus - 1);
        scalars[3] = Fr.FromUInt64((ulong)rng.NextInt64());
        if (n > 4)
        {
            points[4] = points[2];
            scalars[4] = Fr.FromUInt64(65535);
        }
        Assert.True(NaiveG1(points, scalars) == Msm.G1(points, scalars));
        for (int t = 0; t < 10; t++)
        {
            for (int i = 0; i < n; i++)
            {
                scalars[i] = TestPoints.RandomScalar(rng);
            }
            Assert.True(NaiveG1(points, scalars) == Msm.G1(points, scalars));
        }
        Assert.True(Msm.G1(points, new Fr[n]).IsInfinity);
        var cancelling = new[] { points[2], points[2] };
        Assert.True(Msm.G1(cancelling, [Fr.FromUInt64(5), -Fr.FromUInt64(5)]).IsInfinity);
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

    /// <summary>Scalar vectors shaped like Groth16 witnesses: kind 0 all zero, 1 all one, 2 small (at most 64 bits), 3 mixed 0/1/small/full.</summary>
    private static Fr[] WitnessShapedScalars(int n, int kind, Random rng)
    {
        var scalars = new Fr[n];
        for (int i = 0; i < n; i++)
        {
            scalars[i] = kind switch
            {
                0 => Fr.Zero,
                1 => Fr.One,
                2 => Fr.FromUInt64(i % 5 == 0 ? ulong.MaxValue - (ulong)i : (ulong)rng.NextInt64() >> rng.Next(0, 63)),
                _ => (i % 5) switch
                {
                    0 => Fr.Zero,
                    1 => Fr.One,
                    2 => Fr.FromUInt64((ulong)rng.NextInt64()),
                    3 => -Fr.One,
                    _ => TestPoints.RandomScalar(rng),
                },
            };
        }
        return scalars;
    }

    // The reference is the constant-time ladder, a code path the MSM does not share.
    [Theory]
    [InlineData(0, 3)]
    [InlineData(9, 0)]
    [InlineData(9, 3)]
    [InlineData(700, 0)]
    [InlineData(700, 1)]
    [InlineData(700, 2)]
    [InlineData(700, 3)]
    [InlineData(2500, 3)]
    public void G1_msm_of_witness_shaped_scalars_equals_the_constant_time_sum(int n, int kind)
    {
        var rng = new Random(1000 * kind + n);
        var (points, _) = RandomG1Input(n, 900 + n);
        var scalars = WitnessShapedScalars(n, kind, rng);
        var expected = G1Jacobian.Infinity;
        for (int i = 0; i < n; i++)
        {
            expected += points[i].ToJacobian().MultiplyConstantTime(scalars[i]);
        }
        Assert.True(expected == Msm.G1(points, scalars));
        Assert.True(expected == Msm.G1(points, scalars, maxDegreeOfParallelism: 1));
        var bases = Msm.PrepareG1(points);
        Assert.True(expected == Msm.G1(bases, scalars));
        Assert.True(expected == Msm.G1(bases, scalars, maxDegreeOfParallelism: 1));
        if (kind == 0)
        {
            Assert.True(Msm.G1(points, scalars).IsInfinity);
        }
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(300, 0)]
    [InlineData(300, 1)]
    [InlineData(300, 2)]
    [InlineData(300, 3)]
    public void G2_msm_of_witness_shaped_scalars_equals_the_constant_time_sum(int n, int kind)
    {
        var rng = new Random(2000 * kind + n);
        var points = new G2Affine[n];
        var expected = G2Jacobian.Infinity;
        var scalars = WitnessShapedScalars(n, kind, rng);
        for (int i = 0; i < n; i++)
        {
            points[i] = i == 5 ? G2Affine.Infinity : G2Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
            expected += points[i].ToJacobian().MultiplyConstantTime(scalars[i]);
        }
        Assert.True(expected == Msm.G2(points, scalars));
        Assert.True(expected == Msm.G2(points, scalars, maxDegreeOfParallelism: 1));
        var bases = Msm.PrepareG2(points);
        Assert.True(expected == Msm.G2(bases, scalars));
        Assert.True(expected == Msm.G2(bases, scalars, maxDegreeOfParallelism: 1));
    }

    // Many terms with one scalar hit the same bucket in every window: the affine batches' deferred
    // list fills and spills to the Jacobian overflow; repeated points with that scalar make the
    // deferred additions doublings, and opposite scalars cancellations.
    [Theory]
    [InlineData(3000, 0)]
    [InlineData(3000, 1)]
    public void G1_msm_with_colliding_buckets_equals_naive_sum(int n, int maxDegreeOfParallelism)
    {
        var (points, scalars) = RandomG1Input(n, 77);
        var rng = new Random(78);
        var shared = TestPoints.RandomScalar(rng);
        for (int i = 0; i < n; i += 3)
        {
            scalars[i] = shared;
            if (i % 9 == 0 && i + 3 < n)
            {
                points[i + 3] = points[i];
            }
            if (i % 27 == 0 && i + 1 < n)
            {
                points[i + 1] = points[i];
                scalars[i + 1] = -shared;
            }
        }
        var expected = NaiveG1(points, scalars);
        Assert.True(expected == Msm.G1(points, scalars, maxDegreeOfParallelism));
        Assert.True(expected == Msm.G1(Msm.PrepareG1(points, maxDegreeOfParallelism), scalars, maxDegreeOfParallelism));
    }
}
