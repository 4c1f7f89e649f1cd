using System.Numerics;

namespace Zkp.Bn254.Internal;

/// <summary>
/// sum_i [k_i] P_i for a handful of G1 terms (e.g. a verifying key's IC points times the public
/// signals): each scalar is split by the GLV endomorphism into two halves of about 128 bits
/// (k = k1 + k2 lambda, phi(P) = (beta x, y)), each half gets width-5 NAF digits and a table of odd
/// multiples, and all halves share one chain of about 128 doublings (Straus). Below about 8 terms
/// this beats both separate scalar multiplications (one doubling chain each) and Pippenger (whose
/// bucket reductions dominate). Variable time in the scalars; points are trusted (not checked to be
/// on the curve). The digit buffer is cleared, but the GLV halves pass through BigInteger (as in
/// <see cref="G1Endomorphism.Multiply"/>), which cannot be cleared: the inputs this serves are
/// public (a verifier's public signals); provers' MSMs have hundreds of terms and take Pippenger.
/// </summary>
internal static class StrausG1
{
    /// <summary>Inputs up to this many terms take this path.</summary>
    public const int MaxTerms = 8;

    private const int TableSize = 8; // P, 3P, ..., 15P: the width-5 NAF digits are odd and below 16 in size
    private const int MaxDigits = 260;

    public static JacobianPoint<Fp> Run(ReadOnlySpan<AffinePoint<Fp>> points, ReadOnlySpan<Limbs256> scalars)
    {
        int halves = 2 * points.Length;
        var tables = new JacobianPoint<Fp>[halves * TableSize];
        var digits = new sbyte[halves * MaxDigits];
        var lengths = new int[halves];
        int used = 0;
        int longest = 0;
        for (int i = 0; i < points.Length; i++)
        {
            if (scalars[i].IsZero || points[i].IsInfinity)
            {
                continue;
            }
            var (k1, k2) = G1Endomorphism.Decompose(scalars[i].ToBigInteger());
            var p = CurveArithmetic<Fp>.FromAffine(in points[i]);
            AddHalf(in p, k1, tables, digits, lengths, ref used, ref longest);
            AddHalf(G1Endomorphism.Apply(in p), k2, tables, digits, lengths, ref used, ref longest);
        }

        var acc = JacobianPoint<Fp>.Infinity;
        for (int position = longest - 1; position >= 0; position--)
        {
            CurveArithmetic<Fp>.Double(in acc, out acc);
            for (int h = 0; h < used; h++)
            {
                if (position >= lengths[h])
                {
                    continue;
                }
                int d = digits[(h * MaxDigits) + position];
                if (d > 0)
                {
                    CurveArithmetic<Fp>.Add(in acc, in tables[(h * TableSize) + (d >> 1)], out acc);
                }
                else if (d < 0)
                {
                    CurveArithmetic<Fp>.Negate(in tables[(h * TableSize) + ((-d) >> 1)], out var negated);
                    CurveArithmetic<Fp>.Add(in acc, in negated, out acc);
                }
            }
        }
        Array.Clear(digits);
        return acc;
    }

    /// <summary>Queues [k] P: a negative k becomes |k| on -P; zero adds nothing.</summary>
    private static void AddHalf(in JacobianPoint<Fp> p, BigInteger k, JacobianPoint<Fp>[] tables, sbyte[] digits, int[] lengths, ref int used, ref int longest)
    {
        if (k.IsZero)
        {
            return;
        }
        var point = p;
        if (k.Sign < 0)
        {
            CurveArithmetic<Fp>.Negate(in point, out point);
            k = -k;
        }
        CurveArithmetic<Fp>.BuildOddMultiples(in point, tables.AsSpan(used * TableSize, TableSize));
        lengths[used] = CurveArithmetic<Fp>.ComputeWnaf(Limbs256.FromBigInteger(k), digits.AsSpan(used * MaxDigits, MaxDigits));
        longest = Math.Max(longest, lengths[used]);
        used++;
    }
}
