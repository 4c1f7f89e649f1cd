using System.Numerics;

namespace Zkp.Bn254.Tests;

/// <summary>Deterministic random and edge values for comparing against System.Numerics.BigInteger.</summary>
internal static class TestValues
{
    public static BigInteger RandomBelow(Random rng, BigInteger modulus)
    {
        var bytes = new byte[33];
        rng.NextBytes(bytes);
        bytes[32] = 0;
        return new BigInteger(bytes, isUnsigned: true) % modulus;
    }

    public static IEnumerable<BigInteger> EdgeValues(BigInteger modulus)
    {
        yield return BigInteger.Zero;
        yield return BigInteger.One;
        yield return 2;
        yield return modulus - 1;
        yield return modulus - 2;
        yield return (modulus - 1) / 2;
        yield return (modulus + 1) / 2;
        yield return BigInteger.One << 64;
        yield return (BigInteger.One << 64) - 1;
        yield return BigInteger.One << 128;
        yield return (BigInteger.One << 192) - 1;
        yield return BigInteger.One << 253;
    }

    public static List<BigInteger> Sample(BigInteger modulus, int randomCount, int seed)
    {
        var rng = new Random(seed);
        var values = EdgeValues(modulus).ToList();
        for (int i = 0; i < randomCount; i++)
        {
            values.Add(RandomBelow(rng, modulus));
        }
        return values;
    }

    public static BigInteger Mod(BigInteger value, BigInteger modulus)
    {
        var r = value % modulus;
        return r.Sign < 0 ? r + modulus : r;
    }

    public static byte[] ToBytes(BigInteger value, bool bigEndian, int length = 32)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: false);
        var result = new byte[length];
        Array.Copy(raw, result, Math.Min(raw.Length, length));
        if (bigEndian)
        {
            Array.Reverse(result);
        }
        return result;
    }
}
