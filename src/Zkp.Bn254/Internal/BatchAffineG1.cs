using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Zkp.Bn254.Internal;

/// <summary>
/// Batches of affine G1 additions bucket[b_k] += q_k with one shared inversion (Montgomery's trick),
/// four additions at a time in the lanes of <see cref="FpVector4"/>: lane l takes additions
/// l, l + 4, l + 8, ..., so the prefix products form four independent chains whose totals are
/// inverted together (one scalar inversion and nine scalar multiplications per batch).
/// AVX2 only (<see cref="FpVector4.IsSupported"/>); <see cref="Pippenger{T}"/>'s scalar batch is
/// the path without it and for G2.
/// </summary>
/// <remarks>
/// <para>Does not check its preconditions: every bucket and point is a finite point on the curve,
/// the buckets of one batch are distinct, and bucket.X != q.X (no doubling or cancellation). The
/// bucket set queues only such pairs (<c>Pippenger.BucketSet.Queue</c>); a violated one gives a
/// wrong point, not an exception.</para>
/// <para>Bounds (units of p; every multiplication input must stay below 128 p, see
/// <see cref="FpVector4"/>; a product of values below alpha p and beta p is below
/// (alpha beta / 128 + 1) p): inputs x1, y1, x2, y2 enter as 32 times canonical values, below 32.
/// d = x2 + 32p - x1 and dy = y2 + 32p - y1 are below 64. Prefix products: below 64 * 64 / 128 + 1 = 33.
/// The chain inverse enters below 32 and its updates stay below 33; a denominator inverse (inverse
/// times prefix) below 33; lambda = dy / d below 64 * 33 / 128 + 1 &lt; 17.5; lambda^2 below 3.4;
/// x3 = lambda^2 + 64p - x1 - x2 below 67.4 (x1 + x2 &lt; 64 p); x1 + 96p - x3 below 128 (x3 &lt; 96 p);
/// y3 = lambda (x1 - x3) + 32p - y1 below 18.5 + 32 = 50.5. The way out needs less than 2^261 - 32 p
/// (139 p) and gives (v + m p) / 32 &lt; 3.2 p, fully reduced by at most three subtractions.</para>
/// </remarks>
internal sealed class BatchAffineG1
{
    private const int L = FpVector4.LimbCount;

    // Per row of four additions: d, prefix, x1, x2, y1, dy (each a row of L vectors).
    private const int D = 0, Prefix = L, X1 = 2 * L, X2 = 3 * L, Y1 = 4 * L, Dy = 5 * L, Stride = 6 * L;

    private readonly int maxAdditions;

    // Chain accumulator, denominator inverse, lambda, lambda^2 / x3, x1 - x3 / y3.
    private readonly Vector256<ulong>[] work = new Vector256<ulong>[5 * L];

    public BatchAffineG1(int maxAdditions)
    {
        // The rows (about 430 KB for a batch of 1024) are rented per call: a bucket set is made per
        // window group of every MSM, and a fresh array each time would be a large-object allocation.
        this.maxAdditions = maxAdditions;
    }

    /// <summary>buckets[bucket[k]] += points[k] for every k &lt; points.Length (see the class remarks for what is not checked).</summary>
    public void AddPairs(Span<AffinePoint<Fp>> buckets, ReadOnlySpan<int> bucket, ReadOnlySpan<AffinePoint<Fp>> points)
    {
        int n = points.Length;
        if (n == 0)
        {
            return;
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, maxAdditions);
        int rowCount = (n + 3) / 4;
        var rows = System.Buffers.ArrayPool<Vector256<ulong>>.Shared.Rent(rowCount * Stride);
        try
        {
            AddPairs(rows, rowCount, buckets, bucket, points);
        }
        finally
        {
            System.Buffers.ArrayPool<Vector256<ulong>>.Shared.Return(rows);
        }
    }

    private void AddPairs(Vector256<ulong>[] rows, int rowCount, Span<AffinePoint<Fp>> buckets, ReadOnlySpan<int> bucket, ReadOnlySpan<AffinePoint<Fp>> points)
    {
        int n = points.Length;
        ref var acc = ref work[0];
        ref var inverse = ref work[L];
        ref var lambda = ref work[2 * L];
        ref var x3 = ref work[3 * L];
        ref var y3 = ref work[4 * L];

        for (int r = 0; r < rowCount; r++)
        {
            ref var row = ref rows[r * Stride];
            FillRow(ref row, buckets, bucket, points, 4 * r);
            FpVector4.Subtract(in Unsafe.Add(ref row, X2), in Unsafe.Add(ref row, X1), ref Unsafe.Add(ref row, D), FpVector4.Multiple.P32);
            FpVector4.Subtract(in Unsafe.Add(ref row, Dy), in Unsafe.Add(ref row, Y1), ref Unsafe.Add(ref row, Dy), FpVector4.Multiple.P32);
            if (r == 0)
            {
                for (int i = 0; i < L; i++)
                {
                    Unsafe.Add(ref acc, i) = Unsafe.Add(ref row, D + i);
                }
            }
            else
            {
                for (int i = 0; i < L; i++)
                {
                    Unsafe.Add(ref row, Prefix + i) = Unsafe.Add(ref acc, i);
                }
                FpVector4.Multiply(in acc, in Unsafe.Add(ref row, D), ref acc);
            }
        }

        // The four chain totals, inverted together.
        FpVector4.PrepareDivideBy32(ref acc);
        var t0 = FpVector4.GetLane(ref acc, 0);
        var t1 = FpVector4.GetLane(ref acc, 1);
        var t2 = FpVector4.GetLane(ref acc, 2);
        var t3 = FpVector4.GetLane(ref acc, 3);
        var t01 = t0 * t1;
        var t012 = t01 * t2;
        var all = (t012 * t3).Inverse();
        var i3 = all * t012;
        all *= t3;
        var i2 = all * t01;
        all *= t2;
        var i1 = all * t0;
        var i0 = all * t1;
        FpVector4.SetLane(ref inverse, 0, in i0);
        FpVector4.SetLane(ref inverse, 1, in i1);
        FpVector4.SetLane(ref inverse, 2, in i2);
        FpVector4.SetLane(ref inverse, 3, in i3);

        for (int r = rowCount - 1; r >= 0; r--)
        {
            ref var row = ref rows[r * Stride];
            if (r > 0)
            {
                FpVector4.Multiply(in inverse, in Unsafe.Add(ref row, Prefix), ref lambda); // 1 / d for this row
                FpVector4.Multiply(in inverse, in Unsafe.Add(ref row, D), ref inverse); // 1 / (d_0 ... d_(r-1))
                FpVector4.Multiply(in Unsafe.Add(ref row, Dy), in lambda, ref lambda);
            }
            else
            {
                FpVector4.Multiply(in Unsafe.Add(ref row, Dy), in inverse, ref lambda);
            }
            FpVector4.Square(in lambda, ref x3);
            FpVector4.Subtract2(in x3, in Unsafe.Add(ref row, X1), in Unsafe.Add(ref row, X2), ref x3, FpVector4.Multiple.P64);
            FpVector4.Subtract(in Unsafe.Add(ref row, X1), in x3, ref y3, FpVector4.Multiple.P96);
            FpVector4.Multiply(in lambda, in y3, ref y3);
            FpVector4.Subtract(in y3, in Unsafe.Add(ref row, Y1), ref y3, FpVector4.Multiple.P32);
            FpVector4.PrepareDivideBy32(ref x3);
            FpVector4.PrepareDivideBy32(ref y3);
            StoreRow(ref x3, ref y3, buckets, bucket, 4 * r, Math.Min(4, n - (4 * r)));
        }
    }

    // Out of line (as is StoreRow) so that the vector code of AddPairs keeps its registers.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FillRow(ref Vector256<ulong> row, Span<AffinePoint<Fp>> buckets, ReadOnlySpan<int> bucket, ReadOnlySpan<AffinePoint<Fp>> points, int first)
    {
        if (first + 4 <= points.Length)
        {
            ref readonly var a0 = ref buckets[bucket[first]];
            ref readonly var a1 = ref buckets[bucket[first + 1]];
            ref readonly var a2 = ref buckets[bucket[first + 2]];
            ref readonly var a3 = ref buckets[bucket[first + 3]];
            ref readonly var q0 = ref points[first];
            ref readonly var q1 = ref points[first + 1];
            ref readonly var q2 = ref points[first + 2];
            ref readonly var q3 = ref points[first + 3];
            FpVector4.SetRow(ref Unsafe.Add(ref row, X1), in a0.X, in a1.X, in a2.X, in a3.X);
            FpVector4.SetRow(ref Unsafe.Add(ref row, Y1), in a0.Y, in a1.Y, in a2.Y, in a3.Y);
            FpVector4.SetRow(ref Unsafe.Add(ref row, X2), in q0.X, in q1.X, in q2.X, in q3.X);
            FpVector4.SetRow(ref Unsafe.Add(ref row, Dy), in q0.Y, in q1.Y, in q2.Y, in q3.Y); // y2 until AddPairs subtracts y1
            return;
        }

        var one = Fp.One;
        var zero = Fp.Zero;
        for (int lane = 0; lane < 4; lane++)
        {
            int k = first + lane;
            if (k < points.Length)
            {
                ref readonly var a = ref buckets[bucket[k]];
                ref readonly var q = ref points[k];
                FpVector4.SetLane(ref Unsafe.Add(ref row, X1), lane, in a.X);
                FpVector4.SetLane(ref Unsafe.Add(ref row, Y1), lane, in a.Y);
                FpVector4.SetLane(ref Unsafe.Add(ref row, X2), lane, in q.X);
                FpVector4.SetLane(ref Unsafe.Add(ref row, Dy), lane, in q.Y);
            }
            else
            {
                // Padding lanes of the last row: d = 1 keeps the lane's chain invertible; their results are dropped.
                FpVector4.SetLane(ref Unsafe.Add(ref row, X1), lane, in zero);
                FpVector4.SetLane(ref Unsafe.Add(ref row, Y1), lane, in zero);
                FpVector4.SetLane(ref Unsafe.Add(ref row, X2), lane, in one);
                FpVector4.SetLane(ref Unsafe.Add(ref row, Dy), lane, in zero);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StoreRow(ref Vector256<ulong> x3, ref Vector256<ulong> y3, Span<AffinePoint<Fp>> buckets, ReadOnlySpan<int> bucket, int first, int lanes)
    {
        for (int lane = 0; lane < lanes; lane++)
        {
            buckets[bucket[first + lane]] = new AffinePoint<Fp>(FpVector4.GetLane(ref x3, lane), FpVector4.GetLane(ref y3, lane));
        }
    }
}
