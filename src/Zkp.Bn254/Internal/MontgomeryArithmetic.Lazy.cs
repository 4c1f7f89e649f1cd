using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Zkp.Bn254.Internal;

/// <summary>A 512-bit unsigned integer as eight little-endian limbs: an unreduced double-width product.</summary>
internal struct Wide512
{
    public ulong W0, W1, W2, W3, W4, W5, W6, W7;
}

/// <summary>
/// Lazy reduction: double-width products that are added and subtracted as plain integers and
/// Montgomery-reduced once at the end. F_p2 multiplication uses this to spend two reductions
/// instead of three, and no modular additions in between.
/// </summary>
internal static partial class MontgomeryArithmetic<TModulus>
{
    /// <summary>result = a + b as integers, no reduction. Inputs &lt; 2^255 each (so no carry out).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddUnreduced(in Limbs256 a, in Limbs256 b, out Limbs256 result)
    {
        ulong carry = AddWithCarry(a.U0, b.U0, 0, out ulong t0);
        carry = AddWithCarry(a.U1, b.U1, carry, out ulong t1);
        carry = AddWithCarry(a.U2, b.U2, carry, out ulong t2);
        _ = AddWithCarry(a.U3, b.U3, carry, out ulong t3);
        result = new Limbs256(t0, t1, t2, t3);
    }

    /// <summary>result = a * b as a 512-bit integer (schoolbook, 16 limb products).</summary>
    // Not inlined: three inlined copies in one method exceed the 15 usable registers and spill.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MultiplyWide(in Limbs256 a, in Limbs256 b, out Wide512 result)
    {
        ulong a0 = a.U0, a1 = a.U1, a2 = a.U2, a3 = a.U3;
        ulong b1 = b.U1, b2 = b.U2, b3 = b.U3;
        ulong c = MultiplyAdd(a0, b.U0, 0, 0, out ulong r0);
        c = MultiplyAdd(a1, b.U0, 0, c, out ulong r1);
        c = MultiplyAdd(a2, b.U0, 0, c, out ulong r2);
        ulong r4 = MultiplyAdd(a3, b.U0, 0, c, out ulong r3);

        c = MultiplyAdd(a0, b1, r1, 0, out r1);
        c = MultiplyAdd(a1, b1, r2, c, out r2);
        c = MultiplyAdd(a2, b1, r3, c, out r3);
        ulong r5 = MultiplyAdd(a3, b1, r4, c, out r4);

        c = MultiplyAdd(a0, b2, r2, 0, out r2);
        c = MultiplyAdd(a1, b2, r3, c, out r3);
        c = MultiplyAdd(a2, b2, r4, c, out r4);
        ulong r6 = MultiplyAdd(a3, b2, r5, c, out r5);

        c = MultiplyAdd(a0, b3, r3, 0, out r3);
        c = MultiplyAdd(a1, b3, r4, c, out r4);
        c = MultiplyAdd(a2, b3, r5, c, out r5);
        ulong r7 = MultiplyAdd(a3, b3, r6, c, out r6);

        result.W0 = r0; result.W1 = r1; result.W2 = r2; result.W3 = r3;
        result.W4 = r4; result.W5 = r5; result.W6 = r6; result.W7 = r7;
    }

    /// <summary>
    /// result = a^2 as a 512-bit integer: the six cross products once, doubled by a shift, plus the
    /// four diagonal squares (10 limb products instead of 16). Each diagonal square is added with its
    /// low word's position and the carry from below in one multiply-accumulate (a_i^2 + r + k &lt; 2^128),
    /// and its high word into the next position with a single compare: the carry out of an addition of
    /// two words is 0 or 1, so the next step's addend k stays a bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SquareWide(in Limbs256 a, out Wide512 result)
    {
        ulong a0 = a.U0, a1 = a.U1, a2 = a.U2, a3 = a.U3;
        ulong c = MultiplyAdd(a0, a1, 0, 0, out ulong r1);
        c = MultiplyAdd(a0, a2, 0, c, out ulong r2);
        ulong r4 = MultiplyAdd(a0, a3, 0, c, out ulong r3);
        c = MultiplyAdd(a1, a2, r3, 0, out r3);
        ulong r5 = MultiplyAdd(a1, a3, r4, c, out r4);
        ulong r6 = MultiplyAdd(a2, a3, r5, 0, out r5);

        ulong r7 = r6 >> 63;
        r6 = (r6 << 1) | (r5 >> 63);
        r5 = (r5 << 1) | (r4 >> 63);
        r4 = (r4 << 1) | (r3 >> 63);
        r3 = (r3 << 1) | (r2 >> 63);
        r2 = (r2 << 1) | (r1 >> 63);
        r1 <<= 1;

        ulong high = MultiplyAdd(a0, a0, 0, 0, out ulong r0);
        if (Bmi2.X64.IsSupported)
        {
            ulong k = AddWord(r1, high, out r1);
            high = MultiplyAdd(a1, a1, r2, k, out r2);
            k = AddWord(r3, high, out r3);
            high = MultiplyAdd(a2, a2, r4, k, out r4);
            k = AddWord(r5, high, out r5);
            high = MultiplyAdd(a3, a3, r6, k, out r6);
            r7 += high; // a^2 < 2^512: no carry out
        }
        else
        {
            // Without BMI2 every limb product goes through Math.BigMul and memory; there the
            // squares taken alone and added with the general carry measured faster (94 against 99 ns).
            ulong carry = AddWithCarry(r1, high, 0, out r1);
            high = MultiplyAdd(a1, a1, 0, 0, out ulong low);
            carry = AddWithCarry(r2, low, carry, out r2);
            carry = AddWithCarry(r3, high, carry, out r3);
            high = MultiplyAdd(a2, a2, 0, 0, out low);
            carry = AddWithCarry(r4, low, carry, out r4);
            carry = AddWithCarry(r5, high, carry, out r5);
            high = MultiplyAdd(a3, a3, 0, 0, out low);
            carry = AddWithCarry(r6, low, carry, out r6);
            _ = AddWithCarry(r7, high, carry, out r7); // a^2 < 2^512: no carry out
        }

        result.W0 = r0; result.W1 = r1; result.W2 = r2; result.W3 = r3;
        result.W4 = r4; result.W5 = r5; result.W6 = r6; result.W7 = r7;
    }

    /// <summary>sum = a + b; returns the carry out (0 or 1). One compare, where <see cref="AddWithCarry"/> spends five operations on its general bit formula.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddWord(ulong a, ulong b, out ulong sum)
    {
        ulong s = a + b;
        sum = s;
        return s < b ? 1UL : 0UL;
    }

    /// <summary>a -= b as 512-bit integers; returns the borrow out (1 when b &gt; a).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong SubtractWide(ref Wide512 a, in Wide512 b)
    {
        ulong borrow = SubtractWithBorrow(a.W0, b.W0, 0, out a.W0);
        borrow = SubtractWithBorrow(a.W1, b.W1, borrow, out a.W1);
        borrow = SubtractWithBorrow(a.W2, b.W2, borrow, out a.W2);
        borrow = SubtractWithBorrow(a.W3, b.W3, borrow, out a.W3);
        borrow = SubtractWithBorrow(a.W4, b.W4, borrow, out a.W4);
        borrow = SubtractWithBorrow(a.W5, b.W5, borrow, out a.W5);
        borrow = SubtractWithBorrow(a.W6, b.W6, borrow, out a.W6);
        return SubtractWithBorrow(a.W7, b.W7, borrow, out a.W7);
    }

    /// <summary>
    /// Adds M * 2^256 to <paramref name="a"/> when <paramref name="mask"/> is all ones (no change when
    /// zero): after a wide subtraction that borrowed, this brings the value back into [0, M * 2^256)
    /// without changing its residue after reduction. Mask-based, no data-dependent branch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddModulusHighMasked(ref Wide512 a, ulong mask)
    {
        ulong carry = AddModulusLimb(a.W4, TModulus.M0 & mask, 0, out a.W4);
        carry = AddModulusLimb(a.W5, TModulus.M1 & mask, carry, out a.W5);
        carry = AddModulusLimb(a.W6, TModulus.M2 & mask, carry, out a.W6);
        _ = AddModulusLimb(a.W7, TModulus.M3 & mask, carry, out a.W7);
    }

    /// <summary>
    /// Montgomery reduction of a double-width value: result = t * R^-1 mod M, fully reduced.
    /// Requires t &lt; M * 2^256 (then (t + m M) / R &lt; 2M and one conditional subtraction suffices);
    /// callers guarantee this bound, it is not checked here.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ReduceWide(in Wide512 t, out Limbs256 result) => ReduceWideInlined(in t, out result);

    /// <remarks>
    /// Each round's carry c out of its top product is hi(m M3 + t + c') &lt; M3 + 2 &lt; 2^62, so c plus
    /// the pending carry bit from the round before cannot wrap: one addition and one compare carry
    /// them into the next high word (the general <see cref="AddWithCarry"/> took five operations more).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReduceWideInlined(in Wide512 t, out Limbs256 result)
    {
        ulong t0 = t.W0, t1 = t.W1, t2 = t.W2, t3 = t.W3, t4 = t.W4, t5 = t.W5, t6 = t.W6, t7 = t.W7;

        ulong m = t0 * TModulus.NegInverse;
        ulong c = CarryOfVanishingLimb(m, t0);
        c = MultiplyAdd(m, TModulus.M1, t1, c, out t1);
        c = MultiplyAdd(m, TModulus.M2, t2, c, out t2);
        c = MultiplyAdd(m, TModulus.M3, t3, c, out t3);
        ulong high = AddWord(t4, c, out t4);

        m = t1 * TModulus.NegInverse;
        c = CarryOfVanishingLimb(m, t1);
        c = MultiplyAdd(m, TModulus.M1, t2, c, out t2);
        c = MultiplyAdd(m, TModulus.M2, t3, c, out t3);
        c = MultiplyAdd(m, TModulus.M3, t4, c, out t4);
        high = AddWord(t5, c + high, out t5);

        m = t2 * TModulus.NegInverse;
        c = CarryOfVanishingLimb(m, t2);
        c = MultiplyAdd(m, TModulus.M1, t3, c, out t3);
        c = MultiplyAdd(m, TModulus.M2, t4, c, out t4);
        c = MultiplyAdd(m, TModulus.M3, t5, c, out t5);
        high = AddWord(t6, c + high, out t6);

        m = t3 * TModulus.NegInverse;
        c = CarryOfVanishingLimb(m, t3);
        c = MultiplyAdd(m, TModulus.M1, t4, c, out t4);
        c = MultiplyAdd(m, TModulus.M2, t5, c, out t5);
        c = MultiplyAdd(m, TModulus.M3, t6, c, out t6);
        t7 += c + high; // the bound on t keeps this below 2M < 2^256: no carry out

        ReduceOnce(t4, t5, t6, t7, out result);
    }

    /// <summary>result = M - a as an integer, no reduction: in (0, M] for a reduced input (M, not 0, when a = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NegateUnreduced(in Limbs256 a, out Limbs256 result)
    {
        ulong borrow = SubtractFromModulusLimb(TModulus.M0, a.U0, 0, out ulong t0);
        borrow = SubtractFromModulusLimb(TModulus.M1, a.U1, borrow, out ulong t1);
        borrow = SubtractFromModulusLimb(TModulus.M2, a.U2, borrow, out ulong t2);
        _ = SubtractFromModulusLimb(TModulus.M3, a.U3, borrow, out ulong t3);
        result = new Limbs256(t0, t1, t2, t3);
    }

    /// <summary>floor(2^266 / (M3 + 1)) &lt;= floor(2^266 / M): the quotient estimate of <see cref="NineTimesPlus"/>.</summary>
    private static readonly ulong QuotientScale = (ulong)((UInt128.One << 74) / ((UInt128)TModulus.M3 + 1));

    /// <summary>
    /// result = 9a + b mod M for a &lt; M and b &lt; 2M (b may be an unreduced sum or M - x), fully reduced.
    /// Replaces the three doublings, one addition and one more addition or subtraction (five modular
    /// reductions) of computing 9a + b with modular additions: t = 9a + b is formed exactly in five
    /// limbs (t &lt; 11M &lt; 2^258), the quotient t / M is estimated from t's top bits without a
    /// division, q = floor((t &gt;&gt; 250) K / 2^16) with K = floor(2^266 / (M3 + 1)), so that
    /// q &lt;= t / M and t - qM &lt; (2^250 / M + 2^-16 (t &gt;&gt; 250) + 1) M &lt; 1.1 M, and one conditional
    /// subtraction finishes. Valid for moduli below 2^254 (both BN254 primes); the bounds on a and b are the
    /// caller's (not checked). No data-dependent branch or table lookup: the estimate is arithmetic.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NineTimesPlus(in Limbs256 a, in Limbs256 b, out Limbs256 result)
    {
        ulong c = MultiplyAdd(a.U0, 9, b.U0, 0, out ulong t0);
        c = MultiplyAdd(a.U1, 9, b.U1, c, out ulong t1);
        c = MultiplyAdd(a.U2, 9, b.U2, c, out ulong t2);
        ulong t4 = MultiplyAdd(a.U3, 9, b.U3, c, out ulong t3);

        ulong q = (((t4 << 6) | (t3 >> 58)) * QuotientScale) >> 16;
        // t - qM lies in [0, 2M) and so fits in four limbs: the fifth limb of both cancels.
        c = MultiplyAdd(q, TModulus.M0, 0, 0, out ulong m0);
        c = MultiplyAdd(q, TModulus.M1, c, 0, out ulong m1);
        c = MultiplyAdd(q, TModulus.M2, c, 0, out ulong m2);
        ulong m3 = q * TModulus.M3 + c;
        ulong borrow = SubtractWithBorrow(t0, m0, 0, out t0);
        borrow = SubtractWithBorrow(t1, m1, borrow, out t1);
        borrow = SubtractWithBorrow(t2, m2, borrow, out t2);
        t3 = t3 - m3 - borrow;
        ReduceOnce(t0, t1, t2, t3, out result);
    }

    /// <summary>
    /// (a0 + a1 i)^2 with i^2 = -1 as c0 = (a0 + a1)(a0 - a1), c1 = (2 a0) a1: two Montgomery
    /// multiplications whose operands are left unreduced (a0 + a1, a0 + (M - a1) and 2 a0 all lie below
    /// 2M), which <see cref="Multiply"/> accepts; this saves the three conditional subtractions of
    /// reduced additions. Inputs must be reduced; outputs are reduced and may alias the inputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void SquareComplex(in Limbs256 a0, in Limbs256 a1, out Limbs256 c0, out Limbs256 c1)
    {
        AddUnreduced(in a0, in a1, out var sum);
        NegateUnreduced(in a1, out var negA1);
        AddUnreduced(in a0, in negA1, out var difference);
        AddUnreduced(in a0, in a0, out var twoA0);
        var a1Copy = a1; // c0 may alias a1
        MultiplyCall(in sum, in difference, out c0);
        MultiplyCall(in twoA0, in a1Copy, out c1);
    }

    /// <summary>
    /// <see cref="Multiply"/> as a call: two copies inlined into one method (the F_p2 squaring)
    /// exceed the registers and spill about 200 times; one copy per call spills about 30 times.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void MultiplyCall(in Limbs256 a, in Limbs256 b, out Limbs256 result) => Multiply(in a, in b, out result);

    /// <summary>
    /// One interleaved CIOS round of <see cref="SumOfProducts"/>: t = (t + a bi + c ci + m M) / 2^64
    /// with m chosen so the low limb vanishes. The two products go into the same four running limbs;
    /// their carries out of the top limb (ca, cc) and the reduction's (the last c) add up to the new
    /// top limb exactly, because the whole value after the shift is below 3M + 1 &lt; 2^256 (see
    /// <see cref="SumOfProducts"/>), so no fifth limb is needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumRound(in Limbs256 a, ulong bi, in Limbs256 c, ulong ci, ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3)
    {
        ulong k = MultiplyAdd(a.U0, bi, t0, 0, out ulong r0);
        k = MultiplyAdd(a.U1, bi, t1, k, out ulong r1);
        k = MultiplyAdd(a.U2, bi, t2, k, out ulong r2);
        ulong ca = MultiplyAdd(a.U3, bi, t3, k, out ulong r3);
        k = MultiplyAdd(c.U0, ci, r0, 0, out r0);
        k = MultiplyAdd(c.U1, ci, r1, k, out r1);
        k = MultiplyAdd(c.U2, ci, r2, k, out r2);
        ulong cc = MultiplyAdd(c.U3, ci, r3, k, out r3);
        ulong m = r0 * TModulus.NegInverse;
        k = CarryOfVanishingLimb(m, r0);
        k = MultiplyAdd(m, TModulus.M1, r1, k, out t0);
        k = MultiplyAdd(m, TModulus.M2, r2, k, out t1);
        k = MultiplyAdd(m, TModulus.M3, r3, k, out t2);
        t3 = ca + cc + k;
    }

    /// <summary>
    /// result = (a b + c d) R^-1 mod M, fully reduced, with one Montgomery reduction interleaved with
    /// both products (CIOS over the pair), never forming the 512-bit sum. Requires a, c &lt; M and
    /// b, d &lt;= M (d may be M - x for a reduced x, which is M when x = 0); callers guarantee this, it is
    /// not checked. Bound: if the running value T is below 3M before a round, then after it
    /// T' = (T + a bi + c di + m M) / 2^64 &lt; (3M + (2M + M)(2^64 - 1)) / 2^64 &lt; 3M + 1, and 3M &lt; 2^256
    /// because M &lt; 2^254; so four limbs hold it and the top limb's carries sum exactly. At the end
    /// T = (a b + c d + m M) / 2^256 &lt; (2M^2 + M 2^256) / 2^256 &lt; 1.5 M, so one conditional
    /// subtraction reduces it fully. The output may alias any input (all limbs of b and d are read
    /// before the result is written; a and c are only read).
    /// </summary>
    // Not inlined: F_p2 multiplication calls it twice, and two inlined copies spill (as for SquareComplex).
    [MethodImpl(MethodImplOptions.NoInlining)]
    // The output comes third so that its pointer, used once, takes the argument register (rdx) that
    // every MULX needs, instead of an operand's pointer that would then be spilled and reloaded.
    public static void SumOfProducts(in Limbs256 a, in Limbs256 b, out Limbs256 result, in Limbs256 c, in Limbs256 d)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        // The result is written only after the last round, so b and d can be read limb by limb
        // (reading them all first would keep six more values live and spill).
        SumRound(in a, b.U0, in c, d.U0, ref t0, ref t1, ref t2, ref t3);
        SumRound(in a, b.U1, in c, d.U1, ref t0, ref t1, ref t2, ref t3);
        SumRound(in a, b.U2, in c, d.U2, ref t0, ref t1, ref t2, ref t3);
        SumRound(in a, b.U3, in c, d.U3, ref t0, ref t1, ref t2, ref t3);
        ReduceOnce(t0, t1, t2, t3, out result);
    }

    /// <summary>
    /// (a0 + a1 i)(b0 + b1 i) with i^2 = -1 as two sums of products, each with one interleaved
    /// reduction (<see cref="SumOfProducts"/>): c0 = a0 b0 + a1 (M - b1), which is a0 b0 - a1 b1 plus a
    /// multiple of M and never negative, and c1 = a0 b1 + a1 b0. Four limb-level products instead of
    /// Karatsuba's three, but without its three 512-bit subtractions, two 256-bit additions and the
    /// stores and loads of three 512-bit intermediates, which cost more in C# (no add-with-carry) than
    /// the products they save. Without BMI2 (no MULX, so every limb product goes through
    /// <c>Math.BigMul</c> and memory) products cost about three times more and the fourth one does not
    /// pay: that path keeps <see cref="MultiplyComplexKaratsuba"/> (a JIT-time constant, no runtime
    /// test; pairing 3.0 against 3.2-3.3 ms with <c>DOTNET_EnableAVX2=0</c>, which also disables
    /// BMI2). Inputs must be reduced; outputs are reduced and may alias the inputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyComplex(
        in Limbs256 a0, in Limbs256 a1, in Limbs256 b0, in Limbs256 b1, out Limbs256 c0, out Limbs256 c1)
    {
        if (!Bmi2.X64.IsSupported)
        {
            MultiplyComplexKaratsuba(in a0, in a1, in b0, in b1, out c0, out c1);
            return;
        }
        NegateUnreduced(in b1, out var negB1);
        // c0 may alias a0, a1, b0 or b1, all of which the second sum still reads.
        SumOfProducts(in a0, in b0, out var r0, in a1, in negB1);
        SumOfProducts(in a0, in b1, out c1, in a1, in b0);
        c0 = r0;
    }

    /// <summary>
    /// (a0 + a1 i)(b0 + b1 i) with i^2 = -1, by Karatsuba on double-width products:
    /// c0 = a0 b0 - a1 b1, c1 = (a0 + a1)(b0 + b1) - a0 b0 - a1 b1, each reduced once.
    /// Bounds: c1 = a0 b1 + a1 b0 &lt; 2M^2 and c0 + M R (when negative) lie below M R, as
    /// <see cref="ReduceWide"/> requires. Outputs may alias inputs (all are read first).
    /// The F_p2 multiplication without BMI2, and with it the tests' second reference for
    /// <see cref="MultiplyComplex"/>.
    /// </summary>
    internal static void MultiplyComplexKaratsuba(
        in Limbs256 a0, in Limbs256 a1, in Limbs256 b0, in Limbs256 b1, out Limbs256 c0, out Limbs256 c1)
    {
        AddUnreduced(in a0, in a1, out var sumA);
        AddUnreduced(in b0, in b1, out var sumB);
        MultiplyWide(in a0, in b0, out var v0);
        MultiplyWide(in a1, in b1, out var v1);
        MultiplyWide(in sumA, in sumB, out var cross);
        _ = SubtractWide(ref cross, in v0);
        _ = SubtractWide(ref cross, in v1);
        ulong negative = SubtractWide(ref v0, in v1);
        AddModulusHighMasked(ref v0, 0UL - negative);
        ReduceWide(in v0, out c0);
        ReduceWide(in cross, out c1);
    }
}
