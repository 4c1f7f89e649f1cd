namespace Zkp.Bn254.Internal;

/// <summary>
/// Constant-time multiplication of one fixed, public base P by secret scalars (the Groth16
/// prover's r delta and s delta): a table of d 16^i P for every nibble position i &lt; 64 and digit
/// d &lt; 16, built once, so [k]P = sum_i T[i][k_i] costs 64 complete additions and 64 full-table
/// scans, with no doublings (the generic constant-time multiplication does 256 complete doublings
/// and 64 complete additions). Memory: 1,024 projective points (96 KiB in G1, 192 KiB in G2).
/// </summary>
/// <remarks>
/// Constant time in the scalar: every window reads all 16 entries and keeps one by masks, and every
/// addition is the complete Renes-Costello-Batina formula, whose sequence of field operations does
/// not depend on its inputs, so partial sums at infinity (leading zero nibbles) or equal to an entry
/// need no branch. The base is public: building the table is variable time. Nothing here checks that
/// P is on the curve or in the subgroup (the key's decoder did); the scalar is used as its 256-bit
/// canonical value, reduction modulo r happens in the caller's conversion from Montgomery form.
/// </remarks>
internal sealed class FixedBaseComb<T>
    where T : unmanaged, IFieldOps<T>
{
    private const int Windows = 64; // 256 bits / 4
    private const int Digits = 16;

    // entries[i * 16 + d] = d 16^i P, projective with Z = 1, or the identity (0 : 1 : 0) for d = 0.
    private readonly ProjectivePoint<T>[] entries;

    public FixedBaseComb(in JacobianPoint<T> p)
    {
        var jacobian = new JacobianPoint<T>[Windows * Digits];
        var windowBase = p;
        for (int i = 0; i < Windows; i++)
        {
            jacobian[i * Digits] = JacobianPoint<T>.Infinity;
            jacobian[(i * Digits) + 1] = windowBase;
            for (int d = 2; d < Digits; d++)
            {
                CurveArithmetic<T>.Add(in jacobian[(i * Digits) + d - 1], in windowBase, out jacobian[(i * Digits) + d]);
            }

            // 16 16^i P = 15 16^i P + 16^i P.
            CurveArithmetic<T>.Add(in jacobian[(i * Digits) + Digits - 1], in windowBase, out windowBase);
        }

        var affine = new AffinePoint<T>[jacobian.Length];
        CurveArithmetic<T>.BatchToAffine(jacobian, affine);
        entries = new ProjectivePoint<T>[jacobian.Length];
        for (int k = 0; k < affine.Length; k++)
        {
            entries[k] = affine[k].IsInfinity ? ProjectivePoint<T>.Identity : new ProjectivePoint<T>(affine[k].X, affine[k].Y, T.OneElement);
        }
    }

    /// <summary>[scalar]P, with a sequence of operations and memory reads independent of the scalar.</summary>
    public void MultiplyConstantTime(in Limbs256 scalar, out JacobianPoint<T> result)
    {
        var acc = ProjectivePoint<T>.Identity;
        ReadOnlySpan<ProjectivePoint<T>> table = entries;
        for (int window = 0; window < Windows; window++)
        {
            int limb = window >> 4;
            ulong limbValue = limb switch { 0 => scalar.U0, 1 => scalar.U1, 2 => scalar.U2, _ => scalar.U3 };
            ulong digit = (limbValue >> ((window & 15) * 4)) & 15;
            var row = table.Slice(window * Digits, Digits);
            var selected = row[0];
            for (int j = 1; j < Digits; j++)
            {
                ulong diff = (ulong)j ^ digit;
                ulong mask = ((diff | (0UL - diff)) >> 63) - 1; // all ones iff j == digit
                selected = new ProjectivePoint<T>(
                    T.Select(in selected.X, in row[j].X, mask),
                    T.Select(in selected.Y, in row[j].Y, mask),
                    T.Select(in selected.Z, in row[j].Z, mask));
            }

            CurveArithmetic<T>.AddComplete(in acc, in selected, out acc);
        }

        // Projective (X, Y, Z) -> Jacobian (X Z, Y Z^2, Z); the branch only separates [0]P (or
        // [r]P) from every other result, as in CurveArithmetic.MultiplyConstantTime.
        T.Multiply(in acc.X, in acc.Z, out var jx);
        T.Square(in acc.Z, out var z2);
        T.Multiply(in acc.Y, in z2, out var jy);
        result = T.IsZeroElement(in acc.Z) ? JacobianPoint<T>.Infinity : new JacobianPoint<T>(jx, jy, acc.Z);
    }
}
