using Zkp.Bn254;

namespace Zkp.Zk.Groth16;

/// <summary>
/// The Groth16 prover, as snarkjs's groth16_prove.js: A, B evaluated on the domain rows from the
/// witness, C = A * B pointwise, each interpolated and re-evaluated on the odd coset, quotient
/// numerator A*B - C committed with the H points; fresh r, s from the CSPRNG for every proof.
/// </summary>
public static class Groth16Prover
{
    // Below this many QAP coefficients (a few thousand constraints) evaluating A and B takes well
    // under a millisecond and is not worth a thread hand-off.
    private const int ParallelCoefficientThreshold = 1 << 15;

    /// <exception cref="ArgumentException">The witness length is not the key's wire count, or witness[0] != 1.</exception>
    /// <remarks>
    /// Does NOT check that the witness satisfies the circuit: an unsatisfying witness yields a proof
    /// that fails verification. Solve witnesses with <see cref="Constraints.CompiledCircuit.Solve"/>
    /// (which rejects bad inputs) or check them with <see cref="Constraints.R1cs.FindFirstUnsatisfied"/>.
    /// </remarks>
    public static Proof Prove(ProvingKey key, ReadOnlySpan<Fr> witness)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (witness.Length != key.WireCount)
        {
            throw new ArgumentException($"witness has {witness.Length} values, the key expects {key.WireCount}", nameof(witness));
        }

        if (!witness[0].IsOne)
        {
            throw new ArgumentException("witness[0] must be the constant 1", nameof(witness));
        }

        return ProveCore(key, witness.ToArray());
    }

    private static Proof ProveCore(ProvingKey key, Fr[] witness)
    {
        var domain = key.Domain;
        int n = domain.Size;
        var a = new Fr[n];
        var b = new Fr[n];
        var c = new Fr[n];
        var r = Fr.Random();
        var s = Fr.Random();
        try
        {
            // A and B rows are independent: one core each (1.7 million coefficients at 62k constraints).
            if (key.Coefficients.Length >= ParallelCoefficientThreshold)
            {
                Parallel.Invoke(
                    () => EvaluateRows(key.Coefficients, 0, witness, a),
                    () => EvaluateRows(key.Coefficients, 1, witness, b));
            }
            else
            {
                EvaluateRows(key.Coefficients, 0, witness, a);
                EvaluateRows(key.Coefficients, 1, witness, b);
            }

            for (int i = 0; i < n; i++)
            {
                Fr.Multiply(a[i], b[i], out c[i]);
            }

            // With A' = alpha + sum w_i A_i and B1' = beta + sum w_i B1_i (G1):
            //   pi_A = A' + r delta,  pi_B = beta + sum w_i B2_i + s delta (G2),
            //   pi_C = (sum_private w_i C_i + sum h_i H_i) + s pi_A + r B1',
            // the same point as snarkjs's C + s pi_A + r (B1' + s delta) - r s delta (s pi_A holds
            // the r s delta), with three constant-time G1 multiplications instead of four, each
            // depending only on its own branch, so the four branches below run side by side. The
            // C and H sums are one MSM over both point sets: one set of bucket reductions instead
            // of two. That branch (3 FFT pairs, then the largest MSM) is the longest and goes first.
            // From the key's second proof on, r delta_1 and s delta_2 use the key's fixed-base
            // tables (same points, still constant time; see G1FixedBase).
            int privateStart = key.PublicSignalCount + 1;
            var prepared = key.PreparedBasesForNextProof();
            var delta1 = key.Delta1.ToJacobian();
            G1Jacobian quotientPart = default, piA = default, sTimesPiA = default, rTimesB1Prime = default;
            G2Jacobian piB = default;
            Parallel.Invoke(
                () =>
                {
                    var quotient = QuotientOnOddCoset(domain, a, b, c);
                    var scalars = new Fr[witness.Length - privateStart + quotient.Length];
                    try
                    {
                        witness.AsSpan(privateStart).CopyTo(scalars);
                        quotient.CopyTo(scalars.AsSpan(witness.Length - privateStart));
                        quotientPart = prepared is null ? Msm.G1(key.CH, scalars) : Msm.G1(prepared.CH, scalars);
                    }
                    finally
                    {
                        Array.Clear(scalars);
                    }
                },
                () =>
                {
                    var delta2Comb = key.Delta2CombForThisProof();
                    piB = (prepared is null ? Msm.G2(key.B2, witness) : Msm.G2(prepared.B2, witness))
                        + key.Beta2 + (delta2Comb is null ? key.Delta2.ToJacobian().MultiplyConstantTime(s) : delta2Comb.MultiplyConstantTime(s));
                },
                () =>
                {
                    var aPrime = (prepared is null ? Msm.G1(key.A, witness) : Msm.G1(prepared.A, witness)) + key.Alpha1;
                    var delta1Comb = key.Delta1CombForThisProof();
                    piA = aPrime + (delta1Comb is null ? delta1.MultiplyConstantTime(r) : delta1Comb.MultiplyConstantTime(r));
                    sTimesPiA = piA.MultiplyConstantTime(s);
                },
                () => rTimesB1Prime = ((prepared is null ? Msm.G1(key.B1, witness) : Msm.G1(prepared.B1, witness)) + key.Beta1)
                    .MultiplyConstantTime(r));

            var piC = quotientPart + sTimesPiA + rTimesB1Prime;
            return new Proof(piA.ToAffine(), piB.ToAffine(), piC.ToAffine());
        }
        finally
        {
            r = s = Fr.Zero;
            Array.Clear(witness);
            Array.Clear(a);
            Array.Clear(b);
            Array.Clear(c);
        }
    }

    /// <summary>target[row] = sum of coefficient * witness[wire] over the entries of one matrix (0 = A, 1 = B).</summary>
    private static void EvaluateRows(QapCoefficient[] coefficients, byte matrix, Fr[] witness, Fr[] target)
    {
        foreach (ref readonly var coefficient in coefficients.AsSpan())
        {
            if (coefficient.Matrix == matrix)
            {
                Fr.Multiply(coefficient.Value, witness[coefficient.Wire], out var term);
                Fr.Add(target[coefficient.Row], term, out target[coefficient.Row]);
            }
        }
    }

    /// <summary>
    /// A*B - C on the odd coset, in <paramref name="a"/> (returned): each of A, B, C (evaluations on
    /// the domain) is interpolated and re-evaluated on the coset. No division by Z: Z is the constant
    /// -2 there and snarkjs folds it into the H points.
    /// </summary>
    private static Fr[] QuotientOnOddCoset(FftDomain domain, Fr[] a, Fr[] b, Fr[] c)
    {
        ToOddCoset(domain, a);
        ToOddCoset(domain, b);
        ToOddCoset(domain, c);
        for (int i = 0; i < a.Length; i++)
        {
            Fr.Multiply(a[i], b[i], out var product);
            Fr.Subtract(product, c[i], out a[i]);
        }

        return a;
    }

    private static void ToOddCoset(FftDomain domain, Fr[] values) => domain.EvaluationsToCoset(values);
}
