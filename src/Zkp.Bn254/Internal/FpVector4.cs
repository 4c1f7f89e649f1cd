using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Zkp.Bn254.Internal;

/// <summary>
/// Four independent F_p elements at a time with AVX2: each element is nine 29-bit limbs, and a
/// "row" is nine consecutive <see cref="Vector256{T}"/> of ulong, limb i of the four lanes in
/// vector i (struct of arrays). VPMULUDQ multiplies four 32 x 32-bit pairs into 64-bit lanes, so a
/// column of up to 18 products of 29-bit limbs (&lt; 2^62.2) sums without carries.
/// </summary>
/// <remarks>
/// <para>Representation: a row holds x * R' mod p for R' = 2^261 (Montgomery form of its own, not
/// <see cref="Fp"/>'s R = 2^256), as any integer below 2^261 congruent to it, not reduced: the limbs
/// are normalised (limbs 0..7 below 2^29, and limb 8 below 2^29 because every value stays below
/// 2^261; the bounds below are what guarantees it).</para>
/// <para>Conversions cost no multiplication: <see cref="Fp"/>'s limbs hold X = x R mod p &lt; p, and
/// 32 X = x R' is a valid (unreduced, &lt; 32p) row value, so <see cref="SetLane"/> only splits X
/// shifted left by 5 bits. Back, <see cref="GetLane"/> divides by 32 modulo p (one 5-bit
/// Montgomery step: add m p with m = -v / p mod 32, shift right by 5) and subtracts p until below p.</para>
/// <para>Bounds, with p &lt; 2^254 so p^2 / 2^261 &lt; p / 128: <see cref="Multiply"/> returns
/// (a b + m p) / 2^261 with m &lt; 2^261, that is below a b / 2^261 + p; for a &lt; alpha p and
/// b &lt; beta p below (alpha beta / 128 + 1) p. Its only requirement is that both inputs are
/// normalised rows below 2^261 (&gt; 171 p); every caller keeps its values below 128 p, see
/// <see cref="BatchAffineG1"/> for the chain of bounds. Nothing here checks the bounds: a value
/// outside them gives a wrong result, not an exception. Subtraction adds K p (K = 32, 64 or 96)
/// written with limbs of at least 2^31 - 4 so that no limb goes negative before the carries.</para>
/// <para>Not constant time only in <see cref="GetLane"/>'s final subtractions (a variable number of
/// them); its callers (the MSM bucket additions) are variable time anyway.</para>
/// </remarks>
internal static class FpVector4
{
    /// <summary>Vectors per row (limbs per element).</summary>
    public const int LimbCount = 9;

    private const ulong LimbMask = (1UL << 29) - 1;

    /// <summary>-p^-1 mod 2^29.</summary>
    private const ulong MontgomeryFactor = 0x4866389;

    /// <summary>-p^-1 mod 32, for the division by 32 on the way out.</summary>
    private const ulong DivideBy32Factor = 9;

    // p in 29-bit limbs.
    private const ulong P0 = 0x187CFD47, P1 = 0x10460B6, P2 = 0x1C72A34F, P3 = 0x2D522D0, P4 = 0x1585D978,
        P5 = 0x2DB40C0, P6 = 0xA6E141, P7 = 0xE5C2634, P8 = 0x30644E;

    // K p in limbs of at least 2^31 - 4 (2^31 added to each of limbs 0..7, 4 taken from the next
    // limb), for subtracting values below K p whose limbs are below 2^31 - 4.
    private static readonly ulong[] Offset32 = [0x8F9FA8E0, 0x808C16D4, 0x8E5469DD, 0x9AA45A18, 0x90BB2EFE, 0x9B681811, 0x94DC281E, 0x8B84C67C, 0x60C89CA];
    private static readonly ulong[] Offset64 = [0x9F3F51C0, 0x81182DAC, 0x9CA8D3BE, 0x9548B434, 0x81765E01, 0x96D03027, 0x89B85041, 0x97098CFD, 0xC191398];
    private static readonly ulong[] Offset96 = [0x8EDEFAA0, 0x81A44485, 0x8AFD3D9F, 0x8FED0E51, 0x92318D04, 0x9238483C, 0x9E947864, 0x828E537D, 0x12259D67];

    public static bool IsSupported => Avx2.IsSupported;

    public enum Multiple
    {
        P32,
        P64,
        P96,
    }

    /// <summary>
    /// r = a b / 2^261 mod p in each lane (lazy: see the class remarks for the bounds), all three
    /// being 9-limb rows. r may alias a or b (both are read before r is written).
    /// </summary>
    /// <remarks>
    /// Operand scanning with the reduction interleaved: step i adds a_i b into columns i..i+8, then
    /// m p with m = column_i (-p^-1) mod 2^29, which clears column i's low 29 bits; its high bits move
    /// up. Columns get at most 9 products a_i b_j and 9 products m p_j (each &lt; 2^58) plus a carry.
    /// Each column lives in its own local (c0..c16), so nothing is moved between steps.
    /// </remarks>
    public static void Multiply(ref readonly Vector256<ulong> a, ref readonly Vector256<ulong> b, ref Vector256<ulong> r)
    {
        var mask = Vector256.Create(LimbMask);
        var nPrime = Vector256.Create(MontgomeryFactor).AsUInt32();
        ref var bRef = ref Unsafe.AsRef(in b);
        ref var aRef = ref Unsafe.AsRef(in a);
        Vector256<uint> ai;
        Vector256<uint> m;
        ai = Unsafe.Add(ref aRef, 0).AsUInt32();
        var c0 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 0).AsUInt32());
        var c1 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 1).AsUInt32());
        var c2 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 2).AsUInt32());
        var c3 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 3).AsUInt32());
        var c4 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 4).AsUInt32());
        var c5 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 5).AsUInt32());
        var c6 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 6).AsUInt32());
        var c7 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 7).AsUInt32());
        var c8 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 8).AsUInt32());
        m = (Avx2.Multiply(c0.AsUInt32(), nPrime) & mask).AsUInt32();
        c1 += Avx2.ShiftRightLogical(c0 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c1 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c2 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c3 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c4 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c5 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 1).AsUInt32();
        c1 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 0).AsUInt32());
        c2 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 1).AsUInt32());
        c3 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 2).AsUInt32());
        c4 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 3).AsUInt32());
        c5 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 4).AsUInt32());
        c6 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 5).AsUInt32());
        c7 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 6).AsUInt32());
        c8 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 7).AsUInt32());
        var c9 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 8).AsUInt32());
        m = (Avx2.Multiply(c1.AsUInt32(), nPrime) & mask).AsUInt32();
        c2 += Avx2.ShiftRightLogical(c1 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c2 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c3 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c4 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c5 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 2).AsUInt32();
        c2 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 0).AsUInt32());
        c3 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 1).AsUInt32());
        c4 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 2).AsUInt32());
        c5 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 3).AsUInt32());
        c6 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 4).AsUInt32());
        c7 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 5).AsUInt32());
        c8 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 6).AsUInt32());
        c9 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 7).AsUInt32());
        var c10 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 8).AsUInt32());
        m = (Avx2.Multiply(c2.AsUInt32(), nPrime) & mask).AsUInt32();
        c3 += Avx2.ShiftRightLogical(c2 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c3 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c4 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c5 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 3).AsUInt32();
        c3 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 0).AsUInt32());
        c4 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 1).AsUInt32());
        c5 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 2).AsUInt32());
        c6 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 3).AsUInt32());
        c7 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 4).AsUInt32());
        c8 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 5).AsUInt32());
        c9 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 6).AsUInt32());
        c10 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 7).AsUInt32());
        var c11 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 8).AsUInt32());
        m = (Avx2.Multiply(c3.AsUInt32(), nPrime) & mask).AsUInt32();
        c4 += Avx2.ShiftRightLogical(c3 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c4 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c5 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 4).AsUInt32();
        c4 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 0).AsUInt32());
        c5 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 1).AsUInt32());
        c6 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 2).AsUInt32());
        c7 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 3).AsUInt32());
        c8 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 4).AsUInt32());
        c9 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 5).AsUInt32());
        c10 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 6).AsUInt32());
        c11 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 7).AsUInt32());
        var c12 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 8).AsUInt32());
        m = (Avx2.Multiply(c4.AsUInt32(), nPrime) & mask).AsUInt32();
        c5 += Avx2.ShiftRightLogical(c4 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c5 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 5).AsUInt32();
        c5 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 0).AsUInt32());
        c6 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 1).AsUInt32());
        c7 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 2).AsUInt32());
        c8 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 3).AsUInt32());
        c9 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 4).AsUInt32());
        c10 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 5).AsUInt32());
        c11 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 6).AsUInt32());
        c12 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 7).AsUInt32());
        var c13 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 8).AsUInt32());
        m = (Avx2.Multiply(c5.AsUInt32(), nPrime) & mask).AsUInt32();
        c6 += Avx2.ShiftRightLogical(c5 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c6 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c13 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 6).AsUInt32();
        c6 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 0).AsUInt32());
        c7 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 1).AsUInt32());
        c8 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 2).AsUInt32());
        c9 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 3).AsUInt32());
        c10 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 4).AsUInt32());
        c11 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 5).AsUInt32());
        c12 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 6).AsUInt32());
        c13 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 7).AsUInt32());
        var c14 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 8).AsUInt32());
        m = (Avx2.Multiply(c6.AsUInt32(), nPrime) & mask).AsUInt32();
        c7 += Avx2.ShiftRightLogical(c6 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c7 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c13 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c14 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 7).AsUInt32();
        c7 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 0).AsUInt32());
        c8 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 1).AsUInt32());
        c9 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 2).AsUInt32());
        c10 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 3).AsUInt32());
        c11 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 4).AsUInt32());
        c12 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 5).AsUInt32());
        c13 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 6).AsUInt32());
        c14 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 7).AsUInt32());
        var c15 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 8).AsUInt32());
        m = (Avx2.Multiply(c7.AsUInt32(), nPrime) & mask).AsUInt32();
        c8 += Avx2.ShiftRightLogical(c7 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c8 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c13 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c14 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c15 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 8).AsUInt32();
        c8 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 0).AsUInt32());
        c9 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 1).AsUInt32());
        c10 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 2).AsUInt32());
        c11 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 3).AsUInt32());
        c12 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 4).AsUInt32());
        c13 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 5).AsUInt32());
        c14 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 6).AsUInt32());
        c15 += Avx2.Multiply(ai, Unsafe.Add(ref bRef, 7).AsUInt32());
        var c16 = Avx2.Multiply(ai, Unsafe.Add(ref bRef, 8).AsUInt32());
        m = (Avx2.Multiply(c8.AsUInt32(), nPrime) & mask).AsUInt32();
        c9 += Avx2.ShiftRightLogical(c8 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c9 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c13 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c14 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c15 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c16 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        // c9..c16 are the result's columns without their carries; the carry out of c16 is limb 8.
        c10 += Avx2.ShiftRightLogical(c9, 29);
        Unsafe.Add(ref r, 0) = c9 & mask;
        c11 += Avx2.ShiftRightLogical(c10, 29);
        Unsafe.Add(ref r, 1) = c10 & mask;
        c12 += Avx2.ShiftRightLogical(c11, 29);
        Unsafe.Add(ref r, 2) = c11 & mask;
        c13 += Avx2.ShiftRightLogical(c12, 29);
        Unsafe.Add(ref r, 3) = c12 & mask;
        c14 += Avx2.ShiftRightLogical(c13, 29);
        Unsafe.Add(ref r, 4) = c13 & mask;
        c15 += Avx2.ShiftRightLogical(c14, 29);
        Unsafe.Add(ref r, 5) = c14 & mask;
        c16 += Avx2.ShiftRightLogical(c15, 29);
        Unsafe.Add(ref r, 6) = c15 & mask;
        Unsafe.Add(ref r, 7) = c16 & mask;
        Unsafe.Add(ref r, 8) = Avx2.ShiftRightLogical(c16, 29);
    }

    /// <summary>r = a^2 / 2^261 mod p in each lane, as <see cref="Multiply"/> (same bounds); r may alias a.</summary>
    /// <remarks>
    /// 45 products instead of 81: a_i a_j for i &lt; j once, with a doubled limb (2 a_i &lt; 2^30, so the
    /// products stay below 2^59 and each column's sum is what the plain product's would be). Column i
    /// is complete after step i (its products a_j a_(i-j) come from steps j &lt;= i / 2), so the
    /// reduction interleaves as in <see cref="Multiply"/>.
    /// </remarks>
    public static void Square(ref readonly Vector256<ulong> a, ref Vector256<ulong> r)
    {
        var mask = Vector256.Create(LimbMask);
        var nPrime = Vector256.Create(MontgomeryFactor).AsUInt32();
        ref var aRef = ref Unsafe.AsRef(in a);
        Vector256<uint> ai, di;
        Vector256<uint> m;
        ai = Unsafe.Add(ref aRef, 0).AsUInt32();
        di = Avx2.ShiftLeftLogical(Unsafe.Add(ref aRef, 0), 1).AsUInt32();
        var c0 = Avx2.Multiply(ai, ai);
        var c1 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 1).AsUInt32());
        var c2 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 2).AsUInt32());
        var c3 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 3).AsUInt32());
        var c4 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 4).AsUInt32());
        var c5 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 5).AsUInt32());
        var c6 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 6).AsUInt32());
        var c7 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 7).AsUInt32());
        var c8 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 8).AsUInt32());
        m = (Avx2.Multiply(c0.AsUInt32(), nPrime) & mask).AsUInt32();
        c1 += Avx2.ShiftRightLogical(c0 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c1 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c2 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c3 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c4 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c5 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 1).AsUInt32();
        di = Avx2.ShiftLeftLogical(Unsafe.Add(ref aRef, 1), 1).AsUInt32();
        c2 += Avx2.Multiply(ai, ai);
        c3 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 2).AsUInt32());
        c4 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 3).AsUInt32());
        c5 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 4).AsUInt32());
        c6 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 5).AsUInt32());
        c7 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 6).AsUInt32());
        c8 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 7).AsUInt32());
        var c9 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 8).AsUInt32());
        m = (Avx2.Multiply(c1.AsUInt32(), nPrime) & mask).AsUInt32();
        c2 += Avx2.ShiftRightLogical(c1 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c2 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c3 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c4 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c5 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 2).AsUInt32();
        di = Avx2.ShiftLeftLogical(Unsafe.Add(ref aRef, 2), 1).AsUInt32();
        c4 += Avx2.Multiply(ai, ai);
        c5 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 3).AsUInt32());
        c6 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 4).AsUInt32());
        c7 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 5).AsUInt32());
        c8 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 6).AsUInt32());
        c9 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 7).AsUInt32());
        var c10 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 8).AsUInt32());
        m = (Avx2.Multiply(c2.AsUInt32(), nPrime) & mask).AsUInt32();
        c3 += Avx2.ShiftRightLogical(c2 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c3 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c4 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c5 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 3).AsUInt32();
        di = Avx2.ShiftLeftLogical(Unsafe.Add(ref aRef, 3), 1).AsUInt32();
        c6 += Avx2.Multiply(ai, ai);
        c7 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 4).AsUInt32());
        c8 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 5).AsUInt32());
        c9 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 6).AsUInt32());
        c10 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 7).AsUInt32());
        var c11 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 8).AsUInt32());
        m = (Avx2.Multiply(c3.AsUInt32(), nPrime) & mask).AsUInt32();
        c4 += Avx2.ShiftRightLogical(c3 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c4 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c5 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 4).AsUInt32();
        di = Avx2.ShiftLeftLogical(Unsafe.Add(ref aRef, 4), 1).AsUInt32();
        c8 += Avx2.Multiply(ai, ai);
        c9 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 5).AsUInt32());
        c10 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 6).AsUInt32());
        c11 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 7).AsUInt32());
        var c12 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 8).AsUInt32());
        m = (Avx2.Multiply(c4.AsUInt32(), nPrime) & mask).AsUInt32();
        c5 += Avx2.ShiftRightLogical(c4 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c5 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c6 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 5).AsUInt32();
        di = Avx2.ShiftLeftLogical(Unsafe.Add(ref aRef, 5), 1).AsUInt32();
        c10 += Avx2.Multiply(ai, ai);
        c11 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 6).AsUInt32());
        c12 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 7).AsUInt32());
        var c13 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 8).AsUInt32());
        m = (Avx2.Multiply(c5.AsUInt32(), nPrime) & mask).AsUInt32();
        c6 += Avx2.ShiftRightLogical(c5 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c6 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c7 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c13 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 6).AsUInt32();
        di = Avx2.ShiftLeftLogical(Unsafe.Add(ref aRef, 6), 1).AsUInt32();
        c12 += Avx2.Multiply(ai, ai);
        c13 += Avx2.Multiply(di, Unsafe.Add(ref aRef, 7).AsUInt32());
        var c14 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 8).AsUInt32());
        m = (Avx2.Multiply(c6.AsUInt32(), nPrime) & mask).AsUInt32();
        c7 += Avx2.ShiftRightLogical(c6 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c7 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c8 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c13 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c14 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 7).AsUInt32();
        di = Avx2.ShiftLeftLogical(Unsafe.Add(ref aRef, 7), 1).AsUInt32();
        c14 += Avx2.Multiply(ai, ai);
        var c15 = Avx2.Multiply(di, Unsafe.Add(ref aRef, 8).AsUInt32());
        m = (Avx2.Multiply(c7.AsUInt32(), nPrime) & mask).AsUInt32();
        c8 += Avx2.ShiftRightLogical(c7 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c8 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c9 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c13 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c14 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c15 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        ai = Unsafe.Add(ref aRef, 8).AsUInt32();
        var c16 = Avx2.Multiply(ai, ai);
        m = (Avx2.Multiply(c8.AsUInt32(), nPrime) & mask).AsUInt32();
        c9 += Avx2.ShiftRightLogical(c8 + Avx2.Multiply(m, Vector256.Create(P0).AsUInt32()), 29);
        c9 += Avx2.Multiply(m, Vector256.Create(P1).AsUInt32());
        c10 += Avx2.Multiply(m, Vector256.Create(P2).AsUInt32());
        c11 += Avx2.Multiply(m, Vector256.Create(P3).AsUInt32());
        c12 += Avx2.Multiply(m, Vector256.Create(P4).AsUInt32());
        c13 += Avx2.Multiply(m, Vector256.Create(P5).AsUInt32());
        c14 += Avx2.Multiply(m, Vector256.Create(P6).AsUInt32());
        c15 += Avx2.Multiply(m, Vector256.Create(P7).AsUInt32());
        c16 += Avx2.Multiply(m, Vector256.Create(P8).AsUInt32());
        c10 += Avx2.ShiftRightLogical(c9, 29);
        Unsafe.Add(ref r, 0) = c9 & mask;
        c11 += Avx2.ShiftRightLogical(c10, 29);
        Unsafe.Add(ref r, 1) = c10 & mask;
        c12 += Avx2.ShiftRightLogical(c11, 29);
        Unsafe.Add(ref r, 2) = c11 & mask;
        c13 += Avx2.ShiftRightLogical(c12, 29);
        Unsafe.Add(ref r, 3) = c12 & mask;
        c14 += Avx2.ShiftRightLogical(c13, 29);
        Unsafe.Add(ref r, 4) = c13 & mask;
        c15 += Avx2.ShiftRightLogical(c14, 29);
        Unsafe.Add(ref r, 5) = c14 & mask;
        c16 += Avx2.ShiftRightLogical(c15, 29);
        Unsafe.Add(ref r, 6) = c15 & mask;
        Unsafe.Add(ref r, 7) = c16 & mask;
        Unsafe.Add(ref r, 8) = Avx2.ShiftRightLogical(c16, 29);
    }

    /// <summary>r = a + K p - b, normalised. Requires b &lt; K p; r may alias a or b.</summary>
    public static void Subtract(ref readonly Vector256<ulong> a, ref readonly Vector256<ulong> b, ref Vector256<ulong> r, Multiple k)
    {
        ref ulong offset = ref OffsetFor(k);
        ref var aRef = ref Unsafe.AsRef(in a);
        ref var bRef = ref Unsafe.AsRef(in b);
        var mask = Vector256.Create(LimbMask);
        var carry = Vector256<ulong>.Zero;
        for (int i = 0; i < LimbCount - 1; i++)
        {
            var s = Unsafe.Add(ref aRef, i) + Vector256.Create(Unsafe.Add(ref offset, i)) - Unsafe.Add(ref bRef, i) + carry;
            Unsafe.Add(ref r, i) = s & mask;
            carry = Avx2.ShiftRightLogical(s, 29);
        }
        // The top limb may wrap below zero before its carry arrives; the sum is right modulo 2^64
        // and the true top limb is small and non-negative.
        Unsafe.Add(ref r, LimbCount - 1) = Unsafe.Add(ref aRef, LimbCount - 1) + Vector256.Create(Unsafe.Add(ref offset, LimbCount - 1)) - Unsafe.Add(ref bRef, LimbCount - 1) + carry;
    }

    /// <summary>r = a + K p - b - c, normalised. Requires b + c &lt; K p; r may alias any input.</summary>
    public static void Subtract2(ref readonly Vector256<ulong> a, ref readonly Vector256<ulong> b, ref readonly Vector256<ulong> c, ref Vector256<ulong> r, Multiple k)
    {
        ref ulong offset = ref OffsetFor(k);
        ref var aRef = ref Unsafe.AsRef(in a);
        ref var bRef = ref Unsafe.AsRef(in b);
        ref var cRef = ref Unsafe.AsRef(in c);
        var mask = Vector256.Create(LimbMask);
        var carry = Vector256<ulong>.Zero;
        for (int i = 0; i < LimbCount - 1; i++)
        {
            var s = Unsafe.Add(ref aRef, i) + Vector256.Create(Unsafe.Add(ref offset, i)) - Unsafe.Add(ref bRef, i) - Unsafe.Add(ref cRef, i) + carry;
            Unsafe.Add(ref r, i) = s & mask;
            carry = Avx2.ShiftRightLogical(s, 29);
        }
        Unsafe.Add(ref r, LimbCount - 1) = Unsafe.Add(ref aRef, LimbCount - 1) + Vector256.Create(Unsafe.Add(ref offset, LimbCount - 1))
            - Unsafe.Add(ref bRef, LimbCount - 1) - Unsafe.Add(ref cRef, LimbCount - 1) + carry;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref ulong OffsetFor(Multiple k) => ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(
        k == Multiple.P32 ? Offset32 : k == Multiple.P64 ? Offset64 : Offset96);

    /// <summary>
    /// In place, v -> v + m p with m = -v / p mod 32, normalised: the row becomes 32 times (v / 32 mod p)
    /// with its low 5 bits zero, ready for <see cref="GetLane"/>. Requires v &lt; 2^261 - 32 p.
    /// </summary>
    public static void PrepareDivideBy32(ref Vector256<ulong> v)
    {
        var mask = Vector256.Create(LimbMask);
        var m = Avx2.Multiply(v.AsUInt32(), Vector256.Create(DivideBy32Factor).AsUInt32()) & Vector256.Create(31UL);
        var mu = m.AsUInt32();
        var carry = Vector256<ulong>.Zero;
        ReadOnlySpan<ulong> p = [P0, P1, P2, P3, P4, P5, P6, P7, P8];
        for (int i = 0; i < LimbCount - 1; i++)
        {
            var s = Unsafe.Add(ref v, i) + Avx2.Multiply(mu, Vector256.Create(p[i]).AsUInt32()) + carry;
            Unsafe.Add(ref v, i) = s & mask;
            carry = Avx2.ShiftRightLogical(s, 29);
        }
        Unsafe.Add(ref v, LimbCount - 1) += Avx2.Multiply(mu, Vector256.Create(P8).AsUInt32()) + carry;
    }

    /// <summary>
    /// A whole row from four <see cref="Fp"/> values, as four <see cref="SetLane"/> calls would write
    /// it: a 4 x 4 transpose of the 64-bit words (unpack and 128-bit permutes), then the nine limbs
    /// by vector shifts.
    /// </summary>
    public static void SetRow(ref Vector256<ulong> row, in Fp x0, in Fp x1, in Fp x2, in Fp x3)
    {
        var v0 = Unsafe.As<Fp, Vector256<ulong>>(ref Unsafe.AsRef(in x0));
        var v1 = Unsafe.As<Fp, Vector256<ulong>>(ref Unsafe.AsRef(in x1));
        var v2 = Unsafe.As<Fp, Vector256<ulong>>(ref Unsafe.AsRef(in x2));
        var v3 = Unsafe.As<Fp, Vector256<ulong>>(ref Unsafe.AsRef(in x3));
        var t0 = Avx2.UnpackLow(v0, v1);
        var t1 = Avx2.UnpackHigh(v0, v1);
        var t2 = Avx2.UnpackLow(v2, v3);
        var t3 = Avx2.UnpackHigh(v2, v3);
        var u0 = Avx2.Permute2x128(t0, t2, 0x20);
        var u1 = Avx2.Permute2x128(t1, t3, 0x20);
        var u2 = Avx2.Permute2x128(t0, t2, 0x31);
        var u3 = Avx2.Permute2x128(t1, t3, 0x31);
        var mask = Vector256.Create(LimbMask);
        Unsafe.Add(ref row, 0) = Avx2.ShiftLeftLogical(u0, 5) & mask;
        Unsafe.Add(ref row, 1) = Avx2.ShiftRightLogical(u0, 24) & mask;
        Unsafe.Add(ref row, 2) = (Avx2.ShiftRightLogical(u0, 53) | Avx2.ShiftLeftLogical(u1, 11)) & mask;
        Unsafe.Add(ref row, 3) = Avx2.ShiftRightLogical(u1, 18) & mask;
        Unsafe.Add(ref row, 4) = (Avx2.ShiftRightLogical(u1, 47) | Avx2.ShiftLeftLogical(u2, 17)) & mask;
        Unsafe.Add(ref row, 5) = Avx2.ShiftRightLogical(u2, 12) & mask;
        Unsafe.Add(ref row, 6) = (Avx2.ShiftRightLogical(u2, 41) | Avx2.ShiftLeftLogical(u3, 23)) & mask;
        Unsafe.Add(ref row, 7) = Avx2.ShiftRightLogical(u3, 6) & mask;
        Unsafe.Add(ref row, 8) = Avx2.ShiftRightLogical(u3, 35) & mask;
    }

    /// <summary>Writes x (an <see cref="Fp"/>, R = 2^256) into lane <paramref name="lane"/> of a row as 32 x R mod p... = x R'.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetLane(ref Vector256<ulong> row, int lane, in Fp x) =>
        Split(in x.Limbs, ref Unsafe.Add(ref Unsafe.As<Vector256<ulong>, ulong>(ref row), lane));

    /// <summary>
    /// The <see cref="Fp"/> of lane <paramref name="lane"/> of a row prepared by <see cref="PrepareDivideBy32"/>
    /// (value below 2^256 + 32 p... see the remarks: callers keep it below 5 p), fully reduced.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp GetLane(ref Vector256<ulong> row, int lane)
    {
        var v = Pack(ref Unsafe.Add(ref Unsafe.As<Vector256<ulong>, ulong>(ref row), lane));
        while (!LessThanModulus(in v))
        {
            v = SubtractModulus(in v);
        }
        return new Fp(in v);
    }

    private static bool LessThanModulus(in Limbs256 v) =>
        v.U3 != FpModulus.M3 ? v.U3 < FpModulus.M3
        : v.U2 != FpModulus.M2 ? v.U2 < FpModulus.M2
        : v.U1 != FpModulus.M1 ? v.U1 < FpModulus.M1
        : v.U0 < FpModulus.M0;

    private static Limbs256 SubtractModulus(in Limbs256 v)
    {
        ulong d0 = v.U0 - FpModulus.M0;
        ulong borrow = v.U0 < FpModulus.M0 ? 1UL : 0UL;
        ulong d1 = v.U1 - FpModulus.M1 - borrow;
        borrow = (v.U1 < FpModulus.M1) | (v.U1 == FpModulus.M1 & borrow != 0) ? 1UL : 0UL;
        ulong d2 = v.U2 - FpModulus.M2 - borrow;
        borrow = (v.U2 < FpModulus.M2) | (v.U2 == FpModulus.M2 & borrow != 0) ? 1UL : 0UL;
        ulong d3 = v.U3 - FpModulus.M3 - borrow;
        return new Limbs256(d0, d1, d2, d3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Split(in Limbs256 x, ref ulong lane0)
    {
        ulong u0 = x.U0, u1 = x.U1, u2 = x.U2, u3 = x.U3;
        Unsafe.Add(ref lane0, 0) = (u0 << 5) & LimbMask;
        Unsafe.Add(ref lane0, 4) = (u0 >> 24) & LimbMask;
        Unsafe.Add(ref lane0, 8) = ((u0 >> 53) | (u1 << 11)) & LimbMask;
        Unsafe.Add(ref lane0, 12) = (u1 >> 18) & LimbMask;
        Unsafe.Add(ref lane0, 16) = ((u1 >> 47) | (u2 << 17)) & LimbMask;
        Unsafe.Add(ref lane0, 20) = (u2 >> 12) & LimbMask;
        Unsafe.Add(ref lane0, 24) = ((u2 >> 41) | (u3 << 23)) & LimbMask;
        Unsafe.Add(ref lane0, 28) = (u3 >> 6) & LimbMask;
        Unsafe.Add(ref lane0, 32) = (u3 >> 35) & LimbMask;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Limbs256 Pack(ref ulong lane0)
    {
        ulong l0 = Unsafe.Add(ref lane0, 0);
        ulong l1 = Unsafe.Add(ref lane0, 4);
        ulong l2 = Unsafe.Add(ref lane0, 8);
        ulong l3 = Unsafe.Add(ref lane0, 12);
        ulong l4 = Unsafe.Add(ref lane0, 16);
        ulong l5 = Unsafe.Add(ref lane0, 20);
        ulong l6 = Unsafe.Add(ref lane0, 24);
        ulong l7 = Unsafe.Add(ref lane0, 28);
        ulong l8 = Unsafe.Add(ref lane0, 32);
        ulong w0 = (l0 >> 5) | (l1 << 24) | (l2 << 53);
        ulong w1 = (l2 >> 11) | (l3 << 18) | (l4 << 47);
        ulong w2 = (l4 >> 17) | (l5 << 12) | (l6 << 41);
        ulong w3 = (l6 >> 23) | (l7 << 6) | (l8 << 35);
        return new Limbs256(w0, w1, w2, w3);
    }
}
