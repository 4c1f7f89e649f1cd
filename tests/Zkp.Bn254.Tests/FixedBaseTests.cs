using System.Numerics;
using Zkp.Bn254;

namespace Zkp.Bn254.Tests;

/// <summary>
/// <see cref="G1FixedBase"/> and <see cref="G2FixedBase"/> (the comb for the prover's r delta and
/// s delta) against the generic constant-time multiplication, the variable-time one and a naive
/// double-and-add over the scalar's bits written here.
/// </summary>
public class FixedBaseTests
{
    private static readonly BigInteger R = BigInteger.Parse(
        "21888242871839275222246405745257275088548364400416034343698204186575808495617",
        System.Globalization.CultureInfo.InvariantCulture);

    // Edge scalars: 0, 1, nibble boundaries, the largest nibble pattern below 2^252, the top
    // nibble's largest value (3) and r - 1, r - 2; then random ones.
    public static IEnumerable<object[]> Scalars()
    {
        var fixedValues = new[]
        {
            BigInteger.Zero, BigInteger.One, new BigInteger(2), new BigInteger(15), new BigInteger(16), new BigInteger(17),
            (BigInteger.One << 64) - 1, BigInteger.One << 64, (BigInteger.One << 252) - 1, BigInteger.One << 252,
            (BigInteger.One << 253) + (BigInteger.One << 252) + 5, R - 1, R - 2, (R - 1) / 2,
        };
        foreach (var value in fixedValues)
        {
            yield return [value.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        var random = new Random(4242);
        var bytes = new byte[40];
        for (int i = 0; i < 6; i++)
        {
            random.NextBytes(bytes);
            yield return [(new BigInteger(bytes, isUnsigned: true) % R).ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
    }

    private static G1Jacobian NaiveG1(G1Jacobian p, BigInteger k)
    {
        var acc = G1Jacobian.Infinity;
        for (int bit = (int)k.GetBitLength() - 1; bit >= 0; bit--)
        {
            acc = acc.Double();
            if (!(k >> bit).IsEven)
            {
                acc += p;
            }
        }

        return acc;
    }

    private static G2Jacobian NaiveG2(G2Jacobian p, BigInteger k)
    {
        var acc = G2Jacobian.Infinity;
        for (int bit = (int)k.GetBitLength() - 1; bit >= 0; bit--)
        {
            acc = acc.Double();
            if (!(k >> bit).IsEven)
            {
                acc += p;
            }
        }

        return acc;
    }

    private static readonly G1Affine BaseG1 = G1Affine.Generator.Multiply(Fr.FromUInt64(0x1234_5678_9abc_def1)).ToAffine();
    private static readonly G2Affine BaseG2 = G2Affine.Generator.Multiply(Fr.FromUInt64(0x0fed_cba9_8765_4321)).ToAffine();
    private static readonly G1FixedBase CombG1 = new(BaseG1);
    private static readonly G2FixedBase CombG2 = new(BaseG2);

    [Theory]
    [MemberData(nameof(Scalars))]
    public void G1_comb_equals_constant_time_multiplication_and_double_and_add(string scalarText)
    {
        var k = BigInteger.Parse(scalarText, System.Globalization.CultureInfo.InvariantCulture);
        var scalar = Fr.FromBigInteger(k);
        var comb = CombG1.MultiplyConstantTime(scalar);
        Assert.True(comb.IsOnCurve);
        Assert.Equal(BaseG1.ToJacobian().MultiplyConstantTime(scalar).ToAffine(), comb.ToAffine());
        Assert.Equal(NaiveG1(BaseG1.ToJacobian(), k).ToAffine(), comb.ToAffine());
        Assert.Equal(k.IsZero, comb.IsInfinity);
    }

    [Theory]
    [MemberData(nameof(Scalars))]
    public void G2_comb_equals_constant_time_multiplication_and_double_and_add(string scalarText)
    {
        var k = BigInteger.Parse(scalarText, System.Globalization.CultureInfo.InvariantCulture);
        var scalar = Fr.FromBigInteger(k);
        var comb = CombG2.MultiplyConstantTime(scalar);
        Assert.True(comb.IsOnCurve);
        Assert.Equal(BaseG2.ToJacobian().MultiplyConstantTime(scalar).ToAffine(), comb.ToAffine());
        Assert.Equal(NaiveG2(BaseG2.ToJacobian(), k).ToAffine(), comb.ToAffine());
    }

    [Fact]
    public void Comb_of_generator_matches_variable_time_multiplication_and_r_minus_1_is_the_negation()
    {
        var g1 = new G1FixedBase(G1Affine.Generator);
        var g2 = new G2FixedBase(G2Affine.Generator);
        var minusOne = Fr.Zero - Fr.One;
        Assert.Equal((-G1Jacobian.Generator).ToAffine(), g1.MultiplyConstantTime(minusOne).ToAffine());
        Assert.Equal((-G2Jacobian.Generator).ToAffine(), g2.MultiplyConstantTime(minusOne).ToAffine());
        for (int i = 0; i < 4; i++)
        {
            var s = Fr.Random();
            Assert.Equal(G1Affine.Generator.Multiply(s).ToAffine(), g1.MultiplyConstantTime(s).ToAffine());
            Assert.Equal(G2Affine.Generator.Multiply(s).ToAffine(), g2.MultiplyConstantTime(s).ToAffine());
        }
    }

    [Fact]
    public void Comb_of_infinity_is_infinity()
    {
        var g1 = new G1FixedBase(default);
        var g2 = new G2FixedBase(default);
        Assert.True(g1.MultiplyConstantTime(Fr.FromUInt64(12345)).IsInfinity);
        Assert.True(g2.MultiplyConstantTime(Fr.Zero - Fr.One).IsInfinity);
    }
}
