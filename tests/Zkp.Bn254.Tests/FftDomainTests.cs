using System.Numerics;
using Zkp.Bn254;

namespace Zkp.Bn254.Tests;

public class FftDomainTests
{
    private static readonly BigInteger R = BigInteger.Parse(
        "21888242871839275222246405745257275088548364400416034343698204186575808495617",
        System.Globalization.CultureInfo.InvariantCulture);

    // Independent reference: ffjavascript's root of unity of order n, 5^((r-1)/n) mod r, in BigInteger.
    private static BigInteger ReferenceRoot(int log2Size) => BigInteger.ModPow(5, (R - 1) >> log2Size, R);

    private static BigInteger Horner(Fr[] coefficients, BigInteger x)
    {
        BigInteger acc = 0;
        for (int i = coefficients.Length - 1; i >= 0; i--)
        {
            acc = ((acc * x) + coefficients[i].ToBigInteger()) % R;
        }

        return acc;
    }

    private static Fr[] RandomVector(int n, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[40];
        var result = new Fr[n];
        for (int i = 0; i < n; i++)
        {
            random.NextBytes(bytes);
            result[i] = Fr.FromBigIntegerReduced(new BigInteger(bytes, isUnsigned: true));
        }

        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(28)]
    public void Generator_and_coset_shift_match_ffjavascript(int log2Size)
    {
        var domain = FftDomain.Create(log2Size);
        Assert.Equal(1 << log2Size, domain.Size);
        Assert.Equal(ReferenceRoot(log2Size), domain.Generator.ToBigInteger());
        var expectedShift = log2Size < 28 ? ReferenceRoot(log2Size + 1) : new BigInteger(25);
        Assert.Equal(expectedShift, domain.CosetShift.ToBigInteger());
        Assert.Equal(BigInteger.One, (domain.Generator * domain.GeneratorInverse).ToBigInteger());
        Assert.Equal(BigInteger.One, (domain.SizeInverse * Fr.FromUInt64((ulong)domain.Size)).ToBigInteger());
    }

    [Fact]
    public void Generator_has_exact_order_n()
    {
        var domain = FftDomain.Create(10);
        Assert.True(domain.Generator.Pow(1024UL).IsOne);
        Assert.False(domain.Generator.Pow(512UL).IsOne);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Fft_equals_naive_evaluation_at_domain_points(int log2Size)
    {
        var domain = FftDomain.Create(log2Size);
        var coefficients = RandomVector(domain.Size, 11 + log2Size);
        var values = (Fr[])coefficients.Clone();
        domain.Fft(values);
        var w = ReferenceRoot(log2Size);
        for (int i = 0; i < domain.Size; i++)
        {
            Assert.Equal(Horner(coefficients, BigInteger.ModPow(w, i, R)), values[i].ToBigInteger());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void CosetFft_evaluates_on_the_odd_coset(int log2Size)
    {
        var domain = FftDomain.Create(log2Size);
        var coefficients = RandomVector(domain.Size, 23 + log2Size);
        var values = (Fr[])coefficients.Clone();
        domain.CosetFft(values);
        // snarkjs's H points: the odd powers w_{2n}^(2i+1) of the 2n-th root of unity.
        var w2n = ReferenceRoot(log2Size + 1);
        for (int i = 0; i < domain.Size; i++)
        {
            Assert.Equal(Horner(coefficients, BigInteger.ModPow(w2n, (2 * i) + 1, R)), values[i].ToBigInteger());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(16)] // above the parallel threshold
    public void InverseFft_undoes_Fft_and_InverseCosetFft_undoes_CosetFft(int log2Size)
    {
        var domain = FftDomain.Create(log2Size);
        var original = RandomVector(domain.Size, 37 + log2Size);
        var values = (Fr[])original.Clone();
        domain.Fft(values);
        if (domain.Size > 2)
        {
            Assert.NotEqual(original, values);
        }

        domain.InverseFft(values);
        Assert.Equal(original, values);
        domain.CosetFft(values);
        domain.InverseCosetFft(values);
        Assert.Equal(original, values);
    }

    [Fact]
    public void Parallel_fft_matches_naive_evaluation_at_sampled_points()
    {
        var domain = FftDomain.Create(16);
        var coefficients = RandomVector(domain.Size, 5);
        var values = (Fr[])coefficients.Clone();
        var coset = (Fr[])coefficients.Clone();
        domain.Fft(values);
        domain.CosetFft(coset);
        var w = ReferenceRoot(16);
        var w2n = ReferenceRoot(17);
        foreach (int i in new[] { 0, 1, 2, 4095, 4096, 32767, 32768, 65535 })
        {
            Assert.Equal(Horner(coefficients, BigInteger.ModPow(w, i, R)), values[i].ToBigInteger());
            Assert.Equal(Horner(coefficients, BigInteger.ModPow(w2n, (2 * i) + 1, R)), coset[i].ToBigInteger());
        }
    }

    [Fact]
    public void InverseFft_interpolates_a_known_polynomial()
    {
        // p(x) = 3 + 2x + x^2 sampled on the 4-point domain interpolates back to its coefficients.
        var domain = FftDomain.Create(2);
        var values = new Fr[4];
        for (int i = 0; i < 4; i++)
        {
            var x = domain.Element(i);
            values[i] = Fr.FromUInt64(3) + (Fr.FromUInt64(2) * x) + (x * x);
        }

        domain.InverseFft(values);
        Assert.Equal(new[] { "3", "2", "1", "0" }, values.Select(v => v.ToString()).ToArray());
    }

    [Fact]
    public void Rejects_wrong_lengths_and_sizes()
    {
        var domain = FftDomain.Create(3);
        var ex = Assert.Throws<ArgumentException>(() => domain.Fft(new Fr[7]));
        Assert.Contains("expected 8 values", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => FftDomain.Create(29));
        Assert.Throws<ArgumentOutOfRangeException>(() => FftDomain.Create(-1));
        Assert.Equal(3, FftDomain.CreateAtLeast(5).Log2Size);
        Assert.Equal(2, FftDomain.CreateAtLeast(4).Log2Size);
        Assert.Equal(0, FftDomain.CreateAtLeast(1).Log2Size);
    }
}
