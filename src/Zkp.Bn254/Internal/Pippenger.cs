using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;

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
    /// A field inversion in multiplications (the constant-time divstep inversion: about 2.8 us
    /// against 44 ns; Fermat's, before the fourth session, was about 330).
    /// </summary>
    internal const int InversionCost = 64;

    /// <summary>
    /// Smallest affine batch worth one field inversion: 6 + 64 / 32 = 8 multiplications per
    /// addition against 11 for a mixed Jacobian one (and its share of the final full addition).
    /// Below it buckets are accumulated in Jacobian form. (With Fermat's inversion this was 128.)
    /// </summary>
    internal const int MinAffineBatch = 32;

    private const int MaxAffineBatch = 1024;

    /// <summary>
    /// Additions a prepared-bases part must have per bucket of its own before splitting the terms
    /// pays: each part's reduction costs about 4 additions per bucket.
    /// </summary>
    private const int PreparedAdditionsPerPartPerBucket = 16;

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
            Array.Clear(termScalars);
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

        Array.Clear(digits); // the digits are the (possibly secret) scalars in another form

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
    /// these windows live in one set (window-major) so that one pass over the points fills them,
    /// with affine batches spanning the windows when there are enough buckets to keep collisions rare.
    /// </summary>
    private static void AccumulateWindows(AffinePoint<T>[] points, int terms, int[] digits, int windows, int c, int from, int to, JacobianPoint<T>[] windowSums)
    {
        int half = 1 << (c - 1);
        var buckets = new BucketSet((to - from) * half, (long)terms * (to - from));
        for (int i = 0; i < terms; i++)
        {
            int row = i * windows;
            for (int w = from; w < to; w++)
            {
                int d = digits[row + w];
                if (d != 0)
                {
                    buckets.Add((w - from) * half + (d > 0 ? d - 1 : -d - 1), in points[i], d < 0);
                }
            }
        }
        buckets.Finish();
        for (int w = from; w < to; w++)
        {
            windowSums[w] = buckets.WeightedSum((w - from) * half, half);
        }
    }

    /// <summary>
    /// MSM over prepared bases (bases[i * tableWindows + w] = 2^(c w) P_i): every window's digit
    /// adds its shifted base into one shared set of buckets, so the running-sum reduction happens
    /// once instead of once per window and there is no doubling at all. Terms are split into
    /// contiguous parts (one bucket set each) when running in parallel. scalars[i] multiplies base
    /// <paramref name="start"/> + i (the caller checks that the range is inside the table).
    /// </summary>
    public static JacobianPoint<T> RunPrepared(PreparedBases<T> table, int start, ReadOnlySpan<Limbs256> scalars, int maxDegreeOfParallelism)
    {
        Span<int> bitLengthCounts = stackalloc int[257];
        bitLengthCounts.Clear();
        var termIndex = new int[scalars.Length];
        var termScalars = new Limbs256[scalars.Length];
        int terms = 0;
        int maxBits = 0;
        int tableWindows = table.Windows;
        var bases = table.Bases;
        for (int i = 0; i < scalars.Length; i++)
        {
            int bits = scalars[i].BitLength;
            if (bits == 0 || bases[(start + i) * tableWindows].IsInfinity)
            {
                continue;
            }
            termIndex[terms] = start + i;
            termScalars[terms] = scalars[i];
            terms++;
            bitLengthCounts[bits]++;
            maxBits = Math.Max(maxBits, bits);
        }

        if (terms == 0)
        {
            return JacobianPoint<T>.Infinity;
        }

        int c = table.WindowBits;
        int windows = WindowCount(maxBits, c); // <= tableWindows: canonical scalars have at most 254 bits
        var digits = new int[checked(terms * windows)];
        ComputeSignedDigits(termScalars.AsSpan(0, terms), c, windows, digits);
        Array.Clear(termScalars);

        // Every part has its own buckets and pays its own running-sum reduction (2^(c-1) buckets,
        // about 4 additions' worth each), so a part must have many times that in additions: a
        // Groth16 prover's small MSMs (a few hundred full-size scalars on a 2^11-bucket table) run
        // faster on one core, with the prover's other MSMs on the other.
        int half = 1 << (c - 1);
        long estimatedAdditions = (long)terms * windows;
        int parts = 1;
        if (maxDegreeOfParallelism != 1 && estimatedAdditions >= 2 * ParallelWorkThreshold)
        {
            int cores = maxDegreeOfParallelism <= 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
            long worthwhile = estimatedAdditions / Math.Max(ParallelWorkThreshold, (long)PreparedAdditionsPerPartPerBucket * half);
            parts = (int)Math.Max(1, Math.Min(Math.Min(2L * cores, terms), worthwhile));
        }

        var partSums = new JacobianPoint<T>[parts];
        int termCount = terms;
        void Part(int part)
        {
            int start = (int)((long)termCount * part / parts);
            int end = (int)((long)termCount * (part + 1) / parts);
            var buckets = new BucketSet(half, (long)(end - start) * windows);
            for (int t = start; t < end; t++)
            {
                int row = t * windows;
                int baseRow = termIndex[t] * tableWindows;
                for (int w = 0; w < windows; w++)
                {
                    int d = digits[row + w];
                    if (d != 0)
                    {
                        buckets.Add(d > 0 ? d - 1 : -d - 1, in bases[baseRow + w], d < 0);
                    }
                }
            }
            buckets.Finish();
            partSums[part] = buckets.WeightedSum(0, half);
        }

        if (parts > 1)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism <= 0 ? -1 : maxDegreeOfParallelism };
            Parallel.For(0, parts, options, Part);
        }
        else
        {
            Part(0);
        }

        Array.Clear(digits);
        var result = partSums[0];
        for (int part = 1; part < parts; part++)
        {
            CurveArithmetic<T>.Add(in result, in partSums[part], out result);
        }
        return result;
    }

    /// <summary>
    /// Window width for prepared bases of <paramref name="count"/> points, assuming full-size
    /// scalars, in field multiplications: n ceil(255 / c) additions into a single set of 2^(c-1)
    /// buckets, each 6 plus its share of the batch inversion (<see cref="InversionCost"/> / batch; 11 for Jacobian
    /// buckets when the set is too small for affine batches), plus a 27-multiplication running-sum
    /// step per bucket and parallel part (two assumed). Between 4 and 16 bits.
    /// </summary>
    internal static int PreparedWindowBits(int count)
    {
        int best = 4;
        double bestCost = double.MaxValue;
        for (int c = 4; c <= 16; c++)
        {
            int half = 1 << (c - 1);
            int batch = Math.Min(half / 4, MaxAffineBatch);
            double additionCost = batch >= MinAffineBatch ? 6 + ((double)InversionCost / batch) : 11;
            double cost = ((double)count * WindowCount(254, c) * additionCost) + (2.0 * half * 27);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }

    /// <summary>
    /// A set of buckets filled by <see cref="Add"/>. With enough buckets and additions, additions are
    /// queued in affine batches (at most one per bucket per batch) that share one field inversion by
    /// Montgomery's trick, about 6 multiplications per addition instead of the 11 of a mixed Jacobian
    /// addition. An addition whose bucket is already in the batch waits in a deferred list for the
    /// next batch (once: if its bucket is taken again, and when the list is full, it goes to the
    /// bucket's Jacobian overflow); doublings and cancellations (equal x) always go to the overflow,
    /// which keeps the affine formula free of exceptional cases. Without enough buckets every
    /// addition is Jacobian.
    /// </summary>
    /// <remarks>
    /// Before deferral, every collision cost a Jacobian addition plus, at the reduction, a full
    /// Jacobian addition for each bucket whose overflow was used: with 1024 buckets and batches of
    /// 256 (the claim circuit's tables) that was about an eighth of the additions and half the buckets.
    /// </remarks>
    private sealed class BucketSet
    {
        private readonly JacobianPoint<T>[] overflow;
        private readonly AffinePoint<T>[]? affine; // (0, 0): empty
        private readonly bool[]? inBatch;
        private readonly int[] pendingBucket = [];
        private readonly AffinePoint<T>[] pendingPoint = [];
        private readonly AffineBatch? batch;
        private readonly int[] deferredBucket = [];
        private readonly AffinePoint<T>[] deferredPoint = [];
        private int pending;
        private int deferred;

        public BucketSet(int bucketCount, long expectedAdditions)
        {
            overflow = new JacobianPoint<T>[bucketCount];
            overflow.AsSpan().Fill(JacobianPoint<T>.Infinity);
            int batchSize = Math.Min(bucketCount / 4, MaxAffineBatch);
            if (batchSize >= MinAffineBatch && expectedAdditions >= 4L * batchSize)
            {
                affine = new AffinePoint<T>[bucketCount];
                inBatch = new bool[bucketCount];
                pendingBucket = new int[batchSize];
                pendingPoint = new AffinePoint<T>[batchSize];
                batch = new AffineBatch(batchSize);
                deferredBucket = new int[batchSize];
                deferredPoint = new AffinePoint<T>[batchSize];
            }
        }

        /// <summary>bucket += (negate ? -point : point); point is not infinity.</summary>
        public void Add(int bucket, in AffinePoint<T> point, bool negate)
        {
            var term = negate ? CurveArithmetic<T>.Negate(in point) : point;
            if (affine is null)
            {
                CurveArithmetic<T>.AddMixed(in overflow[bucket], in term, out overflow[bucket]);
                return;
            }
            if (inBatch![bucket])
            {
                if (deferred < deferredBucket.Length)
                {
                    deferredBucket[deferred] = bucket;
                    deferredPoint[deferred] = term;
                    deferred++;
                }
                else
                {
                    CurveArithmetic<T>.AddMixed(in overflow[bucket], in term, out overflow[bucket]);
                }
                return;
            }
            Queue(bucket, in term);
        }

        /// <summary>Queues bucket += term for the next batch; the bucket is not in the current batch.</summary>
        private void Queue(int bucket, in AffinePoint<T> term)
        {
            ref var a = ref affine![bucket];
            if (T.AreEqual(in a.X, in term.X))
            {
                CurveArithmetic<T>.AddMixed(in overflow[bucket], in term, out overflow[bucket]);
                return;
            }
            if (a.IsInfinity)
            {
                a = term;
                return;
            }
            inBatch![bucket] = true;
            pendingBucket[pending] = bucket;
            pendingPoint[pending] = term;
            pending++;
            if (pending == pendingBucket.Length)
            {
                Flush();
            }
        }

        /// <summary>Completes every queued and deferred addition. Call before <see cref="WeightedSum"/>.</summary>
        public void Finish()
        {
            Flush(); // leaves no deferred additions: each is queued for the next batch or spilled
            Flush();
        }

        /// <summary>
        /// affine[b] += point for each queued pair, all x coordinates distinct, one inversion in
        /// total; then the deferred additions are queued for the next batch (or spilled to the
        /// overflow when their bucket is taken again).
        /// </summary>
        private void Flush()
        {
            if (affine is null)
            {
                return;
            }
            if (pending > 0)
            {
                batch!.AddTo(affine, pendingBucket.AsSpan(0, pending), pendingPoint.AsSpan(0, pending));
                for (int k = 0; k < pending; k++)
                {
                    inBatch![pendingBucket[k]] = false;
                }

                pending = 0;
            }

            // At most deferredBucket.Length (= the batch size) items: queuing them can fill the
            // batch only with the last one, whose nested Flush finds no deferred items left.
            int count = deferred;
            deferred = 0;
            for (int k = 0; k < count; k++)
            {
                int b = deferredBucket[k];
                if (inBatch![b])
                {
                    CurveArithmetic<T>.AddMixed(in overflow[b], in deferredPoint[k], out overflow[b]);
                }
                else
                {
                    Queue(b, in deferredPoint[k]);
                }
            }
        }

        /// <summary>sum_j (j + 1) * bucket[offset + j] for j &lt; count. Call after <see cref="Finish"/>.</summary>
        public JacobianPoint<T> WeightedSum(int offset, int count)
        {
            if (affine is not null && count >= TwoLevelMinBuckets)
            {
                return WeightedSumTwoLevel(affine.AsSpan(offset, count), overflow.AsSpan(offset, count));
            }

            return WeightedSumRunning(affine is null ? default : affine.AsSpan(offset, count), overflow.AsSpan(offset, count));
        }
    }

    /// <summary>
    /// Fewest buckets for which <see cref="WeightedSumTwoLevel"/> beats the running sums: it pays
    /// one field inversion per halving round (<see cref="InversionCost"/>), the running sums 27
    /// multiplications per bucket: at 64 buckets about 1,500 against 1,700. (256 with Fermat's inversion.)
    /// </summary>
    internal const int TwoLevelMinBuckets = 64;

    /// <summary>
    /// sum_{k=1..N} k B_k with B_k = affine[k-1] + overflow[k-1] (affine (0, 0) and Jacobian Z = 0
    /// are empty) by running sums from the top bucket down: a mixed and a full Jacobian addition per
    /// bucket (about 27 field multiplications). <paramref name="affine"/> may be empty (no affine part).
    /// </summary>
    internal static JacobianPoint<T> WeightedSumRunning(ReadOnlySpan<AffinePoint<T>> affine, ReadOnlySpan<JacobianPoint<T>> overflow)
    {
        var running = JacobianPoint<T>.Infinity;
        var total = JacobianPoint<T>.Infinity;
        for (int j = overflow.Length - 1; j >= 0; j--)
        {
            ref readonly var jacobianPart = ref overflow[j];
            if (!jacobianPart.IsInfinity)
            {
                CurveArithmetic<T>.Add(in running, in jacobianPart, out running);
            }
            if (!affine.IsEmpty)
            {
                CurveArithmetic<T>.AddMixed(in running, in affine[j], out running);
            }
            CurveArithmetic<T>.Add(in total, in running, out total);
        }
        return total;
    }

    /// <summary>
    /// The same sum as <see cref="WeightedSumRunning"/>, with k = a + m b (m a power of two near
    /// sqrt N): sum_k k B_k = sum_{a&lt;m} a S_a + m sum_b b T_b, where S_a sums the buckets with
    /// k mod m = a and T_b those with k div m = b. The 2N additions into the S and T groups are
    /// independent, so they run as affine additions in halving rounds sharing one inversion per
    /// round (about 6 multiplications each); only the 2 sqrt N group sums need running sums.
    /// About 12 N + 64 sqrt N + 64 log2(sqrt N) multiplications instead of 27 N.
    /// </summary>
    /// <remarks>
    /// Exceptional pairs (equal x: doubling or cancellation) and the Jacobian overflow parts go to a
    /// per-group Jacobian sum with the exception-handling formulas. Variable time, like the MSM.
    /// </remarks>
    internal static JacobianPoint<T> WeightedSumTwoLevel(ReadOnlySpan<AffinePoint<T>> affine, ReadOnlySpan<JacobianPoint<T>> overflow)
    {
        int n = affine.Length;
        int log2M = (System.Numerics.BitOperations.Log2((uint)n) + 1) / 2;
        int m = 1 << log2M;
        int maxB = n >> log2M;
        // Groups: S_a at index a (1 <= a < m), T_b at index m - 1 + b (1 <= b <= maxB); weight-0
        // groups (a = 0, b = 0) are not built.
        int groups = m + maxB;
        // The scratch arrays are rented: this runs once per window of every large MSM (a few MB for
        // 2^14 buckets), and fresh arrays made the 62k prove allocate about 90 MB more per proof.
        // Every element is written before it is read, except counts, which starts cleared.
        var counts = ArrayPool<int>.Shared.Rent(groups);
        var starts = ArrayPool<int>.Shared.Rent(groups + 1);
        var fill = ArrayPool<int>.Shared.Rent(groups + 1);
        var extra = ArrayPool<JacobianPoint<T>>.Shared.Rent(groups);
        AffinePoint<T>[]? src = null, dst = null, secondPoints = null;
        int[]? pairP = null, pairOut = null;
        try
        {
            counts.AsSpan(0, groups).Clear();
            for (int k = 1; k <= n; k++)
            {
                if (affine[k - 1].IsInfinity)
                {
                    continue;
                }

                int a = k & (m - 1);
                int b = k >> log2M;
                if (a != 0)
                {
                    counts[a]++;
                }

                if (b != 0)
                {
                    counts[m - 1 + b]++;
                }
            }

            starts[0] = 0;
            for (int g = 0; g < groups; g++)
            {
                starts[g + 1] = starts[g] + counts[g];
            }

            int entries = Math.Max(1, starts[groups]);
            src = ArrayPool<AffinePoint<T>>.Shared.Rent(entries);
            dst = ArrayPool<AffinePoint<T>>.Shared.Rent(entries);
            starts.AsSpan(0, groups + 1).CopyTo(fill);
            extra.AsSpan(0, groups).Fill(JacobianPoint<T>.Infinity);
            for (int k = 1; k <= n; k++)
            {
                int a = k & (m - 1);
                int b = k >> log2M;
                ref readonly var point = ref affine[k - 1];
                if (!point.IsInfinity)
                {
                    if (a != 0)
                    {
                        src[fill[a]++] = point;
                    }

                    if (b != 0)
                    {
                        src[fill[m - 1 + b]++] = point;
                    }
                }

                ref readonly var jacobian = ref overflow[k - 1];
                if (!jacobian.IsInfinity)
                {
                    if (a != 0)
                    {
                        CurveArithmetic<T>.Add(in extra[a], in jacobian, out extra[a]);
                    }

                    if (b != 0)
                    {
                        CurveArithmetic<T>.Add(in extra[m - 1 + b], in jacobian, out extra[m - 1 + b]);
                    }
                }
            }

            // Halving rounds: pairs of each group are added in one batch; the results (and an odd
            // group's last point) are compacted to the front of the group's range in dst.
            int maxPairs = (entries / 2) + 1;
            pairP = ArrayPool<int>.Shared.Rent(maxPairs);
            pairOut = ArrayPool<int>.Shared.Rent(maxPairs);
            secondPoints = ArrayPool<AffinePoint<T>>.Shared.Rent(maxPairs);
            var batch = new AffineBatch(maxPairs);
            bool more = true;
            while (more)
            {
                more = false;
                int pairs = 0;
                for (int g = 0; g < groups; g++)
                {
                    int count = counts[g];
                    int start = starts[g];
                    int written = 0;
                    for (int i = 0; i + 1 < count; i += 2)
                    {
                        ref readonly var p = ref src[start + i];
                        ref readonly var q = ref src[start + i + 1];
                        if (T.AreEqual(in p.X, in q.X))
                        {
                            CurveArithmetic<T>.AddMixed(in extra[g], in p, out extra[g]);
                            CurveArithmetic<T>.AddMixed(in extra[g], in q, out extra[g]);
                            continue;
                        }

                        pairP[pairs] = start + i;
                        pairOut[pairs] = start + written++;
                        pairs++;
                    }

                    if ((count & 1) != 0)
                    {
                        dst[start + written++] = src[start + count - 1];
                    }

                    counts[g] = written;
                    more |= written > 1;
                }

                // Each pair's first point goes to its output slot and the second is added there (the
                // output slots are distinct; pairs with equal x went to extra above).
                for (int k = 0; k < pairs; k++)
                {
                    dst[pairOut[k]] = src[pairP[k]];
                    secondPoints[k] = src[pairP[k] + 1];
                }

                batch.AddTo(dst, pairOut.AsSpan(0, pairs), secondPoints.AsSpan(0, pairs));
                (src, dst) = (dst, src);
            }

            // Group sums, then sum_a a S_a and sum_b b T_b by running sums, then the second times m.
            // (extra becomes the group sums in place.)
            for (int g = 0; g < groups; g++)
            {
                if (counts[g] == 1)
                {
                    CurveArithmetic<T>.AddMixed(in extra[g], in src[starts[g]], out extra[g]);
                }
            }

            var low = RunningWeightedSum(extra.AsSpan(1, m - 1));
            var high = RunningWeightedSum(extra.AsSpan(m, maxB));
            for (int d = 0; d < log2M; d++)
            {
                CurveArithmetic<T>.Double(in high, out high);
            }

            CurveArithmetic<T>.Add(in low, in high, out var result);
            return result;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(fill);
            ArrayPool<JacobianPoint<T>>.Shared.Return(extra);
            ReturnIfRented(src);
            ReturnIfRented(dst);
            ReturnIfRented(secondPoints);
            ReturnIfRented(pairP);
            ReturnIfRented(pairOut);
        }
    }

    /// <summary>
    /// Affine additions targets[index[k]] += points[k] sharing one field inversion (Montgomery's trick),
    /// for the bucket sets and the two-level reduction alike: four lanes wide with
    /// <see cref="BatchAffineG1"/> for G1 on AVX2, otherwise the scalar chain below.
    /// </summary>
    /// <remarks>
    /// Does not check its preconditions (the callers guarantee them): every target and point is finite,
    /// the targets of one call are distinct, and no point has its target's x (no doubling or
    /// cancellation); a violated one gives a wrong point, not an exception.
    /// </remarks>
    private sealed class AffineBatch(int capacity)
    {
        private readonly BatchAffineG1? vector = typeof(T) == typeof(Fp) && FpVector4.IsSupported ? new BatchAffineG1(capacity) : null;

        public void AddTo(Span<AffinePoint<T>> targets, ReadOnlySpan<int> index, ReadOnlySpan<AffinePoint<T>> points)
        {
            int count = points.Length;
            if (count == 0)
            {
                return;
            }

            if (vector is not null)
            {
                vector.AddPairs(
                    MemoryMarshal.Cast<AffinePoint<T>, AffinePoint<Fp>>(targets),
                    index,
                    MemoryMarshal.Cast<AffinePoint<T>, AffinePoint<Fp>>(points));
                return;
            }

            // Scratch rented per call: one call is a whole batch (up to MaxAffineBatch additions or a
            // halving round), so renting costs nothing next to the batch's multiplications.
            var denominators = ArrayPool<T>.Shared.Rent(count);
            var prefix = ArrayPool<T>.Shared.Rent(count);
            try
            {
                var acc = T.OneElement;
                for (int k = 0; k < count; k++)
                {
                    prefix[k] = acc;
                    T.Subtract(in points[k].X, in targets[index[k]].X, out denominators[k]);
                    T.Multiply(in acc, in denominators[k], out acc);
                }

                var inverse = T.InvertOrZero(in acc);
                for (int k = count - 1; k >= 0; k--)
                {
                    T.Multiply(in inverse, in prefix[k], out var denominatorInverse);
                    T.Multiply(in inverse, in denominators[k], out inverse);
                    ref var target = ref targets[index[k]];
                    AddChord(in target, in points[k], in denominatorInverse, out target);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(denominators);
                ArrayPool<T>.Shared.Return(prefix);
            }
        }
    }

    private static void ReturnIfRented<TElement>(TElement[]? array)
    {
        if (array is not null)
        {
            ArrayPool<TElement>.Shared.Return(array);
        }
    }

    /// <summary>
    /// p + q in affine form given 1 / (q.X - p.X) from a batch inversion: the chord through both.
    /// Does not check that p.X != q.X or that neither is infinity; the batching callers route those
    /// pairs to Jacobian additions before queuing. result may alias p or q (both are read first).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddChord(in AffinePoint<T> p, in AffinePoint<T> q, in T denominatorInverse, out AffinePoint<T> result)
    {
        T.Subtract(in q.Y, in p.Y, out var lambda);
        T.Multiply(in lambda, in denominatorInverse, out lambda);
        T.Square(in lambda, out var x3);
        T.Subtract(in x3, in p.X, out x3);
        T.Subtract(in x3, in q.X, out x3);
        T.Subtract(in p.X, in x3, out var y3);
        T.Multiply(in lambda, in y3, out y3);
        T.Subtract(in y3, in p.Y, out y3);
        result = new AffinePoint<T>(x3, y3);
    }

    // sum_j (j + 1) points[j].
    private static JacobianPoint<T> RunningWeightedSum(ReadOnlySpan<JacobianPoint<T>> points)
    {
        var running = JacobianPoint<T>.Infinity;
        var total = JacobianPoint<T>.Infinity;
        for (int j = points.Length - 1; j >= 0; j--)
        {
            CurveArithmetic<T>.Add(in running, in points[j], out running);
            CurveArithmetic<T>.Add(in total, in running, out total);
        }

        return total;
    }
}

/// <summary>
/// Bases prepared for repeated MSMs: Bases[i * Windows + w] = 2^(WindowBits * w) P_i in affine form,
/// for every window a canonical scalar (below 2^254) can need. Built once per point set (a proving
/// key's), at the cost of about 254 doublings per point and Windows points of memory per point.
/// </summary>
internal sealed class PreparedBases<T>
    where T : unmanaged, IFieldOps<T>
{
    private PreparedBases(int count, int windowBits, int windows, AffinePoint<T>[] bases)
    {
        Count = count;
        WindowBits = windowBits;
        Windows = windows;
        Bases = bases;
    }

    public int Count { get; }

    public int WindowBits { get; }

    public int Windows { get; }

    public AffinePoint<T>[] Bases { get; }

    /// <summary>Points are trusted to be valid (on the curve, in the subgroup); infinity is allowed.</summary>
    public static PreparedBases<T> Create(ReadOnlySpan<AffinePoint<T>> points, int windowBits, int maxDegreeOfParallelism)
    {
        int windows = Pippenger<T>.WindowCount(254, windowBits);
        var bases = new AffinePoint<T>[checked(points.Length * windows)];
        var source = points.ToArray();
        // Chunks small enough that their Jacobian scratch (chunkSize x windows x 96 bytes for G1) stays
        // under the large-object threshold: with 256-point chunks a 2^16-point key left hundreds of
        // MB of dead large-object scratch for the next full collection (working set, not live heap).
        int chunkSize = Math.Max(4, 80_000 / (windows * Unsafe.SizeOf<JacobianPoint<T>>()));
        int chunks = (source.Length + chunkSize - 1) / chunkSize;
        void Build(int chunk)
        {
            int from = chunk * chunkSize;
            int to = Math.Min(source.Length, from + chunkSize);
            var jacobian = new JacobianPoint<T>[(to - from) * windows];
            for (int i = from; i < to; i++)
            {
                var p = CurveArithmetic<T>.FromAffine(in source[i]);
                int row = (i - from) * windows;
                for (int w = 0; w < windows; w++)
                {
                    jacobian[row + w] = p;
                    for (int d = 0; d < windowBits && w + 1 < windows; d++)
                    {
                        CurveArithmetic<T>.Double(in p, out p);
                    }
                }
            }
            CurveArithmetic<T>.BatchToAffine(jacobian, bases.AsSpan(from * windows, (to - from) * windows));
        }

        if (maxDegreeOfParallelism != 1 && chunks > 1)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism <= 0 ? -1 : maxDegreeOfParallelism };
            Parallel.For(0, chunks, options, Build);
        }
        else
        {
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                Build(chunk);
            }
        }
        return new PreparedBases<T>(points.Length, windowBits, windows, bases);
    }
}
