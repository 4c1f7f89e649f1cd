namespace Zkp.Bn254.Internal;

/// <summary>
/// Multi-scalar multiplication sum_i [k_i] P_i by the bucket method with signed window digits.
/// Variable time in the scalars (bucket indices and branches depend on them). Points are trusted
/// to be on the curve (and in the subgroup for G2): nothing here checks them.
/// </summary>
/// <remarks>
/// Costs are counted in affine bucket additions (about 6 field multiplications each). The window
/// width c comes from a cost model over the scalars' actual bit lengths (zero scalars cost nothing,
/// small ones touch only their low windows), not from the point count alone: Groth16 witnesses mix
/// 0/1 wires, 64-bit values and full-size field elements.
/// </remarks>
internal static class Pippenger<T>
    where T : unmanaged, IFieldOps<T>
{
    /// <summary>Below this many non-zero terms a plain sum of scalar multiplications is cheaper.</summary>
    private const int NaiveThreshold = 4;

    /// <summary>
    /// Bucket additions a parallel part must have to be worth a thread hand-off (a few milliseconds
    /// of work); below this the whole MSM runs on the calling thread.
    /// </summary>
    private const long ParallelWorkThreshold = 4096;

    /// <summary>
    /// Buckets one accumulation pass keeps: windows are grouped until their buckets reach this
    /// many (so small MSMs fill large affine batches), but no more (so buckets stay in cache).
    /// </summary>
    private const int GroupBucketTarget = 8192;

    /// <summary>
    /// Smallest affine batch worth one field inversion (about 480 multiplications with the
    /// constant-time Fermat inverse): below it buckets are accumulated in Jacobian form.
    /// </summary>
    internal const int MinAffineBatch = 128;

    private const int MaxAffineBatch = 1024;

    /// <summary>Relative cost of one bucket in the final running-sum reduction (a mixed and a full Jacobian addition).</summary>
    private const int ReductionCostPerBucket = 3;

    public static JacobianPoint<T> Run(ReadOnlySpan<AffinePoint<T>> points, ReadOnlySpan<Limbs256> scalars, int maxDegreeOfParallelism)
    {
        // Compact to the terms that contribute: zero scalars and infinity points are dropped here.
        Span<int> bitLengthCounts = stackalloc int[257];
        bitLengthCounts.Clear();
        var termPoints = new AffinePoint<T>[points.Length];
        var termScalars = new Limbs256[points.Length];
        int terms = 0;
        int maxBits = 0;
        for (int i = 0; i < points.Length; i++)
        {
            int bits = scalars[i].BitLength;
            if (bits == 0 || points[i].IsInfinity)
            {
                continue;
            }
            termPoints[terms] = points[i];
            termScalars[terms] = scalars[i];
            terms++;
            bitLengthCounts[bits]++;
            maxBits = Math.Max(maxBits, bits);
        }

        if (terms < NaiveThreshold)
        {
            var sum = JacobianPoint<T>.Infinity;
            for (int i = 0; i < terms; i++)
            {
                CurveArithmetic<T>.MultiplyVartime(CurveArithmetic<T>.FromAffine(in termPoints[i]), in termScalars[i], out var term);
                CurveArithmetic<T>.Add(in sum, in term, out sum);
            }
            return sum;
        }

        int c = WindowBits(bitLengthCounts, maxBits);
        int windows = WindowCount(maxBits, c);
        var digits = new int[checked(terms * windows)];
        ComputeSignedDigits(termScalars.AsSpan(0, terms), c, windows, digits);
        Array.Clear(termScalars);

        // Windows are grouped into parts; each part accumulates its windows' buckets in one pass.
        int half = 1 << (c - 1);
        int windowsPerGroup = Math.Clamp(GroupBucketTarget / half, 1, windows);
        int parts = (windows + windowsPerGroup - 1) / windowsPerGroup;
        long estimatedAdditions = (long)terms * windows;
        bool parallel = maxDegreeOfParallelism != 1 && estimatedAdditions >= 2 * ParallelWorkThreshold;
        if (parallel)
        {
            int cores = maxDegreeOfParallelism <= 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
            int wanted = (int)Math.Min(Math.Min(2L * cores, windows), estimatedAdditions / ParallelWorkThreshold);
            if (wanted > parts)
            {
                parts = wanted;
                windowsPerGroup = (windows + parts - 1) / parts;
                parts = (windows + windowsPerGroup - 1) / windowsPerGroup;
            }
        }

        var windowSums = new JacobianPoint<T>[windows];
        int termCount = terms;
        if (parallel && parts > 1)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism <= 0 ? -1 : maxDegreeOfParallelism };
            Parallel.For(0, parts, options, part => AccumulateWindows(
                termPoints, termCount, digits, windows, c, part * windowsPerGroup, Math.Min(windows, (part + 1) * windowsPerGroup), windowSums));
        }
        else
        {
            for (int part = 0; part < parts; part++)
            {
                AccumulateWindows(termPoints, termCount, digits, windows, c, part * windowsPerGroup, Math.Min(windows, (part + 1) * windowsPerGroup), windowSums);
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

    /// <summary>Signed digits of scalars below 2^maxBits need maxBits + 1 bits: the top digit absorbs the last carry.</summary>
    internal static int WindowCount(int maxBits, int c) => (maxBits + c) / c;

    /// <summary>
    /// The window width minimising (bucket additions) + (buckets to reduce), where a scalar of b bits
    /// adds into at most ceil((b + 1) / c) windows; between 2 and 16 bits.
    /// </summary>
    internal static int WindowBits(ReadOnlySpan<int> bitLengthCounts, int maxBits)
    {
        int best = 2;
        long bestCost = long.MaxValue;
        for (int c = 2; c <= 16; c++)
        {
            int windows = WindowCount(maxBits, c);
            long additions = 0;
            for (int bits = 1; bits <= maxBits; bits++)
            {
                additions += (long)bitLengthCounts[bits] * ((bits + c) / c);
            }
            long cost = additions + (long)windows * (1L << (c - 1)) * ReductionCostPerBucket;
            if (cost < bestCost)
            {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }

    /// <summary>
    /// Splits each scalar into base-2^c digits in [-(2^(c-1) - 1), 2^(c-1)], so only 2^(c-1) buckets
    /// are needed per window. digits[i * windows + w] is digit w of scalar i. The caller sizes
    /// windows so that the last carry is absorbed (<see cref="WindowCount"/>).
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

    /// <summary>
    /// Fills windowSums[from..to) with sum_j (j + 1) * bucket_j of each window. The buckets of all
    /// these windows live in one array (window-major) so that one pass over the points fills them,
    /// with affine batches spanning the windows when there are enough buckets to keep collisions rare.
    /// </summary>
    private static void AccumulateWindows(AffinePoint<T>[] points, int terms, int[] digits, int windows, int c, int from, int to, JacobianPoint<T>[] windowSums)
    {
        int half = 1 << (c - 1);
        int bucketCount = (to - from) * half;
        int batchSize = Math.Min(bucketCount / 4, MaxAffineBatch);
        var overflow = new JacobianPoint<T>[bucketCount];
        overflow.AsSpan().Fill(JacobianPoint<T>.Infinity);
        AffinePoint<T>[]? affine = null;
        if (batchSize >= MinAffineBatch && (long)terms * (to - from) >= 4L * batchSize)
        {
            affine = new AffinePoint<T>[bucketCount]; // (0, 0): empty
            AccumulateBatchAffine(points, terms, digits, windows, half, from, to, batchSize, affine, overflow);
        }
        else
        {
            AccumulateJacobian(points, terms, digits, windows, half, from, to, overflow);
        }

        for (int w = from; w < to; w++)
        {
            int offset = (w - from) * half;
            // sum_j (j + 1) * bucket_j via running sums from the top bucket down.
            var running = JacobianPoint<T>.Infinity;
            var total = JacobianPoint<T>.Infinity;
            for (int j = half - 1; j >= 0; j--)
            {
                ref readonly var jacobianPart = ref overflow[offset + j];
                if (!jacobianPart.IsInfinity)
                {
                    CurveArithmetic<T>.Add(in running, in jacobianPart, out running);
                }
                if (affine is not null)
                {
                    CurveArithmetic<T>.AddMixed(in running, in affine[offset + j], out running);
                }
                CurveArithmetic<T>.Add(in total, in running, out total);
            }
            windowSums[w] = total;
        }
    }

    private static void AccumulateJacobian(AffinePoint<T>[] points, int terms, int[] digits, int windows, int half, int from, int to, JacobianPoint<T>[] buckets)
    {
        for (int i = 0; i < terms; i++)
        {
            int row = i * windows;
            for (int w = from; w < to; w++)
            {
                int d = digits[row + w];
                if (d == 0)
                {
                    continue;
                }
                int bucket = (w - from) * half + (d > 0 ? d - 1 : -d - 1);
                var point = d > 0 ? points[i] : CurveArithmetic<T>.Negate(in points[i]);
                CurveArithmetic<T>.AddMixed(in buckets[bucket], in point, out buckets[bucket]);
            }
        }
    }

    /// <summary>
    /// Bucket accumulation in affine coordinates: additions are queued in batches (at most one per
    /// bucket per batch) and share one field inversion by Montgomery's trick, so an addition costs
    /// about 6 multiplications instead of the 11 of a mixed Jacobian addition. Additions that would
    /// collide within a batch, or that are doublings or cancellations (equal x), go to the Jacobian
    /// overflow bucket instead, which keeps the affine formula free of exceptional cases.
    /// </summary>
    private static void AccumulateBatchAffine(
        AffinePoint<T>[] points, int terms, int[] digits, int windows, int half, int from, int to, int batchSize, AffinePoint<T>[] affine, JacobianPoint<T>[] overflow)
    {
        var inBatch = new bool[affine.Length];
        var pendingBucket = new int[batchSize];
        var pendingPoint = new AffinePoint<T>[batchSize];
        var denominators = new T[batchSize];
        var prefix = new T[batchSize];
        int pending = 0;

        for (int i = 0; i < terms; i++)
        {
            int row = i * windows;
            for (int w = from; w < to; w++)
            {
                int d = digits[row + w];
                if (d == 0)
                {
                    continue;
                }
                int bucket = (w - from) * half + (d > 0 ? d - 1 : -d - 1);
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
        }
        FlushBatch(affine, inBatch, pendingBucket, pendingPoint, denominators, prefix, pending);
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
            ref readonly var a = ref affine[b];
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
