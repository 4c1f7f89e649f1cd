using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Zkp.Bn254.Internal;

/// <summary>
/// Arithmetic modulo a 254-bit prime on four 64-bit limbs in Montgomery form (R = 2^256).
/// Shared by <see cref="Fp"/> and <see cref="Fr"/>; all operations are branch-free in the values
/// (the conditional subtractions use masks) and never allocate. Inputs must be fully reduced (&lt; M);
/// outputs are fully reduced. Every method reads all inputs before writing its output, so an output
/// may alias an input.
/// </summary>
internal static partial class MontgomeryArithmetic<TModulus>
    where TModulus : struct, IMontgomeryModulus
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddWithCarry(ulong a, ulong b, ulong carryIn, out ulong sum)
    {
        ulong s = a + b + carryIn;
        sum = s;
        return ((a & b) | ((a | b) & ~s)) >> 63;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubtractWithBorrow(ulong a, ulong b, ulong borrowIn, out ulong difference)
    {
        ulong d = a - b - borrowIn;
        difference = d;
        return ((~a & b) | (~(a ^ b) & d)) >> 63;
    }

    /// <summary>hi:lo = a*b + c + d; cannot overflow 128 bits.</summary>
    /// <remarks>
    /// With BMI2 the high half comes from MULX and the low half from a second (cheap, pipelined)
    /// IMUL: Math.BigMul's "out low" forces the low word through memory, which measured about
    /// three times slower for the whole Montgomery multiplication.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyAdd(ulong a, ulong b, ulong c, ulong d, out ulong lo)
    {
        ulong hi;
        ulong l;
        if (Bmi2.X64.IsSupported)
        {
            hi = Bmi2.X64.MultiplyNoFlags(a, b);
            l = a * b;
        }
        else
        {
            hi = Math.BigMul(a, b, out l);
        }
        l += c;
        hi += l < c ? 1UL : 0UL;
        l += d;
        hi += l < d ? 1UL : 0UL;
        lo = l;
        return hi;
    }

    /// <summary>
    /// Borrow out of t - m - borrowIn where m is a limb of the modulus. No limb of either BN254 modulus
    /// is 2^64 - 1, so m + borrowIn cannot wrap and one comparison gives the borrow: about a third fewer
    /// instructions than the general <see cref="SubtractWithBorrow"/>, in the reduction every addition
    /// and multiplication ends with.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubtractModulusLimb(ulong t, ulong m, ulong borrowIn, out ulong difference)
    {
        ulong subtrahend = m + borrowIn;
        difference = t - subtrahend;
        return t < subtrahend ? 1UL : 0UL;
    }

    /// <summary>
    /// Carry out of t + m + carryIn where m is a modulus limb or zero: m + carryIn cannot wrap (no
    /// modulus limb is 2^64 - 1), so one comparison gives the carry.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddModulusLimb(ulong t, ulong m, ulong carryIn, out ulong sum)
    {
        ulong addend = m + carryIn;
        ulong s = t + addend;
        sum = s;
        return s < addend ? 1UL : 0UL;
    }

    /// <summary>
    /// Borrow out of m - a - borrowIn where m is a modulus limb: m - borrowIn cannot wrap (no modulus
    /// limb is zero), so the borrow is one comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubtractFromModulusLimb(ulong m, ulong a, ulong borrowIn, out ulong difference)
    {
        ulong minuend = m - borrowIn;
        difference = minuend - a;
        return a > minuend ? 1UL : 0UL;
    }

    /// <summary>
    /// Subtracts M once if t &gt;= M. Requires t &lt; 2M (not checked; every caller states its bound).
    /// Mask-based, no data-dependent branch. The top limb's borrow is not computed: t &lt; 2M &lt; 2^255,
    /// so s = t - M lies in (-M, M), well inside the signed 256-bit range, and the top bit of its
    /// top limb is its sign. An arithmetic shift of that limb gives the mask directly, one link
    /// (compare, set, extend, negate) shorter on the dependency chain every multiplication ends with.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReduceOnce(ulong t0, ulong t1, ulong t2, ulong t3, out Limbs256 result)
    {
        ulong borrow = SubtractModulusLimb(t0, TModulus.M0, 0, out ulong s0);
        borrow = SubtractModulusLimb(t1, TModulus.M1, borrow, out ulong s1);
        borrow = SubtractModulusLimb(t2, TModulus.M2, borrow, out ulong s2);
        ulong s3 = t3 - TModulus.M3 - borrow;
        ulong keepT = (ulong)((long)s3 >> 63); // all ones when t < M
        result = new Limbs256(
            (t0 & keepT) | (s0 & ~keepT),
            (t1 & keepT) | (s1 & ~keepT),
            (t2 & keepT) | (s2 & ~keepT),
            (t3 & keepT) | (s3 & ~keepT));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in Limbs256 a, in Limbs256 b, out Limbs256 result)
    {
        // a + b < 2M < 2^255: no carry out of the top limb.
        ulong carry = AddWithCarry(a.U0, b.U0, 0, out ulong t0);
        carry = AddWithCarry(a.U1, b.U1, carry, out ulong t1);
        carry = AddWithCarry(a.U2, b.U2, carry, out ulong t2);
        _ = AddWithCarry(a.U3, b.U3, carry, out ulong t3);
        ReduceOnce(t0, t1, t2, t3, out result);
    }

    /// <summary>
    /// result = 2a mod M for reduced a (not checked): a one-bit shift across the limbs (about three
    /// operations a limb where the addition's carry formula takes seven), then one conditional
    /// subtraction. 2a &lt; 2M &lt; 2^255, so no bit is shifted out and ReduceOnce's bound holds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Double(in Limbs256 a, out Limbs256 result)
    {
        ulong a0 = a.U0, a1 = a.U1, a2 = a.U2, a3 = a.U3;
        ReduceOnce(a0 << 1, (a1 << 1) | (a0 >> 63), (a2 << 1) | (a1 >> 63), (a3 << 1) | (a2 >> 63), out result);
    }

    /// <summary>
    /// result = a - b mod M for reduced a, b (not checked). a - b lies in (-M, M), inside the signed
    /// 256-bit range (M &lt; 2^254), so the sign bit of the top limb of the difference is the borrow
    /// out: an arithmetic shift gives the add-back mask without the fourth borrow computation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(in Limbs256 a, in Limbs256 b, out Limbs256 result)
    {
        ulong borrow = SubtractWithBorrow(a.U0, b.U0, 0, out ulong t0);
        borrow = SubtractWithBorrow(a.U1, b.U1, borrow, out ulong t1);
        borrow = SubtractWithBorrow(a.U2, b.U2, borrow, out ulong t2);
        ulong t3 = a.U3 - b.U3 - borrow;
        ulong addBack = (ulong)((long)t3 >> 63); // all ones when a < b: add M back
        ulong carry = AddModulusLimb(t0, TModulus.M0 & addBack, 0, out t0);
        carry = AddModulusLimb(t1, TModulus.M1 & addBack, carry, out t1);
        carry = AddModulusLimb(t2, TModulus.M2 & addBack, carry, out t2);
        _ = AddModulusLimb(t3, TModulus.M3 & addBack, carry, out t3);
        result = new Limbs256(t0, t1, t2, t3);
    }

    /// <summary>
    /// result = a / 2 mod M for reduced a: a + M when a is odd (masked, no branch), then a one-bit
    /// shift. The sum is below 2M &lt; 2^255, so nothing is lost; the result is below M. Montgomery form
    /// is linear, so halving the limbs halves the value. Replaces a multiplication by 1/2.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Halve(in Limbs256 a, out Limbs256 result)
    {
        ulong odd = 0UL - (a.U0 & 1);
        ulong carry = AddModulusLimb(a.U0, TModulus.M0 & odd, 0, out ulong t0);
        carry = AddModulusLimb(a.U1, TModulus.M1 & odd, carry, out ulong t1);
        carry = AddModulusLimb(a.U2, TModulus.M2 & odd, carry, out ulong t2);
        _ = AddModulusLimb(a.U3, TModulus.M3 & odd, carry, out ulong t3);
        result = new Limbs256(
            (t0 >> 1) | (t1 << 63),
            (t1 >> 1) | (t2 << 63),
            (t2 >> 1) | (t3 << 63),
            t3 >> 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Negate(in Limbs256 a, out Limbs256 result)
    {
        ulong borrow = SubtractFromModulusLimb(TModulus.M0, a.U0, 0, out ulong t0);
        borrow = SubtractFromModulusLimb(TModulus.M1, a.U1, borrow, out ulong t1);
        borrow = SubtractFromModulusLimb(TModulus.M2, a.U2, borrow, out ulong t2);
        _ = SubtractFromModulusLimb(TModulus.M3, a.U3, borrow, out ulong t3);
        // -0 must be 0, not M.
        ulong nonZero = (a.U0 | a.U1 | a.U2 | a.U3) == 0 ? 0UL : ulong.MaxValue;
        result = new Limbs256(t0 & nonZero, t1 & nonZero, t2 & nonZero, t3 & nonZero);
    }

    /// <summary>
    /// High word of m*M0 + t for m = t * NegInverse: the low word is zero by construction
    /// (m*M0 = -t mod 2^64), so the sum carries exactly when t is nonzero. Saves the low product
    /// and one addition per reduction round.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong CarryOfVanishingLimb(ulong m, ulong t)
    {
        ulong hi = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(m, TModulus.M0) : Math.BigMul(m, TModulus.M0, out _);
        return hi + (t != 0 ? 1UL : 0UL);
    }

    /// <summary>
    /// One CIOS round: t = (t + a*bi + m*M) / 2^64 with m chosen so the low limb vanishes.
    /// Uses the "no final carry" variant (valid because M3 &lt; 2^63 - 1, as for both BN254 primes),
    /// so the running value stays in four limbs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(in Limbs256 a, ulong bi, ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3)
    {
        ulong c = MultiplyAdd(a.U0, bi, t0, 0, out ulong r0);
        ulong m = r0 * TModulus.NegInverse;
        ulong c2 = CarryOfVanishingLimb(m, r0);
        c = MultiplyAdd(a.U1, bi, t1, c, out ulong r1);
        c2 = MultiplyAdd(m, TModulus.M1, r1, c2, out t0);
        c = MultiplyAdd(a.U2, bi, t2, c, out ulong r2);
        c2 = MultiplyAdd(m, TModulus.M2, r2, c2, out t1);
        c = MultiplyAdd(a.U3, bi, t3, c, out ulong r3);
        c2 = MultiplyAdd(m, TModulus.M3, r3, c2, out t2);
        t3 = c + c2;
    }

    /// <summary>
    /// result = a * b * R^-1 mod M, fully reduced. Besides reduced inputs this accepts unreduced ones
    /// below 2M (sums of two reduced values), which the lazy F_p2 squaring relies on: with M &lt; R/4
    /// the running value stays below 3M &lt; 2^256 in every round and ends below
    /// (4M^2 + M R)/R &lt; 2M, so the one conditional subtraction still reduces it fully.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Multiply(in Limbs256 a, in Limbs256 b, out Limbs256 result)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        ulong b1 = b.U1, b2 = b.U2, b3 = b.U3; // read b before anything else in case it aliases result
        Round(in a, b.U0, ref t0, ref t1, ref t2, ref t3);
        Round(in a, b1, ref t0, ref t1, ref t2, ref t3);
        Round(in a, b2, ref t0, ref t1, ref t2, ref t3);
        Round(in a, b3, ref t0, ref t1, ref t2, ref t3);
        ReduceOnce(t0, t1, t2, t3, out result);
    }

    /// <summary>
    /// result = a^2 * R^-1 mod M: dedicated squaring, then one reduction, fully reduced. Accepts
    /// unreduced a below 2M as <see cref="Multiply"/> does (a^2 &lt; 4M^2 &lt; M R because 4M &lt; R, which
    /// is what ReduceWide requires; not checked, MontgomeryKernelTests drives such operands).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Square(in Limbs256 a, out Limbs256 result)
    {
        SquareWide(in a, out var wide);
        ReduceWideInlined(in wide, out result);
    }

    /// <summary>Montgomery reduction of a single-width value: result = a * R^-1 mod M (leaves Montgomery form).</summary>
    public static void FromMontgomery(in Limbs256 a, out Limbs256 result)
    {
        var one = new Limbs256(1, 0, 0, 0);
        Multiply(in a, in one, out result);
    }

    public static void ToMontgomery(in Limbs256 canonical, out Limbs256 result)
    {
        var r2 = TModulus.RSquared;
        Multiply(in canonical, in r2, out result);
    }

    /// <summary>Constant-time equality of two reduced values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Equal(in Limbs256 a, in Limbs256 b) =>
        ((a.U0 ^ b.U0) | (a.U1 ^ b.U1) | (a.U2 ^ b.U2) | (a.U3 ^ b.U3)) == 0;

    /// <summary>True when the little-endian integer is strictly below M.</summary>
    public static bool IsCanonical(in Limbs256 value)
    {
        ulong borrow = SubtractWithBorrow(value.U0, TModulus.M0, 0, out _);
        borrow = SubtractWithBorrow(value.U1, TModulus.M1, borrow, out _);
        borrow = SubtractWithBorrow(value.U2, TModulus.M2, borrow, out _);
        borrow = SubtractWithBorrow(value.U3, TModulus.M3, borrow, out _);
        return borrow == 1;
    }

    /// <summary>
    /// base^exponent by left-to-right square-and-multiply. Variable time in the exponent
    /// (its bit length and bits), constant time in the base: use only with public exponents.
    /// </summary>
    public static void Pow(in Limbs256 value, in Limbs256 exponent, out Limbs256 result)
    {
        Limbs256 acc = TModulus.RModM;
        Limbs256 b = value;
        for (int i = exponent.BitLength - 1; i >= 0; i--)
        {
            Square(in acc, out acc);
            if (exponent.Bit(i) == 1)
            {
                Multiply(in acc, in b, out acc);
            }
        }
        result = acc;
    }

    /// <summary>Width of the sliding window of <see cref="InvertByFermat"/> over M - 2.</summary>
    private const int InverseWindow = 5;

    /// <summary>
    /// The sliding-window schedule of M - 2, most significant first: each step squares
    /// <c>Squarings</c> times, then multiplies by a^Digit when Digit (odd) is non-zero. It depends only
    /// on the public modulus.
    /// </summary>
    private static readonly (int Squarings, int Digit)[] InverseSchedule = BuildWindowSchedule(TModulus.Modulus - 2, InverseWindow);

    internal static (int Squarings, int Digit)[] BuildWindowSchedule(BigInteger exponent, int window)
    {
        var bits = new List<int>();
        for (long i = (long)exponent.GetBitLength() - 1; i >= 0; i--)
        {
            bits.Add((exponent >> (int)i).IsEven ? 0 : 1);
        }
        var steps = new List<(int Squarings, int Digit)>();
        int pendingSquarings = 0;
        int index = 0;
        while (index < bits.Count)
        {
            if (bits[index] == 0)
            {
                pendingSquarings++;
                index++;
                continue;
            }
            int end = Math.Min(index + window, bits.Count);
            while (bits[end - 1] == 0)
            {
                end--;
            }
            int digit = 0;
            for (int k = index; k < end; k++)
            {
                digit = (digit << 1) | bits[k];
            }
            steps.Add((pendingSquarings + (end - index), digit));
            pendingSquarings = 0;
            index = end;
        }
        if (pendingSquarings > 0)
        {
            steps.Add((pendingSquarings, 0));
        }
        return [.. steps];
    }

    /// <summary>
    /// Inverse by Fermat's little theorem, a^(M-2), with a sliding window of width 5 over the fixed
    /// exponent: 253 squarings and 54 multiplications for p (57 for r) where square-and-multiply
    /// needed 109 (126). The sequence of operations depends only on the public modulus, so it is
    /// constant time in a (the odd-power table is indexed by exponent digits, never by a). The inverse
    /// of zero comes out as zero; callers that must reject zero check first. result may alias a.
    /// It was <see cref="Invert"/> until the divstep inversion (MontgomeryArithmetic.Inversion.cs),
    /// about five times faster, replaced it; kept as a second reference for the tests.
    /// </summary>
    internal static void InvertByFermat(in Limbs256 a, out Limbs256 result)
    {
        Span<Limbs256> oddPowers = stackalloc Limbs256[1 << (InverseWindow - 1)]; // a, a^3, ..., a^31
        oddPowers[0] = a;
        Square(in a, out var square);
        for (int i = 1; i < oddPowers.Length; i++)
        {
            Multiply(in oddPowers[i - 1], in square, out oddPowers[i]);
        }
        var schedule = InverseSchedule;
        // The top step has no squarings to do on the first window's value (M - 2 starts with a one bit).
        Limbs256 acc = oddPowers[schedule[0].Digit >> 1];
        for (int step = 1; step < schedule.Length; step++)
        {
            for (int k = 0; k < schedule[step].Squarings; k++)
            {
                Square(in acc, out acc);
            }
            int digit = schedule[step].Digit;
            if (digit != 0)
            {
                Multiply(in acc, in oddPowers[digit >> 1], out acc);
            }
        }
        result = acc;
    }

    /// <summary>a^(M-2) by plain square-and-multiply: the reference <see cref="Invert"/> is tested against.</summary>
    internal static void InvertBySquareAndMultiply(in Limbs256 a, out Limbs256 result)
    {
        var exponent = new Limbs256(TModulus.M0 - 2, TModulus.M1, TModulus.M2, TModulus.M3);
        Pow(in a, in exponent, out result);
    }

    public static BigInteger ModulusValue => TModulus.Modulus;
}
