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

    /// <summary>From this size buckets are accumulated in affine form with batched inversions.</summary>
    internal const int BatchAffineThreshold = 512;

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
            Parallel.For(0, windows, options, w => windowSums[w] = SumWindowDispatch(pointArray, digits, w, windows, c));
        }
        else
        {
            for (int w = 0; w < windows; w++)
            {
                windowSums[w] = SumWindowDispatch(pointArray, digits, w, windows, c);
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

    private static JacobianPoint<T> SumWindowDispatch(AffinePoint<T>[] points, int[] digits, int w, int windows, int c) =>
        points.Length >= BatchAffineThreshold
            ? SumWindowBatchAffine(points, digits, w, windows, c)
            : SumWindow(points, digits, w, windows, c);

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

    /// <summary>
    /// Bucket accumulation in affine coordinates: additions are queued in batches (at most one per
    /// bucket per batch) and share one field inversion by Montgomery's trick, so an addition costs
    /// about 6 multiplications instead of the 11 of a mixed Jacobian addition. Additions that would
    /// collide within a batch, or that are doublings or cancellations (equal x), go to a Jacobian
    /// overflow bucket instead, which keeps the affine formula free of exceptional cases.
    /// </summary>
    private static JacobianPoint<T> SumWindowBatchAffine(AffinePoint<T>[] points, int[] digits, int w, int windows, int c)
    {
        int bucketCount = 1 << (c - 1);
        int batchSize = Math.Clamp(bucketCount / 8, 16, 1024);
        var affine = new AffinePoint<T>[bucketCount]; // (0, 0): empty
        var inBatch = new bool[bucketCount];
        var overflow = new JacobianPoint<T>[bucketCount];
        overflow.AsSpan().Fill(JacobianPoint<T>.Infinity);
        var pendingBucket = new int[batchSize];
        var pendingPoint = new AffinePoint<T>[batchSize];
        var denominators = new T[batchSize];
        var prefix = new T[batchSize];
        int pending = 0;

        for (int i = 0; i < points.Length; i++)
        {
            int d = digits[i * windows + w];
            if (d == 0 || points[i].IsInfinity)
            {
                continue;
            }
            int bucket = d > 0 ? d - 1 : -d - 1;
            var point = d > 0 ? points[i] : CurveArithmetic<T>.Negate(in points[i]);
            if (inBatch[bucket] || T.AreEqual(in affine[bucket].X, in point.X))
            {
                CurveArithmetic<T>.AddMixed(in overflow[bucket], in point, out overflow[bucket]);
                continue;
            }
            if (affine[bucket].IsInfinity)
            {
                affine[bucket] = point;
                continue;
            }
            inBatch[bucket] = true;
            pendingBucket[pending] = bucket;
            pendingPoint[pending] = point;
            pending++;
            if (pending == batchSize)
            {
                FlushBatch(affine, inBatch, pendingBucket, pendingPoint, denominators, prefix, pending);
                pending = 0;
            }
        }
        FlushBatch(affine, inBatch, pendingBucket, pendingPoint, denominators, prefix, pending);

        var running = JacobianPoint<T>.Infinity;
        var total = JacobianPoint<T>.Infinity;
        for (int j = bucketCount - 1; j >= 0; j--)
        {
            CurveArithmetic<T>.AddMixed(in overflow[j], in affine[j], out var bucket);
            CurveArithmetic<T>.Add(in running, in bucket, out running);
            CurveArithmetic<T>.Add(in total, in running, out total);
        }
        return total;
    }

    /// <summary>affine[b] += point for each queued pair, all x coordinates distinct, one inversion in total.</summary>
    private static void FlushBatch(
        AffinePoint<T>[] affine, bool[] inBatch, int[] pendingBucket, AffinePoint<T>[] pendingPoint, T[] denominators, T[] prefix, int count)
    {
        if (count == 0)
        {
            return;
        }
        var acc = T.OneElement;
        for (int k = 0; k < count; k++)
        {
            prefix[k] = acc;
            T.Subtract(in pendingPoint[k].X, in affine[pendingBucket[k]].X, out denominators[k]);
            T.Multiply(in acc, in denominators[k], out acc);
        }
        var inverse = T.InvertOrZero(in acc);
        for (int k = count - 1; k >= 0; k--)
        {
            T.Multiply(in inverse, in prefix[k], out var denominatorInverse);
            T.Multiply(in inverse, in denominators[k], out inverse);
            int b = pendingBucket[k];
            ref readonly var q = ref pendingPoint[k];
            var a = affine[b];
            T.Subtract(in q.Y, in a.Y, out var lambda);
            T.Multiply(in lambda, in denominatorInverse, out lambda);
            T.Square(in lambda, out var x3);
            T.Subtract(in x3, in a.X, out x3);
            T.Subtract(in x3, in q.X, out x3);
            T.Subtract(in a.X, in x3, out var y3);
            T.Multiply(in lambda, in y3, out y3);
            T.Subtract(in y3, in a.Y, out y3);
            affine[b] = new AffinePoint<T>(x3, y3);
            inBatch[b] = false;
        }
    }
}
