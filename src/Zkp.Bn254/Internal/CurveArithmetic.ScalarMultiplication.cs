namespace Zkp.Bn254.Internal;

internal static partial class CurveArithmetic<T>
    where T : unmanaged, IFieldOps<T>
{
    private const int WnafWidth = 5;
    private const int WnafTableSize = 1 << (WnafWidth - 2); // odd multiples P, 3P, ..., 15P

    /// <summary>
    /// Width-5 NAF of a 256-bit scalar, least significant digit first; digits are odd in
    /// [-15, 15] or zero. Returns the number of digits (at most 257).
    /// </summary>
    internal static int ComputeWnaf(in Limbs256 scalar, Span<sbyte> digits)
    {
        Span<ulong> k = [scalar.U0, scalar.U1, scalar.U2, scalar.U3, 0];
        int length = 0;
        while ((k[0] | k[1] | k[2] | k[3] | k[4]) != 0)
        {
            int digit = 0;
            if ((k[0] & 1) != 0)
            {
                digit = (int)(k[0] & ((1 << WnafWidth) - 1));
                if (digit >= 1 << (WnafWidth - 1))
                {
                    digit -= 1 << WnafWidth;
                }
                // k -= digit, with borrow or carry through the limbs.
                if (digit > 0)
                {
                    ulong borrow = (ulong)digit;
                    for (int i = 0; i < 5 && borrow != 0; i++)
                    {
                        ulong before = k[i];
                        k[i] = before - borrow;
                        borrow = before < borrow ? 1UL : 0UL;
                    }
                }
                else
                {
                    ulong carry = (ulong)(-digit);
                    for (int i = 0; i < 5 && carry != 0; i++)
                    {
                        k[i] += carry;
                        carry = k[i] < carry ? 1UL : 0UL;
                    }
                }
            }
            digits[length++] = (sbyte)digit;
            for (int i = 0; i < 4; i++)
            {
                k[i] = (k[i] >> 1) | (k[i + 1] << 63);
            }
            k[4] >>= 1;
        }
        return length;
    }

    /// <summary>
    /// [scalar]P for any 256-bit scalar by width-5 NAF. Variable time (branches and memory access
    /// depend on the scalar): only for public scalars. Does not reduce the scalar; callers that want
    /// arithmetic modulo the group order rely on P having that order.
    /// </summary>
    public static void MultiplyVartime(in JacobianPoint<T> p, in Limbs256 scalar, out JacobianPoint<T> result)
    {
        Span<sbyte> digits = stackalloc sbyte[260];
        int length = ComputeWnaf(in scalar, digits);
        Span<JacobianPoint<T>> table = stackalloc JacobianPoint<T>[WnafTableSize];
        table[0] = p;
        Double(in p, out var twoP);
        for (int i = 1; i < WnafTableSize; i++)
        {
            Add(in table[i - 1], in twoP, out table[i]);
        }
        var acc = JacobianPoint<T>.Infinity;
        for (int i = length - 1; i >= 0; i--)
        {
            Double(in acc, out acc);
            int d = digits[i];
            if (d > 0)
            {
                Add(in acc, in table[d >> 1], out acc);
            }
            else if (d < 0)
            {
                Negate(in table[(-d) >> 1], out var neg);
                Add(in acc, in neg, out acc);
            }
        }
        result = acc;
    }

    /// <summary>table[i] = (2i + 1) P for i = 0..7, the width-5 NAF table.</summary>
    internal static void BuildOddMultiples(in JacobianPoint<T> p, Span<JacobianPoint<T>> table)
    {
        table[0] = p;
        Double(in p, out var twoP);
        for (int i = 1; i < WnafTableSize; i++)
        {
            Add(in table[i - 1], in twoP, out table[i]);
        }
    }

    /// <summary>
    /// Sum of two width-5 NAF multiplications sharing one chain of doublings (Shamir's trick):
    /// table1/table2 hold the odd multiples of the two bases. Variable time.
    /// </summary>
    internal static JacobianPoint<T> InterleavedWnaf(
        ReadOnlySpan<JacobianPoint<T>> table1, ReadOnlySpan<sbyte> digits1, ReadOnlySpan<JacobianPoint<T>> table2, ReadOnlySpan<sbyte> digits2)
    {
        var acc = JacobianPoint<T>.Infinity;
        for (int i = Math.Max(digits1.Length, digits2.Length) - 1; i >= 0; i--)
        {
            Double(in acc, out acc);
            AddDigit(ref acc, i < digits1.Length ? digits1[i] : 0, table1);
            AddDigit(ref acc, i < digits2.Length ? digits2[i] : 0, table2);
        }
        return acc;
    }

    private static void AddDigit(ref JacobianPoint<T> acc, int digit, ReadOnlySpan<JacobianPoint<T>> table)
    {
        if (digit > 0)
        {
            Add(in acc, in table[digit >> 1], out acc);
        }
        else if (digit < 0)
        {
            Negate(in table[(-digit) >> 1], out var negated);
            Add(in acc, in negated, out acc);
        }
    }

    /// <summary>
    /// Complete addition for a = 0 curves (Renes-Costello-Batina 2016, algorithm 7): correct for all
    /// inputs including doubling and the identity, with no branches.
    /// </summary>
    public static void AddComplete(in ProjectivePoint<T> p, in ProjectivePoint<T> q, out ProjectivePoint<T> result)
    {
        var b3 = T.CurveB3;
        T.Multiply(in p.X, in q.X, out var t0);
        T.Multiply(in p.Y, in q.Y, out var t1);
        T.Multiply(in p.Z, in q.Z, out var t2);
        T.Add(in p.X, in p.Y, out var t3);
        T.Add(in q.X, in q.Y, out var t4);
        T.Multiply(in t3, in t4, out t3);
        T.Add(in t0, in t1, out t4);
        T.Subtract(in t3, in t4, out t3);
        T.Add(in p.Y, in p.Z, out t4);
        T.Add(in q.Y, in q.Z, out var x3);
        T.Multiply(in t4, in x3, out t4);
        T.Add(in t1, in t2, out x3);
        T.Subtract(in t4, in x3, out t4);
        T.Add(in p.X, in p.Z, out x3);
        T.Add(in q.X, in q.Z, out var y3);
        T.Multiply(in x3, in y3, out x3);
        T.Add(in t0, in t2, out y3);
        T.Subtract(in x3, in y3, out y3);
        T.Double(in t0, out x3);
        T.Add(in x3, in t0, out t0);
        T.Multiply(in b3, in t2, out t2);
        T.Add(in t1, in t2, out var z3);
        T.Subtract(in t1, in t2, out t1);
        T.Multiply(in b3, in y3, out y3);
        T.Multiply(in t4, in y3, out x3);
        T.Multiply(in t3, in t1, out t2);
        T.Subtract(in t2, in x3, out x3);
        T.Multiply(in y3, in t0, out y3);
        T.Multiply(in t1, in z3, out t1);
        T.Add(in t1, in y3, out y3);
        T.Multiply(in t0, in t3, out t0);
        T.Multiply(in z3, in t4, out z3);
        T.Add(in z3, in t0, out z3);
        result = new ProjectivePoint<T>(x3, y3, z3);
    }

    private static ProjectivePoint<T> Select(in ProjectivePoint<T> whenZero, in ProjectivePoint<T> whenOne, ulong mask) =>
        new(T.Select(in whenZero.X, in whenOne.X, mask), T.Select(in whenZero.Y, in whenOne.Y, mask), T.Select(in whenZero.Z, in whenOne.Z, mask));

    /// <summary>
    /// [scalar]P with a fixed sequence of operations: 4-bit fixed windows over all 256 bits, complete
    /// formulas (no exceptional-case branches) and a table lookup that reads every entry and selects
    /// with masks. Intended for secret scalars. Runs in time independent of the scalar as far as the
    /// managed runtime allows; it does check nothing about P (callers validated it).
    /// </summary>
    public static void MultiplyConstantTime(in JacobianPoint<T> p, in Limbs256 scalar, out JacobianPoint<T> result)
    {
        // Jacobian (X, Y, Z) -> projective (X Z, Y, Z^3); infinity (Z = 0) -> (0, Y, 0), a valid identity.
        T.Multiply(in p.X, in p.Z, out var px);
        T.Square(in p.Z, out var z2);
        T.Multiply(in z2, in p.Z, out var pz);
        var yIfInfinity = T.OneElement;
        var py = T.Select(in p.Y, in yIfInfinity, T.IsZeroElement(in p.Z) ? ulong.MaxValue : 0UL);
        var baseP = new ProjectivePoint<T>(px, py, pz);

        Span<ProjectivePoint<T>> table = stackalloc ProjectivePoint<T>[16];
        table[0] = ProjectivePoint<T>.Identity;
        for (int i = 1; i < 16; i++)
        {
            AddComplete(in table[i - 1], in baseP, out table[i]);
        }
        var acc = ProjectivePoint<T>.Identity;
        for (int window = 63; window >= 0; window--)
        {
            for (int d = 0; d < 4; d++)
            {
                AddComplete(in acc, in acc, out acc);
            }
            int limb = window >> 4;
            ulong limbValue = limb switch { 0 => scalar.U0, 1 => scalar.U1, 2 => scalar.U2, _ => scalar.U3 };
            ulong digit = (limbValue >> ((window & 15) * 4)) & 15;
            var selected = table[0];
            for (int j = 1; j < 16; j++)
            {
                ulong diff = (ulong)j ^ digit;
                ulong mask = ((diff | (0UL - diff)) >> 63) - 1; // all ones iff j == digit
                selected = Select(in selected, in table[j], mask);
            }
            AddComplete(in acc, in selected, out acc);
        }
        // Projective (X, Y, Z) -> Jacobian (X Z, Y Z^2, Z).
        T.Multiply(in acc.X, in acc.Z, out var jx);
        T.Square(in acc.Z, out var accZ2);
        T.Multiply(in acc.Y, in accZ2, out var jy);
        result = T.IsZeroElement(in acc.Z) ? JacobianPoint<T>.Infinity : new JacobianPoint<T>(jx, jy, acc.Z);
    }
}
