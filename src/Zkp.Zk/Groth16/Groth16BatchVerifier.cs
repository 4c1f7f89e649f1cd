using System.Security.Cryptography;
using Zkp.Bn254;

namespace Zkp.Zk.Groth16;

/// <summary>One proof of a batch: the public signals it claims and the proof.</summary>
public sealed record Groth16BatchItem(Fr[] PublicSignals, Proof Proof);

/// <summary>
/// Verifies several Groth16 proofs for one verifying key with one multi-pairing and one final
/// exponentiation, and answers for each proof exactly what <see cref="Groth16Verifier"/> answers.
/// </summary>
/// <remarks>
/// <para>
/// The combined check is the small-exponents batch test (Bellare, Garay, Rabin, "Fast batch
/// verification for modular exponentiation and digital signatures", Eurocrypt 1998; the same test
/// Zcash/bellman's Groth16 batch verifier uses). Proof i is valid iff X_i = 1, where
/// X_i = e(A_i, B_i)^-1 e(alpha, beta) e(vk_x_i, gamma) e(C_i, delta) in GT (prime order r).
/// With r_i independent uniform 128-bit values from a CSPRNG, drawn after the proofs are fixed,
/// prod X_i^(r_i) = 1 while some X_j != 1 happens with probability at most 2^-128: for any fixed
/// other r_i at most one value of r_j mod r makes the product one.
/// </para>
/// <para>
/// The check multiplies every r_i by s^-1 with s = sum r_i (mod r; s = 0 is redrawn): raising to
/// the invertible s^-1 is a bijection of GT, so the accept set is unchanged, and the coefficients of
/// e(alpha, beta) then add up to one, so the key's precomputed Miller-loop value is used as it is.
/// sum c_i vk_x_i = (sum c_i) IC_0 + sum_j (sum_i c_i x_ij) IC_j = IC_0 + sum_j (...) IC_j: one
/// MSM over the key's IC points per batch instead of one per proof.
/// </para>
/// <para>
/// When the combined check fails, every proof is checked alone with <see cref="Groth16Verifier"/>,
/// so an invalid proof never changes another proof's answer and a batch of one is the plain check.
/// What this does not check: that points are on their curves and G2 points in the subgroup, and
/// that signals are below r. The types guarantee it (the decoders of <see cref="Proof"/> points and
/// <see cref="Fr"/> parsing check), as for <see cref="Groth16Verifier"/>.
/// </para>
/// </remarks>
public static class Groth16BatchVerifier
{
    /// <summary>
    /// The answer of <see cref="Groth16Verifier.Verify(VerifyingKey, string, ReadOnlySpan{Fr}, Proof)"/>
    /// for each item, in order.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key is unbound or bound to another circuit.</exception>
    /// <exception cref="ArgumentException">An item's signal count differs from the key's.</exception>
    public static bool[] Verify(VerifyingKey key, string circuitId, IReadOnlyList<Groth16BatchItem> items)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(circuitId);
        ArgumentNullException.ThrowIfNull(items);
        if (key.CircuitId is null)
        {
            throw new InvalidOperationException($"verifying key is not bound to a circuit; expected circuit {circuitId}");
        }

        if (!string.Equals(key.CircuitId, circuitId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"verifying key belongs to circuit {key.CircuitId}, not {circuitId}");
        }

        return Verify(key, items);
    }

    /// <inheritdoc cref="Verify(VerifyingKey, string, IReadOnlyList{Groth16BatchItem})"/>
    public static bool[] Verify(VerifyingKey key, IReadOnlyList<Groth16BatchItem> items)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item);
            ArgumentNullException.ThrowIfNull(item.Proof);
            if (item.PublicSignals.Length != key.PublicSignalCount)
            {
                throw new ArgumentException($"expected {key.PublicSignalCount} public signals, got {item.PublicSignals.Length}", nameof(items));
            }
        }

        var results = new bool[items.Count];
        if (items.Count == 1)
        {
            results[0] = Groth16Verifier.Verify(key, items[0].PublicSignals, items[0].Proof);
            return results;
        }

        if (items.Count > 1 && CheckCombined(key, items))
        {
            Array.Fill(results, true);
            return results;
        }

        for (var i = 0; i < items.Count; i++)
        {
            results[i] = Groth16Verifier.Verify(key, items[i].PublicSignals, items[i].Proof);
        }

        return results;
    }

    /// <summary>
    /// The combined check alone: true when every proof is valid, false (with probability at least
    /// 1 - 2^-128 when some proof is invalid) otherwise; says nothing about which proof failed.
    /// True for no items.
    /// </summary>
    public static bool CheckCombined(VerifyingKey key, IReadOnlyList<Groth16BatchItem> items)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(items);
        var n = items.Count;
        if (n == 0)
        {
            return true;
        }

        var coefficients = Coefficients(n);

        // -c_i A_i pairs with B_i (the per-proof Miller loops); C and vk_x fold into one point each.
        var scaledA = new G1Jacobian[n];
        var c = new G1Affine[n];
        var signalCount = key.PublicSignalCount;
        var icScalars = new Fr[signalCount];
        var b = new G2Affine[n];
        for (var i = 0; i < n; i++)
        {
            var item = items[i];
            scaledA[i] = item.Proof.A.ToJacobian().Multiply(-coefficients[i]);
            c[i] = item.Proof.C;
            b[i] = item.Proof.B;
            for (var j = 0; j < signalCount; j++)
            {
                icScalars[j] += coefficients[i] * item.PublicSignals[j];
            }
        }

        var minusA = new G1Affine[n];
        G1Jacobian.BatchToAffine(scaledA, minusA);
        var ic = key.ICPoints;
        var vkx = Msm.G1(ic[1..], icScalars, maxDegreeOfParallelism: 1) + ic[0];
        var sumC = Msm.G1(c, coefficients, maxDegreeOfParallelism: 1);
        var prepared = key.Prepared;
        Span<G1Jacobian> folded = [vkx, sumC];
        Span<G1Affine> foldedAffine = stackalloc G1Affine[2];
        G1Jacobian.BatchToAffine(folded, foldedAffine);
        return Pairing.PairingCheck(minusA, b, foldedAffine, [prepared.Gamma2, prepared.Delta2], prepared.AlphaBeta);
    }

    // c_i = r_i / sum r_j with r_i uniform in [1, 2^128): see the remarks for why the scaling keeps the bound.
    private static Fr[] Coefficients(int n)
    {
        var r = new Fr[n];
        Span<byte> bytes = stackalloc byte[16];
        while (true)
        {
            var sum = Fr.Zero;
            for (var i = 0; i < n; i++)
            {
                do
                {
                    RandomNumberGenerator.Fill(bytes);
                    r[i] = Fr.FromBytesReduced(bytes);
                }
                while (r[i].IsZero);

                sum += r[i];
            }

            if (sum.IsZero)
            {
                continue;
            }

            var inverse = sum.Inverse();
            for (var i = 0; i < n; i++)
            {
                r[i] *= inverse;
            }

            return r;
        }
    }
}
