using System.Globalization;
using System.Numerics;

namespace Zkp.Bn254.Tests;

public class FrRootOfUnityTests
{
    [Fact]
    public void Max_root_is_five_to_the_odd_part_as_in_snarkjs()
    {
        var r = Fr.Modulus;
        Assert.Equal(BigInteger.Zero, (r - 1) % (BigInteger.One << 28));
        Assert.False(((r - 1) >> 28).IsEven);
        var expected = BigInteger.ModPow(5, (r - 1) >> 28, r);
        Assert.Equal(expected, Fr.RootOfUnity(28).ToBigInteger());
        Assert.Equal(BigInteger.Parse("19103219067921713944291392827692070036145651957329286315305642004821462161904", CultureInfo.InvariantCulture), expected);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(16)]
    [InlineData(28)]
    public void Root_has_exact_order(int k)
    {
        var w = Fr.RootOfUnity(k);
        var order = BigInteger.One << k;
        Assert.True(w.Pow(order).IsOne);
        Assert.Equal(Fr.Modulus - 1, w.Pow(order / 2).ToBigInteger());
    }

    [Fact]
    public void Root_of_size_one_is_one_and_range_is_checked()
    {
        Assert.True(Fr.RootOfUnity(0).IsOne);
        Assert.Throws<ArgumentOutOfRangeException>(() => Fr.RootOfUnity(29));
        Assert.Throws<ArgumentOutOfRangeException>(() => Fr.RootOfUnity(-1));
    }
}
