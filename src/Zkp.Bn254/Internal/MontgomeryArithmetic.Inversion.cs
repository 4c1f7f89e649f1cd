using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Zkp.Bn254.Internal;

/// <summary>
/// Constant-time modular inversion by Bernstein and Yang's division steps ("safegcd", Bernstein and
/// Yang, "Fast constant-time gcd computation and modular inversion", 2019), in the half-delta form
/// and with the batching, sign-folding and normalisation described in libsecp256k1's
/// doc/safegcd_implementation.md. Written from those descriptions for this type's limbs.
/// </summary>
/// <remarks>
/// Numbers here are signed and held in five 62-bit limbs (limbs 0 to 3 in [0, 2^62), limb 4 signed
/// and carrying the sign): 62 leaves two spare bits in a 64-bit word, so a batch of divisions by two
/// is one shift of a 128-bit accumulator and no limb ever needs a carry chain.
/// </remarks>
internal static partial class MontgomeryArithmetic<TModulus>
    where TModulus : struct, IMontgomeryModulus
{
    /// <summary>Divsteps per batch: 59 keeps every entry of the scaled transition matrix within 2^62.</summary>
    internal const int DivstepsPerBatch = 59;

    /// <summary>Batches per inversion; see <see cref="InverseDivsteps"/>.</summary>
    internal const int DivstepBatches = 10;

    /// <summary>
    /// Divsteps run by every inversion, whatever the input: 590. For the half-delta divstep
    /// (delta starting at 1/2) 590 steps bring g to zero for every 0 &lt;= g &lt;= f &lt;= M with M up to
    /// 0x101c840faed222b9ef3bfe933011b277f84ee3d3f6dc8b496d8cd75b8315afec2 (a little above 2^256),
    /// a bound machine-checked in Coq (sipa/safegcd-bounds, coq/hddivsteps/hddivsteps590.v) and the one
    /// libsecp256k1 relies on. The same repository's formula floor((3787 log2 M + 2166) / 1644) gives
    /// 586 for M &lt; 2^254 (both BN254 primes); Bernstein and Yang's own Theorem 11.2, for the original
    /// delta = 1 divstep, would need 741. Extra divsteps after g reaches zero change nothing but delta.
    /// </summary>
    internal const int InverseDivsteps = DivstepsPerBatch * DivstepBatches;

    private const ulong Mask62 = (1UL << 62) - 1;

    // The modulus in 62-bit limbs (all non-negative; the top one holds bits 248 to 253).
    private static readonly ulong ModulusLimb0 = TModulus.M0 & Mask62;
    private static readonly ulong ModulusLimb1 = ((TModulus.M0 >> 62) | (TModulus.M1 << 2)) & Mask62;
    private static readonly ulong ModulusLimb2 = ((TModulus.M1 >> 60) | (TModulus.M2 << 4)) & Mask62;
    private static readonly ulong ModulusLimb3 = ((TModulus.M2 >> 58) | (TModulus.M3 << 6)) & Mask62;
    private static readonly ulong ModulusLimb4 = TModulus.M3 >> 56;

    /// <summary>M^-1 mod 2^62: picks the multiple of M that clears the low 62 bits in each d/e update.</summary>
    private static readonly ulong ModulusInverse62 = (ulong)(BigInteger.ModPow(TModulus.Modulus, (BigInteger.One << 61) - 1, BigInteger.One << 62));

    /// <summary>
    /// R^3 mod M. The divsteps give the plain inverse x^-1 of the limbs x = aR; the Montgomery form of
    /// a^-1 is a^-1 R = x^-1 R^2, one Montgomery multiplication (which divides by R) by R^3 away.
    /// The d/e updates divide by 2^62 exactly modulo M, so no other power of two needs undoing.
    /// </summary>
    private static readonly Limbs256 RCubed = Limbs256.FromBigInteger(BigInteger.ModPow(BigInteger.One << 256, 3, TModulus.Modulus));

    /// <summary>
    /// Montgomery-form inverse: for limbs a = xR returns x^-1 R; zero maps to zero (there the divsteps
    /// leave d = 0), which the <c>InvertOrZero</c> callers rely on. Constant time in a: always
    /// <see cref="InverseDivsteps"/> divsteps, no branch or memory index depends on a (conditions are
    /// masks built from sign bits and low bits). a must be fully reduced (&lt; M), as every Fp/Fr is;
    /// that is not checked here (the divstep bound assumes g &lt;= f = M). result may alias a.
    /// Compiled fully optimised from the first call (AggressiveOptimization): its tier-0 code is about
    /// five times slower than Fermat and, with everything inlined into one method with loops, tier-up
    /// was observed not to happen within thousands of calls on a loaded machine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Invert(in Limbs256 a, out Limbs256 result)
    {
        var f = new Signed62(ModulusLimb0, ModulusLimb1, ModulusLimb2, ModulusLimb3, (long)ModulusLimb4);
        var g = new Signed62(
            a.U0 & Mask62,
            ((a.U0 >> 62) | (a.U1 << 2)) & Mask62,
            ((a.U1 >> 60) | (a.U2 << 4)) & Mask62,
            ((a.U2 >> 58) | (a.U3 << 6)) & Mask62,
            (long)(a.U3 >> 56));
        // Invariants (Bernstein-Yang / libsecp256k1 section 2): f = d*a and g = e*a modulo M.
        var d = new Signed62(0, 0, 0, 0, 0);
        var e = new Signed62(1, 0, 0, 0, 0);
        long zeta = -1; // zeta = -(delta + 1/2) with delta starting at 1/2
        for (int batch = 0; batch < DivstepBatches; batch++)
        {
            zeta = Divsteps59(zeta, f.L0 | (f.L1 << 62), g.L0 | (g.L1 << 62), out var matrix);
            UpdateDE(ref d, ref e, in matrix);
            UpdateFG(ref f, ref g, in matrix);
        }
        // g is now 0 and f = +-gcd = +-1 (or f = M when a = 0, with d = 0), so a^-1 = d * f.
        NormalizeToLimbs(in d, f.L4 >> 63, out var plainInverse);
        Multiply(in plainInverse, in RCubed, out result);
    }

    /// <summary>A signed number in 62-bit limbs: L0..L3 in [0, 2^62) once normalised, L4 signed.</summary>
    private struct Signed62(ulong l0, ulong l1, ulong l2, ulong l3, long l4)
    {
        public ulong L0 = l0;
        public ulong L1 = l1;
        public ulong L2 = l2;
        public ulong L3 = l3;
        public long L4 = l4;
    }

    /// <summary>A batch's transition matrix [[U, V], [Q, R]], scaled by 2^62.</summary>
    private readonly struct Transition(long u, long v, long q, long r)
    {
        public readonly long U = u;
        public readonly long V = v;
        public readonly long Q = q;
        public readonly long R = r;
    }

    /// <summary>
    /// 59 half-delta divsteps on the low 64 bits of f and g (the first k divsteps depend only on the
    /// low k bits), returning the new zeta and the matrix t with 2^62 [f', g'] = t [f, g]. Branch-free:
    /// a divstep is "if g is odd, add -f (zeta &lt; 0) or f to g; if both, also swap roles (f += new g,
    /// zeta = ~zeta); then halve g", with each condition a 0/-1 mask. The matrix starts at 8 = 2^3
    /// so that after 59 doublings of U and V the scale is 2^62, matching the limb size; every entry
    /// stays within 2^62 in absolute value (|U| + |V| &lt;= 2^62, Bernstein-Yang 8.3).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Divsteps59(long zeta, ulong f, ulong g, out Transition matrix)
    {
        long u = 8, v = 0, q = 0, r = 8;
        long fs = (long)f, gs = (long)g;
        for (int i = 0; i < DivstepsPerBatch; i++)
        {
            long negate = zeta >> 63;          // -1 when delta > 0
            long odd = -(gs & 1);              // -1 when g is odd
            long x = (fs ^ negate) - negate;   // -f or f
            long y = (u ^ negate) - negate;
            long z = (v ^ negate) - negate;
            gs += x & odd;
            q += y & odd;
            r += z & odd;
            long swap = negate & odd;          // delta > 0 and g odd: f takes g's old value
            zeta = (zeta ^ swap) - 1;          // ~zeta - 1 = -zeta - 2 (delta -> 1 - delta), else zeta - 1
            fs += gs & swap;
            u += q & swap;
            v += r & swap;
            gs >>= 1;
            u <<= 1;
            v <<= 1;
        }
        matrix = new Transition(u, v, q, r);
        return zeta;
    }

    /// <summary>Signed 64 x unsigned (&lt; 2^63) 64 product as hi:lo, added to the accumulator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateSignedUnsigned(long a, ulong b, ref ulong lo, ref long hi)
    {
        ulong ua = (ulong)a;
        ulong productHigh = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(ua, b) : Math.BigMul(ua, b, out _);
        ulong productLow = ua * b;
        // Unsigned high word minus b when a is negative gives the signed high word.
        long signedHigh = (long)productHigh - (long)(b & (ulong)(a >> 63));
        ulong sum = lo + productLow;
        hi += signedHigh + (long)(sum < productLow ? 1UL : 0UL);
        lo = sum;
    }

    /// <summary>Signed 64 x signed 64 product added to the accumulator hi:lo.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateSigned(long a, long b, ref ulong lo, ref long hi)
    {
        ulong ua = (ulong)a, ub = (ulong)b;
        ulong productHigh = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(ua, ub) : Math.BigMul(ua, ub, out _);
        ulong productLow = ua * ub;
        long signedHigh = (long)productHigh - (b & (a >> 63)) - (a & (b >> 63));
        ulong sum = lo + productLow;
        hi += signedHigh + (long)(sum < productLow ? 1UL : 0UL);
        lo = sum;
    }

    /// <summary>Arithmetic shift right by 62 of the 128-bit accumulator hi:lo.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Shift62(ref ulong lo, ref long hi)
    {
        lo = (lo >> 62) | ((ulong)hi << 2);
        hi >>= 62;
    }

    /// <summary>
    /// [f, g] = t [f, g] / 2^62, exact (the divsteps made t [f, g] a multiple of 2^62). |f|, |g| stay
    /// at most M, so the 128-bit accumulators (|U f_i + V g_i| &lt; 2^124 per limb) never overflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateFG(ref Signed62 f, ref Signed62 g, in Transition t)
    {
        ulong cfLo = 0, cgLo = 0;
        long cfHi = 0, cgHi = 0;
        AccumulateSignedUnsigned(t.U, f.L0, ref cfLo, ref cfHi);
        AccumulateSignedUnsigned(t.V, g.L0, ref cfLo, ref cfHi);
        AccumulateSignedUnsigned(t.Q, f.L0, ref cgLo, ref cgHi);
        AccumulateSignedUnsigned(t.R, g.L0, ref cgLo, ref cgHi);
        Shift62(ref cfLo, ref cfHi);
        Shift62(ref cgLo, ref cgHi);

        AccumulateSignedUnsigned(t.U, f.L1, ref cfLo, ref cfHi);
        AccumulateSignedUnsigned(t.V, g.L1, ref cfLo, ref cfHi);
        AccumulateSignedUnsigned(t.Q, f.L1, ref cgLo, ref cgHi);
        AccumulateSignedUnsigned(t.R, g.L1, ref cgLo, ref cgHi);
        ulong f0 = cfLo & Mask62, g0 = cgLo & Mask62;
        Shift62(ref cfLo, ref cfHi);
        Shift62(ref cgLo, ref cgHi);

        AccumulateSignedUnsigned(t.U, f.L2, ref cfLo, ref cfHi);
        AccumulateSignedUnsigned(t.V, g.L2, ref cfLo, ref cfHi);
        AccumulateSignedUnsigned(t.Q, f.L2, ref cgLo, ref cgHi);
        AccumulateSignedUnsigned(t.R, g.L2, ref cgLo, ref cgHi);
        ulong f1 = cfLo & Mask62, g1 = cgLo & Mask62;
        Shift62(ref cfLo, ref cfHi);
        Shift62(ref cgLo, ref cgHi);

        AccumulateSignedUnsigned(t.U, f.L3, ref cfLo, ref cfHi);
        AccumulateSignedUnsigned(t.V, g.L3, ref cfLo, ref cfHi);
        AccumulateSignedUnsigned(t.Q, f.L3, ref cgLo, ref cgHi);
        AccumulateSignedUnsigned(t.R, g.L3, ref cgLo, ref cgHi);
        ulong f2 = cfLo & Mask62, g2 = cgLo & Mask62;
        Shift62(ref cfLo, ref cfHi);
        Shift62(ref cgLo, ref cgHi);

        AccumulateSigned(t.U, f.L4, ref cfLo, ref cfHi);
        AccumulateSigned(t.V, g.L4, ref cfLo, ref cfHi);
        AccumulateSigned(t.Q, f.L4, ref cgLo, ref cgHi);
        AccumulateSigned(t.R, g.L4, ref cgLo, ref cgHi);
        ulong f3 = cfLo & Mask62, g3 = cgLo & Mask62;
        Shift62(ref cfLo, ref cfHi);
        Shift62(ref cgLo, ref cgHi);

        f = new Signed62(f0, f1, f2, f3, (long)cfLo);
        g = new Signed62(g0, g1, g2, g3, (long)cgLo);
    }

    /// <summary>
    /// [d, e] = t [d, e] / 2^62 modulo M, keeping d and e in (-2M, M) (libsecp256k1 section 4): a
    /// negative input is counted as itself plus M by adding its matrix column to the multiples of M,
    /// then the multiple is adjusted by less than 2^62 so the low 62 bits cancel and the division is a
    /// shift. |md|, |me| &lt; 2^63, so each limb's sum stays below 2^126 in absolute value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateDE(ref Signed62 d, ref Signed62 e, in Transition t)
    {
        long dNegative = d.L4 >> 63, eNegative = e.L4 >> 63;
        long md = (t.U & dNegative) + (t.V & eNegative);
        long me = (t.Q & dNegative) + (t.R & eNegative);

        ulong cdLo = 0, ceLo = 0;
        long cdHi = 0, ceHi = 0;
        AccumulateSignedUnsigned(t.U, d.L0, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(t.V, e.L0, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(t.Q, d.L0, ref ceLo, ref ceHi);
        AccumulateSignedUnsigned(t.R, e.L0, ref ceLo, ref ceHi);
        // md := md - ((M^-1 cd + md) mod 2^62), so that cd + md M = 0 mod 2^62.
        md -= (long)((ModulusInverse62 * cdLo + (ulong)md) & Mask62);
        me -= (long)((ModulusInverse62 * ceLo + (ulong)me) & Mask62);
        AccumulateSignedUnsigned(md, ModulusLimb0, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(me, ModulusLimb0, ref ceLo, ref ceHi);
        Shift62(ref cdLo, ref cdHi);
        Shift62(ref ceLo, ref ceHi);

        AccumulateSignedUnsigned(t.U, d.L1, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(t.V, e.L1, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(md, ModulusLimb1, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(t.Q, d.L1, ref ceLo, ref ceHi);
        AccumulateSignedUnsigned(t.R, e.L1, ref ceLo, ref ceHi);
        AccumulateSignedUnsigned(me, ModulusLimb1, ref ceLo, ref ceHi);
        ulong d0 = cdLo & Mask62, e0 = ceLo & Mask62;
        Shift62(ref cdLo, ref cdHi);
        Shift62(ref ceLo, ref ceHi);

        AccumulateSignedUnsigned(t.U, d.L2, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(t.V, e.L2, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(md, ModulusLimb2, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(t.Q, d.L2, ref ceLo, ref ceHi);
        AccumulateSignedUnsigned(t.R, e.L2, ref ceLo, ref ceHi);
        AccumulateSignedUnsigned(me, ModulusLimb2, ref ceLo, ref ceHi);
        ulong d1 = cdLo & Mask62, e1 = ceLo & Mask62;
        Shift62(ref cdLo, ref cdHi);
        Shift62(ref ceLo, ref ceHi);

        AccumulateSignedUnsigned(t.U, d.L3, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(t.V, e.L3, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(md, ModulusLimb3, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(t.Q, d.L3, ref ceLo, ref ceHi);
        AccumulateSignedUnsigned(t.R, e.L3, ref ceLo, ref ceHi);
        AccumulateSignedUnsigned(me, ModulusLimb3, ref ceLo, ref ceHi);
        ulong d2 = cdLo & Mask62, e2 = ceLo & Mask62;
        Shift62(ref cdLo, ref cdHi);
        Shift62(ref ceLo, ref ceHi);

        AccumulateSigned(t.U, d.L4, ref cdLo, ref cdHi);
        AccumulateSigned(t.V, e.L4, ref cdLo, ref cdHi);
        AccumulateSignedUnsigned(md, ModulusLimb4, ref cdLo, ref cdHi);
        AccumulateSigned(t.Q, d.L4, ref ceLo, ref ceHi);
        AccumulateSigned(t.R, e.L4, ref ceLo, ref ceHi);
        AccumulateSignedUnsigned(me, ModulusLimb4, ref ceLo, ref ceHi);
        ulong d3 = cdLo & Mask62, e3 = ceLo & Mask62;
        Shift62(ref cdLo, ref cdHi);
        Shift62(ref ceLo, ref ceHi);

        d = new Signed62(d0, d1, d2, d3, (long)cdLo);
        e = new Signed62(e0, e1, e2, e3, (long)ceLo);
    }

    /// <summary>
    /// sign * v mod M in [0, M) for v in (-2M, M) and sign 0 (+1) or -1 (-1), as four 64-bit limbs:
    /// add M if negative, negate if sign says so, add M if negative again, all by masks.
    /// </summary>
    private static void NormalizeToLimbs(in Signed62 v, long negate, out Limbs256 result)
    {
        long l0 = (long)v.L0, l1 = (long)v.L1, l2 = (long)v.L2, l3 = (long)v.L3, l4 = v.L4;
        AddModulusIfNegative(ref l0, ref l1, ref l2, ref l3, ref l4);
        l0 = (l0 ^ negate) - negate;
        l1 = (l1 ^ negate) - negate;
        l2 = (l2 ^ negate) - negate;
        l3 = (l3 ^ negate) - negate;
        l4 = (l4 ^ negate) - negate;
        AddModulusIfNegative(ref l0, ref l1, ref l2, ref l3, ref l4);
        ulong u0 = (ulong)l0, u1 = (ulong)l1, u2 = (ulong)l2, u3 = (ulong)l3, u4 = (ulong)l4;
        result = new Limbs256(u0 | (u1 << 62), (u1 >> 2) | (u2 << 60), (u2 >> 4) | (u3 << 58), (u3 >> 6) | (u4 << 56));
    }

    /// <summary>
    /// Adds M when the value (sign in l4) is negative, then propagates carries so that limbs 0 to 3
    /// are back in [0, 2^62). Limbs may come in negative (after a limb-wise negation).
    /// </summary>
    private static void AddModulusIfNegative(ref long l0, ref long l1, ref long l2, ref long l3, ref long l4)
    {
        // The sign is only known after carries settle, so settle them first.
        Propagate(ref l0, ref l1, ref l2, ref l3, ref l4);
        long mask = l4 >> 63;
        l0 += (long)ModulusLimb0 & mask;
        l1 += (long)ModulusLimb1 & mask;
        l2 += (long)ModulusLimb2 & mask;
        l3 += (long)ModulusLimb3 & mask;
        l4 += (long)ModulusLimb4 & mask;
        Propagate(ref l0, ref l1, ref l2, ref l3, ref l4);
    }

    private static void Propagate(ref long l0, ref long l1, ref long l2, ref long l3, ref long l4)
    {
        l1 += l0 >> 62;
        l0 &= (long)Mask62;
        l2 += l1 >> 62;
        l1 &= (long)Mask62;
        l3 += l2 >> 62;
        l2 &= (long)Mask62;
        l4 += l3 >> 62;
        l3 &= (long)Mask62;
    }
}
