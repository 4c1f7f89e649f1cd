using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

/// <summary>The sliding-window Fermat inversion against square-and-multiply and BigInteger.</summary>
public class InversionTests
{
    [Fact]
    public void Windowed_inversion_matches_square_and_multiply_and_BigInteger_in_both_fields()
    {
        Check<FpModulus>(Fp.Modulus, seed: 1);
        Check<FrModulus>(Fr.Modulus, seed: 2);
    }

    [Fact]
    public void Window_schedule_reconstructs_its_exponent()
    {
        var rng = new Random(3);
        BigInteger[] exponents = [Fp.Modulus - 2, Fr.Modulus - 2, 1, 2, 31, 32, 33, BigInteger.Pow(2, 100), TestValues.RandomBelow(rng, Fp.Modulus)];
        foreach (var exponent in exponents)
        {
            foreach (int window in new[] { 1, 4, 5 })
            {
                var schedule = MontgomeryArithmetic<FpModulus>.BuildWindowSchedule(exponent, window);
                BigInteger value = schedule[0].Digit;
                for (int i = 1; i < schedule.Length; i++)
                {
                    value = (value << schedule[i].Squarings) + schedule[i].Digit;
                    Assert.True(schedule[i].Digit == 0 ? i == schedule.Length - 1 : schedule[i].Digit % 2 == 1);
                    Assert.True(schedule[i].Digit < 1 << window);
                }
                Assert.Equal(exponent, value);
            }
        }
    }

    private static void Check<TModulus>(BigInteger modulus, int seed)
        where TModulus : struct, IMontgomeryModulus
    {
        var rng = new Random(seed);
        BigInteger[] edges = [0, 1, 2, 3, modulus - 1, modulus - 2, (modulus - 1) / 2, (modulus + 1) / 2];
        var values = edges.Concat(Enumerable.Range(0, 40).Select(_ => TestValues.RandomBelow(rng, modulus)));
        foreach (var value in values)
        {
            // Limbs x are the Montgomery form of x R^-1; their inverse must be the Montgomery form of
            // (x R^-1)^-1, i.e. (x R^-1)^(m-2) R mod m, computed here in BigInteger.
            var limbs = Limbs256.FromBigInteger(value);
            MontgomeryArithmetic<TModulus>.Invert(in limbs, out var fast);
            MontgomeryArithmetic<TModulus>.InvertBySquareAndMultiply(in limbs, out var reference);
            Assert.Equal(reference.ToBigInteger(), fast.ToBigInteger());
            var r = BigInteger.ModPow(2, 256, modulus);
            var rInverse = BigInteger.ModPow(r, modulus - 2, modulus);
            var plain = value * rInverse % modulus; // the field element the limbs represent
            var expected = BigInteger.ModPow(plain, modulus - 2, modulus) * r % modulus;
            Assert.Equal(expected, fast.ToBigInteger());
            var aliased = limbs;
            MontgomeryArithmetic<TModulus>.Invert(in aliased, out aliased);
            Assert.Equal(fast.ToBigInteger(), aliased.ToBigInteger());
        }
    }
}
