namespace Zkp.Bn254.Internal;

/// <summary>
/// Multi-scalar multiplication sum_i [k_i] P_i by the bucket method with signed window digits.
/// Variable time in the scalars (bucket indices and branches depend on them). Points are trusted
/// to be on the curve (and in the subgroup for G2).
/// </summary>
internal static class Pippenger<T>
    where T : unmanaged, IFieldOps<T>
{
    /// <summary>Below this size a plain sum of scalar multiplications is cheaper.</summary>
    private const int NaiveThreshold = 8;

    /// <summary>From this size windows are processed in parallel (when allowed).</summary>
    private const int ParallelThreshold = 1024;

    /// <summary>
    /// Window width by input size: about ln(n) + 2 bits (the usual balance between the n additions
    /// per window and the 2^c bucket-reduction additions), at least 2 and at most 16.
    /// </summary>
    internal static int WindowBits(int count) =>
        count < 32 ? 3 : Math.Clamp((int)Math.Log(count) + 2, 2, 16);

    public static JacobianPoint<T> Run(ReadOnlySpan<AffinePoint<T>> points, ReadOnlySpan<Limbs256> scalars, int maxDegreeOfParallelism)
    {
        int n = points.Length;
        if (n < NaiveThreshold)
        {
            var sum = JacobianPoint<T>.Infinity;
            for (int i = 0; i < n; i++)
            {
                CurveArithmetic<T>.MultiplyVartime(CurveArithmetic<T>.FromAffine(in points[i]), in scalars[i], out var term);
                CurveArithmetic<T>.Add(in sum, in term, out sum);
            }
            return sum;
        }

        int c = WindowBits(n);
        int windows = (255 + c - 1) / c; // scalars < 2^254: the last signed carry is absorbed
        var digits = new int[checked(n * windows)];
        ComputeSignedDigits(scalars, c, windows, digits);
        var windowSums = new JacobianPoint<T>[windows];
        var pointArray = points.ToArray();

        if (maxDegreeOfParallelism != 1 && n >= ParallelThreshold)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism <= 0 ? -1 : maxDegreeOfParallelism };
            Parallel.For(0, windows, options, w => windowSums[w] = SumWindow(pointArray, digits, w, windows, c));
        }
        else
        {
            for (int w = 0; w < windows; w++)
            {
                windowSums[w] = SumWindow(pointArray, digits, w, windows, c);
            }
        }

        // Horner: result = sum_w windowSums[w] * 2^(c w).
        var result = windowSums[windows - 1];
        for (int w = windows - 2; w >= 0; w--)
        {
            for (int d = 0; d < c; d++)
            {
                CurveArithmetic<T>.Double(in result, out result);
            }
            CurveArithmetic<T>.Add(in result, in windowSums[w], out result);
        }
        return result;
    }

    /// <summary>
    /// Splits each scalar into base-2^c digits in [-(2^(c-1) - 1), 2^(c-1)], so only 2^(c-1) buckets
    /// are needed per window. digits[i * windows + w] is digit w of scalar i.
    /// </summary>
    internal static void ComputeSignedDigits(ReadOnlySpan<Limbs256> scalars, int c, int windows, Span<int> digits)
    {
        int half = 1 << (c - 1);
        int full = 1 << c;
        for (int i = 0; i < scalars.Length; i++)
        {
            int carry = 0;
            for (int w = 0; w < windows; w++)
            {
                int d = ExtractBits(in scalars[i], w * c, c) + carry;
                carry = 0;
                if (d > half)
                {
                    d -= full;
                    carry = 1;
                }
                digits[i * windows + w] = d;
            }
        }
    }

    private static int ExtractBits(in Limbs256 k, int offset, int count)
    {
        if (offset >= 256)
        {
            return 0;
        }
        int limb = offset >> 6;
        int shift = offset & 63;
        ulong low = Limb(in k, limb) >> shift;
        if (shift + count > 64 && limb < 3)
        {
            low |= Limb(in k, limb + 1) << (64 - shift);
        }
        return (int)(low & ((1UL << count) - 1));
    }

    private static ulong Limb(in Limbs256 k, int index) => index switch { 0 => k.U0, 1 => k.U1, 2 => k.U2, _ => k.U3 };

    private static JacobianPoint<T> SumWindow(AffinePoint<T>[] points, int[] digits, int w, int windows, int c)
    {
        var buckets = new JacobianPoint<T>[1 << (c - 1)];
        buckets.AsSpan().Fill(JacobianPoint<T>.Infinity);
        for (int i = 0; i < points.Length; i++)
        {
            int d = digits[i * windows + w];
            if (d > 0)
            {
                CurveArithmetic<T>.AddMixed(in buckets[d - 1], in points[i], out buckets[d - 1]);
            }
            else if (d < 0)
            {
                var negated = CurveArithmetic<T>.Negate(in points[i]);
                CurveArithmetic<T>.AddMixed(in buckets[-d - 1], in negated, out buckets[-d - 1]);
            }
        }
        // sum_j (j + 1) * buckets[j] via running sums from the top bucket down.
        var running = JacobianPoint<T>.Infinity;
        var total = JacobianPoint<T>.Infinity;
        for (int j = buckets.Length - 1; j >= 0; j--)
        {
            CurveArithmetic<T>.Add(in running, in buckets[j], out running);
            CurveArithmetic<T>.Add(in total, in running, out total);
        }
        return total;
    }
}
