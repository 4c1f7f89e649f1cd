using Zkp.Bn254;

namespace Zkp.Zk.Constraints;

/// <summary>
/// A rank-1 constraint system over BN254 Fr in snarkjs's wire order: wire 0 is the constant 1,
/// then the public outputs, the public inputs, the private inputs, then internal wires.
/// </summary>
public sealed class R1cs
{
    private readonly R1csConstraint[] constraints;
    private readonly ulong[] wireToLabel;

    /// <param name="wireToLabel">circom's signal id of each wire (the .r1cs wire2label section); null means identity.</param>
    public R1cs(
        int wireCount,
        int publicOutputCount,
        int publicInputCount,
        int privateInputCount,
        IEnumerable<R1csConstraint> constraints,
        ulong labelCount = 0,
        IReadOnlyList<ulong>? wireToLabel = null)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentOutOfRangeException.ThrowIfLessThan(wireCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(publicOutputCount);
        ArgumentOutOfRangeException.ThrowIfNegative(publicInputCount);
        ArgumentOutOfRangeException.ThrowIfNegative(privateInputCount);
        if (1L + publicOutputCount + publicInputCount + privateInputCount > wireCount)
        {
            throw new ArgumentException("more declared signals than wires", nameof(wireCount));
        }

        this.constraints = [.. constraints];
        for (int i = 0; i < this.constraints.Length; i++)
        {
            CheckTerms(this.constraints[i].ATerms, wireCount, i);
            CheckTerms(this.constraints[i].BTerms, wireCount, i);
            CheckTerms(this.constraints[i].CTerms, wireCount, i);
        }

        if (wireToLabel is not null && wireToLabel.Count != wireCount)
        {
            throw new ArgumentException($"wire-to-label map has {wireToLabel.Count} entries for {wireCount} wires", nameof(wireToLabel));
        }

        this.wireToLabel = wireToLabel is null ? [.. Enumerable.Range(0, wireCount).Select(i => (ulong)i)] : [.. wireToLabel];
        WireCount = wireCount;
        PublicOutputCount = publicOutputCount;
        PublicInputCount = publicInputCount;
        PrivateInputCount = privateInputCount;
        LabelCount = Math.Max(labelCount, (ulong)wireCount);
    }

    public int WireCount { get; }

    public int PublicOutputCount { get; }

    public int PublicInputCount { get; }

    public int PrivateInputCount { get; }

    /// <summary>Public outputs then public inputs: what snarkjs calls nPublic and writes to public.json.</summary>
    public int PublicSignalCount => PublicOutputCount + PublicInputCount;

    public ulong LabelCount { get; }

    public IReadOnlyList<R1csConstraint> Constraints => constraints;

    public IReadOnlyList<ulong> WireToLabel => wireToLabel;

    /// <summary>
    /// Index of the first constraint the witness violates, or -1 when all hold.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong witness length, or witness[0] is not 1.</exception>
    public int FindFirstUnsatisfied(ReadOnlySpan<Fr> witness)
    {
        if (witness.Length != WireCount)
        {
            throw new ArgumentException($"witness has {witness.Length} values, the circuit has {WireCount} wires", nameof(witness));
        }

        if (!witness[0].IsOne)
        {
            throw new ArgumentException("witness[0] must be the constant 1", nameof(witness));
        }

        for (int i = 0; i < constraints.Length; i++)
        {
            var c = constraints[i];
            var a = LinearCombination.Evaluate(c.ATerms, witness);
            var b = LinearCombination.Evaluate(c.BTerms, witness);
            if (a * b != LinearCombination.Evaluate(c.CTerms, witness))
            {
                return i;
            }
        }

        return -1;
    }

    private static void CheckTerms(R1csTerm[] terms, int wireCount, int constraintIndex)
    {
        int previous = -1;
        foreach (var term in terms)
        {
            if (term.Wire <= previous || term.Wire >= wireCount)
            {
                throw new ArgumentException($"constraint {constraintIndex}: wires must be increasing and below {wireCount}");
            }

            previous = term.Wire;
        }
    }
}
