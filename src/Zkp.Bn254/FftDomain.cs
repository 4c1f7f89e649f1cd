using System.Numerics;

namespace Zkp.Bn254;

/// <summary>
/// A multiplicative subgroup of Fr of size 2^k (k &lt;= 28) with precomputed twiddle factors, and
/// in-place radix-2 FFTs over it: evaluation at the domain points (<see cref="Fft"/>), interpolation
/// (<see cref="InverseFft"/>) and their coset variants over the "odd coset" snarkjs uses for the
/// Groth16 H polynomial.
/// </summary>
/// <remarks>
/// Conventions match snarkjs/ffjavascript so that evaluations line up with snarkjs .zkey files:
/// the generator is w_n = 5^((r-1)/n) (5 is the smallest quadratic non-residue mod r, ffjavascript's
/// <c>nqr</c>) and the coset shift is w_{2n}, a primitive 2n-th root of unity, so the coset points
/// are w_{2n}^(2i+1) (snarkjs <c>groth16_prove.js</c>: <c>inc = Fr.w[power+1]</c>). For the largest
/// domain (k = 28) no 2n-th root exists and, like ffjavascript's <c>Fr.shift</c>, the shift is
/// nqr^2 = 25. Value i of the input/output always corresponds to domain point w^i (natural order).
/// Instances are immutable and thread-safe.
/// </remarks>
public sealed partial class FftDomain
{
    /// <summary>Largest supported log2 size: r - 1 = 2^28 * odd.</summary>
    public const int MaxLog2Size = 28;

    // Below this many butterflies per stage the thread hand-off costs more than it saves.
    private const int ParallelThreshold = 1 << 14;
    private const int ParallelChunk = 1 << 12;

    // w^j and w^-j for j < n/2, built on first use: a 2^28 domain needs 4 GiB of them, and
    // describing a domain (its generator, its coset shift) must not cost that.
    private readonly Lazy<Fr[]> twiddles;
    private readonly Lazy<Fr[]> inverseTwiddles;

    // g^i / n for i < n (public constants of the domain): the one scaling pass between the
    // interpolation and the coset evaluation of EvaluationsToCoset. n values, built on first use.
    private readonly Lazy<Fr[]> cosetScale;

    private FftDomain(int log2Size)
    {
        Log2Size = log2Size;
        Size = 1 << log2Size;
        Generator = Fr.RootOfUnity(log2Size);
        GeneratorInverse = Generator.Inverse();
        SizeInverse = Fr.FromUInt64((ulong)Size).Inverse();
        CosetShift = log2Size < MaxLog2Size ? Fr.RootOfUnity(log2Size + 1) : Fr.FromUInt64(25);
        CosetShiftInverse = CosetShift.Inverse();
        var generator = Generator;
        var generatorInverse = GeneratorInverse;
        int count = Math.Max(1, Size / 2);
        twiddles = new Lazy<Fr[]>(() => Powers(generator, count), LazyThreadSafetyMode.ExecutionAndPublication);
        inverseTwiddles = new Lazy<Fr[]>(() => Powers(generatorInverse, count), LazyThreadSafetyMode.ExecutionAndPublication);
        var sizeInverse = SizeInverse;
        var cosetShift = CosetShift;
        int size = Size;
        cosetScale = new Lazy<Fr[]>(() => ScaledPowers(sizeInverse, cosetShift, size), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Number of points n = 2^k.</summary>
    public int Size { get; }

    /// <summary>k = log2(n).</summary>
    public int Log2Size { get; }

    /// <summary>The primitive n-th root of unity w generating the domain.</summary>
    public Fr Generator { get; }

    /// <summary>w^-1.</summary>
    public Fr GeneratorInverse { get; }

    /// <summary>n^-1 in Fr.</summary>
    public Fr SizeInverse { get; }

    /// <summary>The coset shift g (w_{2n}, or 25 for k = 28): coset points are g * w^i.</summary>
    public Fr CosetShift { get; }

    /// <summary>g^-1.</summary>
    public Fr CosetShiftInverse { get; }

    /// <summary>Creates the domain of size 2^<paramref name="log2Size"/>.</summary>
    public static FftDomain Create(int log2Size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(log2Size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(log2Size, MaxLog2Size);
        return new FftDomain(log2Size);
    }

    /// <summary>The smallest domain with at least <paramref name="minimumSize"/> points.</summary>
    public static FftDomain CreateAtLeast(long minimumSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumSize, 1L << MaxLog2Size);
        int log2 = minimumSize == 1 ? 0 : BitOperations.Log2((ulong)(minimumSize - 1)) + 1;
        return new FftDomain(log2);
    }

    /// <summary>Coefficients (a_0..a_{n-1}) in, evaluations p(w^i) out.</summary>
    public void Fft(Span<Fr> values)
    {
        CheckLength(values);
        FftCore(values, twiddles.Value);
    }

    /// <summary>Evaluations p(w^i) in, coefficients out.</summary>
    public void InverseFft(Span<Fr> values)
    {
        CheckLength(values);
        FftCore(values, inverseTwiddles.Value);
        ScaleByPowers(values, SizeInverse, Fr.One);
    }

    /// <summary>Coefficients in, evaluations p(g * w^i) on the coset out.</summary>
    public void CosetFft(Span<Fr> values)
    {
        CheckLength(values);
        ScaleByPowers(values, Fr.One, CosetShift);
        FftCore(values, twiddles.Value);
    }

    /// <summary>
    /// Evaluations p(w^i) on the domain in, evaluations p(g * w^i) on the coset out: the same values
    /// as <see cref="InverseFft"/> then <see cref="CosetFft"/> (what the Groth16 prover does to A, B
    /// and C), with the two scaling passes (by 1/n, by g^i) merged into one multiplication per value
    /// by a precomputed g^i / n. Costs n field elements of memory per domain, built on first use.
    /// </summary>
    public void EvaluationsToCoset(Span<Fr> values)
    {
        CheckLength(values);
        FftCore(values, inverseTwiddles.Value);
        MultiplyPointwise(values, cosetScale.Value);
        FftCore(values, twiddles.Value);
    }

    /// <summary>Evaluations p(g * w^i) on the coset in, coefficients out.</summary>
    public void InverseCosetFft(Span<Fr> values)
    {
        CheckLength(values);
        FftCore(values, inverseTwiddles.Value);
        ScaleByPowers(values, SizeInverse, CosetShiftInverse);
    }

    /// <summary>The i-th domain point w^i.</summary>
    public Fr Element(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Generator.Pow((ulong)index);
    }

    private void CheckLength(Span<Fr> values)
    {
        if (values.Length != Size)
        {
            throw new ArgumentException($"expected {Size} values for a domain of size 2^{Log2Size}, got {values.Length}", nameof(values));
        }
    }

    // factor * ratio^i for i < count.
    private static Fr[] ScaledPowers(in Fr factor, in Fr ratio, int count)
    {
        var result = new Fr[count];
        var power = factor;
        for (int i = 0; i < count; i++)
        {
            result[i] = power;
            Fr.Multiply(power, ratio, out power);
        }

        return result;
    }

    private static Fr[] Powers(in Fr root, int count)
    {
        var result = new Fr[count];
        var power = Fr.One;
        for (int i = 0; i < count; i++)
        {
            result[i] = power;
            Fr.Multiply(power, root, out power);
        }

        return result;
    }
}
