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
    public static Proof Prove(ProvingKey key, ReadOnlySpan<Fr> witness) =>
        Prove(key, witness, Math.Clamp(Environment.ProcessorCount, 1, MaxSmallKeyWorkers));

    /// <summary><see cref="Prove(ProvingKey, ReadOnlySpan{Fr})"/> with a given number of small-key workers (tests).</summary>
    internal static Proof Prove(ProvingKey key, ReadOnlySpan<Fr> witness, int smallKeyWorkers)
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

        ArgumentOutOfRangeException.ThrowIfLessThan(smallKeyWorkers, 1);
        return ProveCore(key, witness.ToArray(), smallKeyWorkers);
    }

    private static Proof ProveCore(ProvingKey key, Fr[] witness, int smallKeyWorkers)
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
            // With A' = alpha + sum w_i A_i and B1' = beta + sum w_i B1_i (G1):
            //   pi_A = A' + r delta,  pi_B = beta + sum w_i B2_i + s delta (G2),
            //   pi_C = (sum_private w_i C_i + sum h_i H_i) + s pi_A + r B1',
            // the same point as snarkjs's C + s pi_A + r (B1' + s delta) - r s delta (s pi_A holds
            // the r s delta), with three constant-time G1 multiplications instead of four, each
            // depending only on its own branch, so the branches below run side by side.
            // From the key's second proof on, r delta_1 and s delta_2 use the key's fixed-base
            // tables (same points, still constant time; see G1FixedBase).
            int privateStart = key.PublicSignalCount + 1;
            var prepared = key.PreparedBasesForNextProof();
            G1Jacobian quotientPart = default, piA = default, sTimesPiA = default, rTimesB1Prime = default;
            G2Jacobian piB = default;
            void ProveB2()
            {
                var delta2Comb = key.Delta2CombForThisProof();
                piB = (prepared is null ? Msm.G2(key.B2, witness, SmallKeyDegree(key)) : Msm.G2(prepared.B2, witness, SmallKeyDegree(key)))
                    + key.Beta2 + (delta2Comb is null ? key.Delta2.ToJacobian().MultiplyConstantTime(s) : delta2Comb.MultiplyConstantTime(s));
            }

            void ProveA()
            {
                var aPrime = (prepared is null ? Msm.G1(key.A, witness, SmallKeyDegree(key)) : Msm.G1(prepared.A, witness, SmallKeyDegree(key))) + key.Alpha1;
                var delta1Comb = key.Delta1CombForThisProof();
                piA = aPrime + (delta1Comb is null ? key.Delta1.ToJacobian().MultiplyConstantTime(r) : delta1Comb.MultiplyConstantTime(r));
                sTimesPiA = piA.MultiplyConstantTime(s);
            }

            void ProveB1() => rTimesB1Prime = ((prepared is null ? Msm.G1(key.B1, witness, SmallKeyDegree(key)) : Msm.G1(prepared.B1, witness, SmallKeyDegree(key))) + key.Beta1)
                .MultiplyConstantTime(r);

            if (key.Coefficients.Length >= ParallelCoefficientThreshold)
            {
                // A and B rows are independent: one core each (1.7 million coefficients at 62k constraints).
                Parallel.Invoke(
                    () => EvaluateRows(key.Coefficients, 0, witness, a),
                    () => EvaluateRows(key.Coefficients, 1, witness, b));
                MultiplyPointwise(a, b, c);

                // Large keys: every MSM spreads its own windows over the cores, so four branches
                // side by side are enough to keep them busy. The C and H sums are one MSM over
                // both point sets (one set of bucket reductions instead of two); that branch
                // (3 FFT pairs, then the largest MSM) is the longest and goes first.
                Parallel.Invoke(
                    () =>
                    {
                        ToOddCoset(domain, a, b, c);
                        QuotientNumerator(a, b, c, 0, n);
                        var quotient = a;
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
                    ProveB2,
                    ProveA,
                    ProveB1);
            }
            else
            {
                quotientPart = ProveSmallKeyBranches(key, prepared, smallKeyWorkers, witness, privateStart, a, b, c, ProveB2, ProveA, ProveB1);
            }

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

    // Small keys run every MSM on one core (Msm would find too little work per part to split it),
    // so the prover's own scheduling below decides what runs where.
    private static int SmallKeyDegree(ProvingKey key) => key.Coefficients.Length >= ParallelCoefficientThreshold ? 0 : 1;

    /// <summary>
    /// The small-key prove as a list of one-core jobs that exactly one worker per core (at most)
    /// takes in priority order: the quotient's inputs (QAP rows, three FFT pairs), B2, the H sum in
    /// parts (each computes its range of the quotient, so it may start only once the FFTs are
    /// done), A, the C sum (the private witness: ready from the start) and B1. Returns C + H.
    /// The order was chosen from the claim circuit's one-core costs so that two workers end together
    /// (docs/benchmarks.md, "Fifth session: prover"; the AVX2 bucket additions shortened the G1 jobs
    /// since, B2 is G2 and unchanged).
    /// </summary>
    /// <remarks>
    /// Why not four branches side by side (as before, and as for large keys): the C + H branch
    /// (three FFT pairs, then the largest MSM) was the critical path, about half of the proof's
    /// CPU on its own, and four branches on two cores ran three threads at times. Splitting C and
    /// the H parts costs one bucket reduction per extra part (a few hundred microseconds over
    /// prepared bases) and lets the two cores finish together. No job waits except for the FFTs,
    /// and only when nothing else is left: with one worker (one core, or a busy thread pool that
    /// gives Parallel.For no second thread) the jobs simply run in order.
    /// </remarks>
    private static G1Jacobian ProveSmallKeyBranches(
        ProvingKey key, PreparedProverBases? prepared, int workers, Fr[] witness, int privateStart, Fr[] a, Fr[] b, Fr[] c,
        Action proveB2, Action proveA, Action proveB1)
    {
        var domain = key.Domain;
        int n = domain.Size;
        int hParts = workers;
        var partSums = new G1Jacobian[hParts + 1]; // H parts, then C
        int fftsDone = 0;
        var jobs = new List<(Action Run, bool NeedsFfts)>
        {
            // The quotient's inputs on one core: A and B on the domain rows, C = A * B, and the
            // three FFT pairs (about 2 ms for the claim circuit), while B2 (the longest MSM, about
            // 6 ms) starts on the other; the H parts then follow on both.
            (() =>
            {
                EvaluateRows(key.Coefficients, 0, witness, a);
                EvaluateRows(key.Coefficients, 1, witness, b);
                MultiplyPointwise(a, b, c);
                ToOddCoset(domain, a, b, c);
                Volatile.Write(ref fftsDone, 1);
            }, false),
            (proveB2, false),
        };
        for (int part = 0; part < hParts; part++)
        {
            int from = (int)((long)n * part / hParts);
            int to = (int)((long)n * (part + 1) / hParts);
            int index = part;
            jobs.Add((() =>
            {
                QuotientNumerator(a, b, c, from, to);
                var h = a.AsSpan(from, to - from);
                partSums[index] = prepared is null
                    ? Msm.G1(key.H.AsSpan(from, to - from), h, 1)
                    : Msm.G1(prepared.CH, key.C.Count + from, h, 1);
            }, true));
        }

        jobs.Add((proveA, false));
        jobs.Add((() =>
        {
            var privateWitness = witness.AsSpan(privateStart);
            partSums[hParts] = prepared is null ? Msm.G1(key.C, privateWitness, 1) : Msm.G1(prepared.CH, 0, privateWitness, 1);
        }, false));
        jobs.Add((proveB1, false));
        RunJobs(jobs, workers, () => Volatile.Read(ref fftsDone) != 0);

        var sum = partSums[0];
        for (int part = 1; part < partSums.Length; part++)
        {
            sum += partSums[part];
        }

        return sum;
    }

    // Four covers the small-key jobs (about 28 ms of one-core work for the claim circuit, the
    // longest, B2, about 6 ms of it): more workers would mostly wait.
    private const int MaxSmallKeyWorkers = 4;

    /// <summary>
    /// Runs every job once on <paramref name="workers"/> threads (the caller's among them); each
    /// worker takes the first job not yet taken whose prerequisites hold (jobs needing the FFTs
    /// wait for <paramref name="fftsDone"/>). Rethrows a job's exception after every worker stopped.
    /// </summary>
    private static void RunJobs(List<(Action Run, bool NeedsFfts)> jobs, int workers, Func<bool> fftsDone)
    {
        var taken = new int[jobs.Count];
        int untaken = jobs.Count;
        int failed = 0;
        void Worker()
        {
            var spin = default(SpinWait);
            while (Volatile.Read(ref untaken) > 0 && Volatile.Read(ref failed) == 0)
            {
                bool ran = false;
                for (int j = 0; j < jobs.Count; j++)
                {
                    if (Volatile.Read(ref taken[j]) != 0 || (jobs[j].NeedsFfts && !fftsDone()) || Interlocked.Exchange(ref taken[j], 1) != 0)
                    {
                        continue;
                    }

                    Interlocked.Decrement(ref untaken);
                    try
                    {
                        jobs[j].Run();
                    }
                    catch
                    {
                        Volatile.Write(ref failed, 1);
                        throw;
                    }

                    ran = true;
                    break;
                }

                if (!ran)
                {
                    // Only the quotient's inputs, taken by another worker (about 2 ms), can be
                    // waited for; never sleep (Sleep(1) would cost more than the wait).
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }
        }

        if (workers == 1)
        {
            Worker();
            return;
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Worker());
    }

    private static void MultiplyPointwise(Fr[] a, Fr[] b, Fr[] c)
    {
        for (int i = 0; i < c.Length; i++)
        {
            Fr.Multiply(a[i], b[i], out c[i]);
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
    /// Each of A, B, C (evaluations on the domain) interpolated and re-evaluated on the odd coset, in place:
    /// the inputs of <see cref="QuotientNumerator"/>.
    /// </summary>
    private static void ToOddCoset(FftDomain domain, Fr[] a, Fr[] b, Fr[] c)
    {
        domain.EvaluationsToCoset(a);
        domain.EvaluationsToCoset(b);
        domain.EvaluationsToCoset(c);
    }

    /// <summary>
    /// The quotient's scalars A*B - C on the odd coset points [from, to), written over a. No division by Z:
    /// Z is the constant -2 there and snarkjs folds it into the H points.
    /// </summary>
    private static void QuotientNumerator(Fr[] a, Fr[] b, Fr[] c, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            Fr.Multiply(a[i], b[i], out var product);
            Fr.Subtract(product, c[i], out a[i]);
        }
    }
}
