namespace Zkp.Bn254;

public sealed partial class FftDomain
{
    // Iterative Cooley-Tukey, decimation in time: bit-reverse the input, then log2(n) stages of
    // butterflies. With the twiddles of w this evaluates, with those of w^-1 it interpolates (up to 1/n).
    private unsafe void FftCore(Span<Fr> values, Fr[] stageTwiddles)
    {
        int n = values.Length;
        if (n == 1)
        {
            return;
        }

        BitReverse(values);
        fixed (Fr* pinned = values)
        {
            nint address = (nint)pinned;
            for (int half = 1; half < n; half <<= 1)
            {
                int stride = n / (2 * half);
                int butterflies = n / 2;
                if (butterflies < ParallelThreshold)
                {
                    Butterflies(address, stageTwiddles, half, stride, 0, butterflies);
                }
                else
                {
                    int chunks = butterflies / ParallelChunk;
                    int stageHalf = half;
                    Parallel.For(0, chunks, chunk =>
                        Butterflies(address, stageTwiddles, stageHalf, stride, chunk * ParallelChunk, (chunk + 1) * ParallelChunk));
                }
            }
        }
    }

    // Butterfly number b (0 <= b < n/2) of a stage pairs index i = block*2*half + j with i + half,
    // where block = b / half and j = b % half; its twiddle is w^(j * stride).
    private static unsafe void Butterflies(nint address, Fr[] stageTwiddles, int half, int stride, int from, int to)
    {
        var values = (Fr*)address;
        int log2Half = System.Numerics.BitOperations.Log2((uint)half);
        for (int b = from; b < to; b++)
        {
            int block = b >> log2Half;
            int j = b & (half - 1);
            int top = (block << (log2Half + 1)) + j;
            int bottom = top + half;
            var u = values[top];
            if (j == 0)
            {
                // The twiddle is w^0 = 1: about n of a transform's n/2 log2(n) multiplications.
                var t = values[bottom];
                Fr.Add(u, t, out values[top]);
                Fr.Subtract(u, t, out values[bottom]);
            }
            else
            {
                Fr.Multiply(values[bottom], stageTwiddles[j * stride], out var t);
                Fr.Add(u, t, out values[top]);
                Fr.Subtract(u, t, out values[bottom]);
            }
        }
    }

    private static void BitReverse(Span<Fr> values)
    {
        int n = values.Length;
        int shift = 32 - System.Numerics.BitOperations.Log2((uint)n);
        for (int i = 0; i < n; i++)
        {
            int j = (int)(ReverseBits((uint)i) >> shift);
            if (i < j)
            {
                (values[i], values[j]) = (values[j], values[i]);
            }
        }
    }

    private static uint ReverseBits(uint x)
    {
        x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
        x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
        x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
        x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
        return (x >> 16) | (x << 16);
    }

    // values[i] *= factor * ratio^i. Chunks start from ratio^start so they can run in parallel.
    private static unsafe void ScaleByPowers(Span<Fr> values, Fr factor, Fr ratio)
    {
        int n = values.Length;
        fixed (Fr* pinned = values)
        {
            nint address = (nint)pinned;
            if (n < ParallelThreshold)
            {
                ScaleRange(address, factor, ratio, 0, n);
            }
            else
            {
                Parallel.For(0, n / ParallelChunk, chunk =>
                {
                    int start = chunk * ParallelChunk;
                    var startFactor = factor * ratio.Pow((ulong)start);
                    ScaleRange(address, startFactor, ratio, start, start + ParallelChunk);
                });
            }
        }
    }

    // values[i] *= factors[i], in parallel chunks for large domains.
    private static unsafe void MultiplyPointwise(Span<Fr> values, Fr[] factors)
    {
        int n = values.Length;
        fixed (Fr* pinned = values)
        {
            nint address = (nint)pinned;
            if (n < ParallelThreshold)
            {
                MultiplyRange(address, factors, 0, n);
            }
            else
            {
                Parallel.For(0, n / ParallelChunk, chunk => MultiplyRange(address, factors, chunk * ParallelChunk, (chunk + 1) * ParallelChunk));
            }
        }
    }

    private static unsafe void MultiplyRange(nint address, Fr[] factors, int from, int to)
    {
        var values = (Fr*)address;
        for (int i = from; i < to; i++)
        {
            Fr.Multiply(values[i], factors[i], out values[i]);
        }
    }

    private static unsafe void ScaleRange(nint address, Fr factor, Fr ratio, int from, int to)
    {
        var values = (Fr*)address;
        var power = factor;
        for (int i = from; i < to; i++)
        {
            Fr.Multiply(values[i], power, out values[i]);
            Fr.Multiply(power, ratio, out power);
        }
    }
}
