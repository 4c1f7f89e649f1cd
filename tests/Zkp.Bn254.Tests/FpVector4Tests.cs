using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

/// <summary>
/// The 4-lane AVX2 F_p kernel against BigInteger: exact values, lanes independent, the lazy bounds
/// its callers rely on (outputs normalised and below a b / 2^261 + p), aliasing. Skipped (passes
/// vacuously with a note) only where AVX2 is absent; the scalar path is what runs there.
/// </summary>
public class FpVector4Tests
{
    private static readonly BigInteger P = Fp.Modulus;
    private static readonly BigInteger RPrime = BigInteger.One << 261;
    private static readonly BigInteger RPrimeInverse = BigInteger.ModPow(RPrime, P - 2, P);
    private const int Limbs = FpVector4.LimbCount;

    private static Vector256<ulong>[] Row(BigInteger l0, BigInteger l1, BigInteger l2, BigInteger l3)
    {
        var row = new Vector256<ulong>[Limbs];
        BigInteger[] lanes = [l0, l1, l2, l3];
        for (int i = 0; i < Limbs; i++)
        {
            var v = new ulong[4];
            for (int lane = 0; lane < 4; lane++)
            {
                v[lane] = (ulong)((lanes[lane] >> (29 * i)) & ((1 << 29) - 1));
            }
            row[i] = Vector256.Create(v);
        }
        // Anything above 2^261 would be dropped: the tests only build rows below it.
        return row;
    }

    private static BigInteger Lane(Vector256<ulong>[] row, int lane)
    {
        BigInteger value = 0;
        for (int i = Limbs - 1; i >= 0; i--)
        {
            value = (value << 29) + row[i].GetElement(lane);
        }
        return value;
    }

    private static void AssertNormalised(Vector256<ulong>[] row)
    {
        for (int i = 0; i < Limbs - 1; i++)
        {
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.True(row[i].GetElement(lane) < (1UL << 29), $"limb {i} lane {lane} not normalised");
            }
        }
    }

    /// <summary>Values below bound: edges (0, 1, p-1, p, 2p-1, bound-1) and random ones.</summary>
    private static List<BigInteger> Values(BigInteger bound, int seed)
    {
        var rng = new Random(seed);
        var values = new List<BigInteger> { 0, 1, 2, P - 1, P, 2 * P - 1, 32 * P - 1, bound - 1, bound / 2 };
        for (int i = 0; i < 40; i++)
        {
            values.Add(TestValues.RandomBelow(rng, bound));
        }
        return values.Where(v => v < bound).ToList();
    }

    [Fact]
    public void Multiply_matches_BigInteger_in_every_lane_with_bounded_output()
    {
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var bound = 128 * P;
        var a = Values(bound, 1);
        var b = Values(bound, 2);
        var rng = new Random(3);
        for (int round = 0; round < 200; round++)
        {
            var av = new BigInteger[4];
            var bv = new BigInteger[4];
            for (int lane = 0; lane < 4; lane++)
            {
                // Every combination of edges appears in some lane; lanes differ.
                av[lane] = round < a.Count ? a[(round + lane) % a.Count] : a[rng.Next(a.Count)];
                bv[lane] = round < b.Count ? b[(round * 7 + lane * 3) % b.Count] : b[rng.Next(b.Count)];
            }
            var ar = Row(av[0], av[1], av[2], av[3]);
            var br = Row(bv[0], bv[1], bv[2], bv[3]);
            var r = new Vector256<ulong>[Limbs];
            FpVector4.Multiply(in ar[0], in br[0], ref r[0]);
            AssertNormalised(r);
            for (int lane = 0; lane < 4; lane++)
            {
                var got = Lane(r, lane);
                Assert.Equal(av[lane] * bv[lane] * RPrimeInverse % P, got % P);
                Assert.True(got < (av[lane] * bv[lane] / RPrime) + P + 1, "output above a b / 2^261 + p");
            }
        }
    }

    [Fact]
    public void Square_matches_BigInteger_in_every_lane_with_bounded_output()
    {
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var bound = 128 * P;
        var a = Values(bound, 12);
        for (int round = 0; round < a.Count; round++)
        {
            var av = Enumerable.Range(0, 4).Select(lane => a[(round + (lane * 5)) % a.Count]).ToArray();
            var ar = Row(av[0], av[1], av[2], av[3]);
            var r = new Vector256<ulong>[Limbs];
            FpVector4.Square(in ar[0], ref r[0]);
            AssertNormalised(r);
            var m = new Vector256<ulong>[Limbs];
            FpVector4.Multiply(in ar[0], in ar[0], ref m[0]);
            for (int lane = 0; lane < 4; lane++)
            {
                var got = Lane(r, lane);
                Assert.Equal(av[lane] * av[lane] * RPrimeInverse % P, got % P);
                Assert.True(got < (av[lane] * av[lane] / RPrime) + P + 1, "output above a^2 / 2^261 + p");
                Assert.Equal(Lane(m, lane), got); // the same columns, so the very same representative
            }
            FpVector4.Square(in ar[0], ref ar[0]); // in place
            Assert.Equal(r, ar);
        }
    }

    [Fact]
    public void Multiply_with_output_aliasing_an_input_and_squaring()
    {
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var rng = new Random(4);
        var bound = 128 * P;
        var v = Enumerable.Range(0, 8).Select(_ => TestValues.RandomBelow(rng, bound)).ToArray();
        var a = Row(v[0], v[1], v[2], v[3]);
        var b = Row(v[4], v[5], v[6], v[7]);
        FpVector4.Multiply(in a[0], in b[0], ref a[0]); // r aliases a
        var c = Row(v[0], v[1], v[2], v[3]);
        FpVector4.Multiply(in c[0], in b[0], ref b[0]); // r aliases b
        var s = Row(v[0], v[1], v[2], v[3]);
        FpVector4.Multiply(in s[0], in s[0], ref s[0]); // square in place
        for (int lane = 0; lane < 4; lane++)
        {
            var expected = v[lane] * v[lane + 4] * RPrimeInverse % P;
            Assert.Equal(expected, Lane(a, lane) % P);
            Assert.Equal(expected, Lane(b, lane) % P);
            Assert.Equal(v[lane] * v[lane] * RPrimeInverse % P, Lane(s, lane) % P);
        }
    }

    [Theory]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(96)]
    public void Subtract_adds_the_exact_multiple_of_p(int k)
    {
        var multiple = k switch { 32 => FpVector4.Multiple.P32, 64 => FpVector4.Multiple.P64, _ => FpVector4.Multiple.P96 };
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var kp = k * P;
        var a = Values(32 * P, 5);
        var b = Values(kp, 6);
        var half = Values(kp / 2, 7);
        var rng = new Random(8);
        for (int round = 0; round < 100; round++)
        {
            var av = new BigInteger[4];
            var bv = new BigInteger[4];
            var cv = new BigInteger[4];
            for (int lane = 0; lane < 4; lane++)
            {
                av[lane] = a[(round + lane) % a.Count];
                bv[lane] = round < b.Count ? b[(round + 3 * lane) % b.Count] : b[rng.Next(b.Count)];
                cv[lane] = half[rng.Next(half.Count)];
                if (lane == 3)
                {
                    bv[lane] = kp - 1; // the largest subtrahend: limb 8 of K p - b may be below zero before its carry
                }
            }
            var ar = Row(av[0], av[1], av[2], av[3]);
            var br = Row(bv[0], bv[1], bv[2], bv[3]);
            var r = new Vector256<ulong>[Limbs];
            FpVector4.Subtract(in ar[0], in br[0], ref r[0], multiple);
            AssertNormalised(r);
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(av[lane] + kp - bv[lane], Lane(r, lane));
            }

            // Two subtrahends of at most K p / 2 each, output aliasing the first input.
            var hb = Row(cv[3], cv[2], cv[1], cv[0]);
            var hc = Row(cv[0], cv[1], cv[2], cv[3]);
            FpVector4.Subtract2(in ar[0], in hb[0], in hc[0], ref ar[0], multiple);
            AssertNormalised(ar);
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(av[lane] + kp - cv[3 - lane] - cv[lane], Lane(ar, lane));
            }
        }
    }

    [Fact]
    public void Lanes_round_trip_and_multiply_like_Fp()
    {
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var rng = new Random(9);
        var values = new List<Fp> { Fp.Zero, Fp.One, -Fp.One, Fp.FromUInt64(2), Fp.FromBigInteger(P - 2) };
        for (int i = 0; i < 40; i++)
        {
            values.Add(Fp.FromBigInteger(TestValues.RandomBelow(rng, P)));
        }
        for (int round = 0; round < values.Count; round++)
        {
            var x = new Fp[4];
            var y = new Fp[4];
            var xr = new Vector256<ulong>[Limbs];
            var yr = new Vector256<ulong>[Limbs];
            for (int lane = 0; lane < 4; lane++)
            {
                x[lane] = values[(round + lane) % values.Count];
                y[lane] = values[(round * 5 + lane + 1) % values.Count];
                FpVector4.SetLane(ref xr[0], lane, in x[lane]);
                FpVector4.SetLane(ref yr[0], lane, in y[lane]);
            }
            AssertNormalised(xr);
            var product = new Vector256<ulong>[Limbs];
            FpVector4.Multiply(in xr[0], in yr[0], ref product[0]);
            FpVector4.PrepareDivideBy32(ref xr[0]);
            FpVector4.PrepareDivideBy32(ref product[0]);
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(x[lane], FpVector4.GetLane(ref xr[0], lane));
                Assert.Equal(x[lane] * y[lane], FpVector4.GetLane(ref product[0], lane));
            }
        }
    }

    [Fact]
    public void Lane_out_reduces_values_up_to_128p()
    {
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var rng = new Random(10);
        var bound = 128 * P;
        var values = Values(bound, 11);
        var inverse32 = BigInteger.ModPow(32, P - 2, P);
        for (int round = 0; round < values.Count; round++)
        {
            var v = Enumerable.Range(0, 4).Select(lane => values[(round + lane * 11) % values.Count]).ToArray();
            var row = Row(v[0], v[1], v[2], v[3]);
            FpVector4.PrepareDivideBy32(ref row[0]);
            for (int lane = 0; lane < 4; lane++)
            {
                // The lane holds x R' = v: x R = v / 32 mod p, the Fp whose Montgomery limbs are that.
                var expected = Fp.FromBigInteger(v[lane] * inverse32 % P * BigInteger.ModPow(BigInteger.One << 256, P - 2, P) % P);
                Assert.Equal(expected, FpVector4.GetLane(ref row[0], lane));
            }
        }
    }

    [Fact]
    public void Lane_out_reduces_at_every_quotient_boundary()
    {
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var rInverse = BigInteger.ModPow(BigInteger.One << 256, P - 2, P);
        var values = new List<BigInteger> { 0, 1, (BigInteger.One << 256) - 1, (BigInteger.One << 255) };
        for (int q = 1; q <= 5; q++)
        {
            values.Add((q * P) - 1);
            values.Add(q * P);
            values.Add((q * P) + 1);
        }
        for (int start = 0; start < values.Count; start += 4)
        {
            // A prepared row holds 32 t (low 5 bits zero); GetLane returns the Fp whose limbs are t mod p.
            var t = Enumerable.Range(0, 4).Select(lane => values[Math.Min(values.Count - 1, start + lane)]).ToArray();
            var row = Row(32 * t[0], 32 * t[1], 32 * t[2], 32 * t[3]);
            for (int lane = 0; lane < 4; lane++)
            {
                Assert.Equal(Fp.FromBigInteger(t[lane] % P * rInverse % P), FpVector4.GetLane(ref row[0], lane));
            }
        }
    }

    [Fact]
    public void SetRow_writes_what_four_SetLane_calls_write()
    {
        if (!FpVector4.IsSupported)
        {
            return;
        }
        var rng = new Random(13);
        var values = new List<Fp> { Fp.Zero, Fp.One, -Fp.One, Fp.FromBigInteger(P - 2), Fp.FromUInt64(ulong.MaxValue) };
        for (int i = 0; i < 20; i++)
        {
            values.Add(Fp.FromBigInteger(TestValues.RandomBelow(rng, P)));
        }
        for (int round = 0; round < values.Count; round++)
        {
            var x = Enumerable.Range(0, 4).Select(lane => values[(round + (lane * 7)) % values.Count]).ToArray();
            var byRow = new Vector256<ulong>[Limbs];
            var byLane = new Vector256<ulong>[Limbs];
            FpVector4.SetRow(ref byRow[0], in x[0], in x[1], in x[2], in x[3]);
            for (int lane = 0; lane < 4; lane++)
            {
                FpVector4.SetLane(ref byLane[0], lane, in x[lane]);
                // And the value itself: 32 times the Montgomery limbs.
                Assert.Equal(32 * new BigInteger(MemoryMarshalBytes(x[lane]), isUnsigned: true), Lane(byRow, lane));
            }
            Assert.Equal(byLane, byRow);
        }
    }

    private static byte[] MemoryMarshalBytes(Fp x)
    {
        var bytes = new byte[32];
        x.WriteMontgomeryLittleEndian(bytes);
        return bytes;
    }
}
