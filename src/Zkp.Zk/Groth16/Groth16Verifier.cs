using Zkp.Bn254;

namespace Zkp.Zk.Groth16;

/// <summary>
/// Groth16 verification: e(A, B) = e(alpha, beta) e(sum x_i IC_i, gamma) e(C, delta), checked as one
/// multi-pairing. Inputs are typed values, so the hygiene checks live where they are decoded:
/// public signals are Fr (parsing rejects values >= r), proof and key points are on their curves
/// and G2 points in the subgroup (the point decoders check), and the key has gamma != delta
/// (<see cref="VerifyingKey"/> refuses it).
/// </summary>
public static class Groth16Verifier
{
    /// <summary>
    /// Verifies against a key that must be bound to <paramref name="circuitId"/>: a proof for one
    /// circuit is never checked with another circuit's key.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key is unbound or bound to another circuit.</exception>
    public static bool Verify(VerifyingKey key, string circuitId, ReadOnlySpan<Fr> publicSignals, Proof proof)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(circuitId);
        if (key.CircuitId is null)
        {
            throw new InvalidOperationException($"verifying key is not bound to a circuit; expected circuit {circuitId}");
        }

        if (!string.Equals(key.CircuitId, circuitId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"verifying key belongs to circuit {key.CircuitId}, not {circuitId}");
        }

        return Verify(key, publicSignals, proof);
    }

    /// <returns>True when the proof is valid for these public signals.</returns>
    /// <exception cref="ArgumentException">The number of public signals differs from the key's.</exception>
    public static bool Verify(VerifyingKey key, ReadOnlySpan<Fr> publicSignals, Proof proof)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(proof);
        if (publicSignals.Length != key.PublicSignalCount)
        {
            throw new ArgumentException($"expected {key.PublicSignalCount} public signals, got {publicSignals.Length}", nameof(publicSignals));
        }

        // vk_x = IC[0] + sum x_i IC[i + 1]: one multi-scalar multiplication (a few public signals
        // share one doubling chain), on the calling thread.
        var ic = key.ICPoints;
        var accumulated = Msm.G1(ic[1..], publicSignals, maxDegreeOfParallelism: 1) + ic[0];

        // e(-A, B) e(alpha, beta) e(vk_x, gamma) e(C, delta) == 1. Only B changes from proof to
        // proof: its lines are computed on the fly (preparing them would cost as much and allocate),
        // gamma's and delta's come prepared with the key, and e(alpha, beta) is a constant factor.
        var prepared = key.Prepared;
        return Pairing.PairingCheck(
            [-proof.A],
            [proof.B],
            [accumulated.ToAffine(), proof.C],
            [prepared.Gamma2, prepared.Delta2],
            prepared.AlphaBeta);
    }
}
