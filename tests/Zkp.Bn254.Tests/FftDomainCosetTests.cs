using System.Numerics;
using Zkp.Bn254;

namespace Zkp.Bn254.Tests;

/// <summary>
/// <see cref="FftDomain.EvaluationsToCoset"/> (one merged scaling pass) and the butterflies that
/// skip the multiplication by w^0, against BigInteger interpolation and evaluation and against the
/// two-call path it replaces.
/// </summary>
public class FftDomainCosetTests
{
    private static readonly BigInteger R = BigInteger.Parse(
        "21888242871839275222246405745257275088548364400416034343698204186575808495617",
        System.Globalization.CultureInfo.InvariantCulture);

    private static BigInteger Root(int log2Size) => BigInteger.ModPow(5, (R - 1) >> log2Size, R);

    // Naive O(n^2) reference: interpolate the domain evaluations with the inverse DFT matrix
    // (a_k = 1/n sum_i v_i w^-ik), then evaluate at the odd coset points w_{2n}^(2i+1) by Horner.
    private static BigInteger[] ReferenceToCoset(Fr[] evaluations, int log2Size)
    {
        int n = evaluations.Length;
        var w = Root(log2Size);
        var wInverse = BigInteger.ModPow(w, R - 2, R);
        var nInverse = BigInteger.ModPow(n, R - 2, R);
        var coefficients = new BigInteger[n];
        for (int k = 0; k < n; k++)
        {
            BigInteger sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += evaluations[i].ToBigInteger() * BigInteger.ModPow(wInverse, (long)i * k, R);
            }

            coefficients[k] = sum % R * nInverse % R;
        }

        var shift = log2Size < FftDomain.MaxLog2Size ? Root(log2Size + 1) : 25;
        var result = new BigInteger[n];
        for (int i = 0; i < n; i++)
        {
            var x = shift * BigInteger.ModPow(w, i, R) % R;
            BigInteger acc = 0;
            for (int k = n - 1; k >= 0; k--)
            {
                acc = ((acc * x) + coefficients[k]) % R;
            }

            result[i] = acc;
        }

        return result;
    }

    private static Fr[] Vector(int n, int seed, bool edgeValues)
    {
        var random = new Random(seed);
        var bytes = new byte[40];
        var result = new Fr[n];
        for (int i = 0; i < n; i++)
        {
            random.NextBytes(bytes);
            result[i] = Fr.FromBigIntegerReduced(new BigInteger(bytes, isUnsigned: true));
        }

        if (edgeValues)
        {
            // 0, 1 and r - 1 (= -1) in the first slots, where the skipped twiddles act first.
            var edges = new[] { Fr.Zero, Fr.One, Fr.Zero - Fr.One };
            for (int i = 0; i < n; i++)
            {
                if (i % 3 != 2 || n <= 4)
                {
                    result[i] = edges[i % edges.Length];
                }
            }
        }

        return result;
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(5, false)]
    [InlineData(5, true)]
    [InlineData(7, false)]
    public void EvaluationsToCoset_matches_naive_interpolation_and_coset_evaluation(int log2Size, bool edgeValues)
    {
        var domain = FftDomain.Create(log2Size);
        var evaluations = Vector(domain.Size, 101 + log2Size, edgeValues);
        var values = (Fr[])evaluations.Clone();
        domain.EvaluationsToCoset(values);
        var expected = ReferenceToCoset(evaluations, log2Size);
        for (int i = 0; i < domain.Size; i++)
        {
            Assert.Equal(expected[i], values[i].ToBigInteger());
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    [InlineData(15)] // parallel butterflies and the parallel scaling pass
    public void EvaluationsToCoset_equals_InverseFft_then_CosetFft(int log2Size)
    {
        var domain = FftDomain.Create(log2Size);
        var evaluations = Vector(domain.Size, 7 + log2Size, edgeValues: false);
        var merged = (Fr[])evaluations.Clone();
        domain.EvaluationsToCoset(merged);
        var twoCalls = (Fr[])evaluations.Clone();
        domain.InverseFft(twoCalls);
        domain.CosetFft(twoCalls);
        Assert.Equal(twoCalls, merged);
        Assert.NotEqual(evaluations, merged);
    }

    [Fact]
    public void EvaluationsToCoset_of_constants_and_zero()
    {
        // A constant polynomial evaluates to the same constant on the coset; zero stays zero.
        var domain = FftDomain.Create(6);
        var minusOne = Fr.Zero - Fr.One;
        var values = Enumerable.Repeat(minusOne, domain.Size).ToArray();
        domain.EvaluationsToCoset(values);
        Assert.All(values, v => Assert.Equal(minusOne, v));
        var zeros = new Fr[domain.Size];
        domain.EvaluationsToCoset(zeros);
        Assert.All(zeros, v => Assert.True(v.IsZero));
        Assert.Throws<ArgumentException>(() => domain.EvaluationsToCoset(new Fr[domain.Size - 1]));
    }
}
