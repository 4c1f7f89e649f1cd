using Zkp.Bn254;

namespace Zkp.Zk.Groth16;

/// <summary>
/// A Groth16 verifying key. Refuses gamma == delta at construction (a key without a phase-2
/// contribution, with which proofs can be forged). Points are valid by construction.
/// </summary>
public sealed class VerifyingKey
{
    private readonly G1Affine[] ic;

    /// <param name="ic">IC[0..nPublic]: the public-signal commitments, IC[0] for the constant wire.</param>
    /// <exception cref="ArgumentException">gamma == delta, or IC is empty.</exception>
    public VerifyingKey(G1Affine alpha1, G2Affine beta2, G2Affine gamma2, G2Affine delta2, IReadOnlyList<G1Affine> ic)
    {
        ArgumentNullException.ThrowIfNull(ic);
        if (ic.Count == 0)
        {
            throw new ArgumentException("IC needs at least the constant term", nameof(ic));
        }

        if (gamma2 == delta2)
        {
            throw new ArgumentException("verifying key has gamma == delta: it has no phase-2 contribution and proofs for it can be forged", nameof(delta2));
        }

        Alpha1 = alpha1;
        Beta2 = beta2;
        Gamma2 = gamma2;
        Delta2 = delta2;
        this.ic = [.. ic];
    }

    public G1Affine Alpha1 { get; }

    public G2Affine Beta2 { get; }

    public G2Affine Gamma2 { get; }

    public G2Affine Delta2 { get; }

    public IReadOnlyList<G1Affine> IC => ic;

    internal ReadOnlySpan<G1Affine> ICPoints => ic;

    /// <summary>
    /// The circuit this key belongs to (<see cref="Formats.CircuitHash"/>), or null when unknown (a key
    /// read from snarkjs JSON or .zkey carries none until <see cref="BindTo"/> is called).
    /// </summary>
    public string? CircuitId { get; private init; }

    /// <summary>The same key bound to <paramref name="circuitId"/>; a bound key refuses proofs checked against another circuit id.</summary>
    public VerifyingKey BindTo(string circuitId)
    {
        ArgumentException.ThrowIfNullOrEmpty(circuitId);
        if (CircuitId is not null && CircuitId != circuitId)
        {
            throw new InvalidOperationException($"verifying key is already bound to circuit {CircuitId}");
        }

        return new VerifyingKey(Alpha1, Beta2, Gamma2, Delta2, ic) { CircuitId = circuitId };
    }

    /// <summary>Number of public signals (outputs then public inputs) a proof for this key carries.</summary>
    public int PublicSignalCount => ic.Length - 1;

    private PreparedVerifyingKey? prepared;

    /// <summary>
    /// What every verification with this key reuses: the Miller-loop lines of gamma and delta and
    /// the Miller-loop value of e(alpha, beta). Computed on first use and kept (two threads racing
    /// here compute equal values).
    /// </summary>
    internal PreparedVerifyingKey Prepared => prepared ??= new PreparedVerifyingKey(this);
}

/// <summary>The per-key part of Groth16 verification, computed once.</summary>
internal sealed class PreparedVerifyingKey
{
    public PreparedVerifyingKey(VerifyingKey key)
    {
        Gamma2 = new G2Prepared(key.Gamma2);
        Delta2 = new G2Prepared(key.Delta2);
        AlphaBeta = Pairing.MillerLoopProduct([key.Alpha1], [new G2Prepared(key.Beta2)]);
    }

    public G2Prepared Gamma2 { get; }

    public G2Prepared Delta2 { get; }

    public MillerLoopValue AlphaBeta { get; }
}
