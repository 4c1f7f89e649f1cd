using System.Runtime.InteropServices;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// Multi-scalar multiplication sum_i [scalars[i]] points[i] for G1 and G2 by Pippenger's bucket
/// method (up to 8 G1 terms: GLV halves and one shared doubling chain instead): signed digits, zero
/// scalars skipped, window width chosen from the scalars' bit lengths,
/// affine buckets with batched inversions, windows spread over the machine's cores when there is
/// enough work. Variable time in the scalars, like every Groth16 prover's MSM; the copies of the
/// scalars (often a secret witness) made on the way are cleared before returning. Points are trusted
/// (all public point values are valid; nothing here checks curve or subgroup membership).
/// </summary>
public static class Msm
{
    /// <param name="points">The bases.</param>
    /// <param name="scalars">One scalar per base.</param>
    /// <param name="maxDegreeOfParallelism">1 for single-threaded; 0 or negative for all cores.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static G1Jacobian G1(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars, int maxDegreeOfParallelism = 0)
    {
        var canonical = Canonical(points.Length, scalars);
        try
        {
            var affine = MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(points);
            return new G1Jacobian(points.Length <= StrausG1.MaxTerms
                ? StrausG1.Run(affine, canonical)
                : Pippenger<Fp>.Run(affine, canonical, maxDegreeOfParallelism));
        }
        finally
        {
            Array.Clear(canonical);
        }
    }

    /// <inheritdoc cref="G1"/>
    public static G2Jacobian G2(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars, int maxDegreeOfParallelism = 0)
    {
        var canonical = Canonical(points.Length, scalars);
        try
        {
            return new G2Jacobian(Pippenger<Fp2>.Run(MemoryMarshal.Cast<G2Affine, AffinePoint<Fp2>>(points), canonical, maxDegreeOfParallelism));
        }
        finally
        {
            Array.Clear(canonical);
        }
    }

    /// <summary>
    /// Prepares fixed bases (e.g. a proving key's points) for repeated MSMs: each point's multiples
    /// 2^(c w) P are stored once, so later MSMs skip the per-window reductions and doublings
    /// (fewer additions, larger windows). Costs about 254 doublings and ceil(255 / c) points of
    /// memory per base. Points are trusted as in <see cref="G1(ReadOnlySpan{G1Affine}, ReadOnlySpan{Fr}, int)"/>.
    /// </summary>
    public static G1MsmBases PrepareG1(ReadOnlySpan<G1Affine> points, int maxDegreeOfParallelism = 0) =>
        new(PreparedBases<Fp>.Create(MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(points), Pippenger<Fp>.PreparedWindowBits(points.Length), maxDegreeOfParallelism));

    /// <inheritdoc cref="PrepareG1"/>
    public static G2MsmBases PrepareG2(ReadOnlySpan<G2Affine> points, int maxDegreeOfParallelism = 0) =>
        new(PreparedBases<Fp2>.Create(MemoryMarshal.Cast<G2Affine, AffinePoint<Fp2>>(points), Pippenger<Fp2>.PreparedWindowBits(points.Length), maxDegreeOfParallelism));

    /// <summary>Memory <see cref="PrepareG1"/> takes for <paramref name="count"/> points, in bytes.</summary>
    public static long PreparedG1Bytes(int count) =>
        (long)count * Pippenger<Fp>.WindowCount(254, Pippenger<Fp>.PreparedWindowBits(count)) * System.Runtime.CompilerServices.Unsafe.SizeOf<G1Affine>();

    /// <summary>Memory <see cref="PrepareG2"/> takes for <paramref name="count"/> points, in bytes.</summary>
    public static long PreparedG2Bytes(int count) =>
        (long)count * Pippenger<Fp2>.WindowCount(254, Pippenger<Fp2>.PreparedWindowBits(count)) * System.Runtime.CompilerServices.Unsafe.SizeOf<G2Affine>();

    /// <summary>sum_i [scalars[i]] bases[i] over prepared bases.</summary>
    /// <exception cref="ArgumentException">The number of scalars differs from the number of bases.</exception>
    public static G1Jacobian G1(G1MsmBases bases, ReadOnlySpan<Fr> scalars, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(bases);
        var canonical = Canonical(bases.Table.Count, scalars);
        try
        {
            return new G1Jacobian(Pippenger<Fp>.RunPrepared(bases.Table, 0, canonical, maxDegreeOfParallelism));
        }
        finally
        {
            Array.Clear(canonical);
        }
    }

    /// <inheritdoc cref="G1(G1MsmBases, ReadOnlySpan{Fr}, int)"/>
    public static G2Jacobian G2(G2MsmBases bases, ReadOnlySpan<Fr> scalars, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(bases);
        var canonical = Canonical(bases.Table.Count, scalars);
        try
        {
            return new G2Jacobian(Pippenger<Fp2>.RunPrepared(bases.Table, 0, canonical, maxDegreeOfParallelism));
        }
        finally
        {
            Array.Clear(canonical);
        }
    }

    /// <summary>
    /// sum_i [scalars[i]] bases[start + i]: an MSM over a contiguous range of prepared bases, so a
    /// caller can split one table's terms into parts that become ready at different times (the
    /// prover's C part from the witness, its H parts after the FFTs) without a table per part.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range start..start + scalars.Length is not inside the bases.</exception>
    public static G1Jacobian G1(G1MsmBases bases, int start, ReadOnlySpan<Fr> scalars, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, bases.Table.Count - scalars.Length);
        var canonical = Canonical(scalars.Length, scalars);
        try
        {
            return new G1Jacobian(Pippenger<Fp>.RunPrepared(bases.Table, start, canonical, maxDegreeOfParallelism));
        }
        finally
        {
            Array.Clear(canonical);
        }
    }

    private static Limbs256[] Canonical(int pointCount, ReadOnlySpan<Fr> scalars)
    {
        if (pointCount != scalars.Length)
        {
            throw new ArgumentException("points and scalars must have the same length", nameof(scalars));
        }
        var canonical = new Limbs256[scalars.Length];
        for (int i = 0; i < scalars.Length; i++)
        {
            MontgomeryArithmetic<FrModulus>.FromMontgomery(in scalars[i].Limbs, out canonical[i]);
        }
        return canonical;
    }
}

/// <summary>G1 bases prepared by <see cref="Msm.PrepareG1"/>. Immutable and thread-safe.</summary>
public sealed class G1MsmBases
{
    internal G1MsmBases(PreparedBases<Fp> table)
    {
        Table = table;
    }

    /// <summary>Number of bases.</summary>
    public int Count => Table.Count;

    internal PreparedBases<Fp> Table { get; }
}

/// <summary>G2 bases prepared by <see cref="Msm.PrepareG2"/>. Immutable and thread-safe.</summary>
public sealed class G2MsmBases
{
    internal G2MsmBases(PreparedBases<Fp2> table)
    {
        Table = table;
    }

    /// <summary>Number of bases.</summary>
    public int Count => Table.Count;

    internal PreparedBases<Fp2> Table { get; }
}

/// <summary>
/// A fixed G1 point (e.g. a proving key's delta) prepared for constant-time multiplications by
/// secret scalars: 64 complete additions over a 96 KiB table instead of a full double-and-add
/// (see <see cref="G1Jacobian.MultiplyConstantTime"/>, which gives the same points). The point is
/// public and trusted (not checked for curve or subgroup membership). Immutable and thread-safe.
/// </summary>
public sealed class G1FixedBase
{
    private readonly FixedBaseComb<Fp> comb;

    public G1FixedBase(in G1Affine point)
    {
        comb = new FixedBaseComb<Fp>(point.ToJacobian().Point);
    }

    /// <summary>[scalar]point with a scalar-independent sequence of operations and table reads.</summary>
    public G1Jacobian MultiplyConstantTime(in Fr scalar)
    {
        MontgomeryArithmetic<FrModulus>.FromMontgomery(in scalar.Limbs, out var k);
        comb.MultiplyConstantTime(in k, out var result);
        k = default;
        return new G1Jacobian(result);
    }
}

/// <summary>The G2 counterpart of <see cref="G1FixedBase"/> (192 KiB table).</summary>
public sealed class G2FixedBase
{
    private readonly FixedBaseComb<Fp2> comb;

    public G2FixedBase(in G2Affine point)
    {
        comb = new FixedBaseComb<Fp2>(point.ToJacobian().Point);
    }

    /// <inheritdoc cref="G1FixedBase.MultiplyConstantTime"/>
    public G2Jacobian MultiplyConstantTime(in Fr scalar)
    {
        MontgomeryArithmetic<FrModulus>.FromMontgomery(in scalar.Limbs, out var k);
        comb.MultiplyConstantTime(in k, out var result);
        k = default;
        return new G2Jacobian(result);
    }
}
