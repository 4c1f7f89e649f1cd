using System.Diagnostics;
using System.Runtime.InteropServices;
using Zkp.Bn254;
using Zkp.Bn254.Internal;
using Zkp.Zk.Groth16;

namespace Zkp.Benchmarks.Zk;

/// <summary>
/// Prover timings for a shared machine, where wall-clock means drift with the other processes:
/// process CPU time per proof (both cores' work summed; preemption does not add to it) and
/// the fastest of short batches for the prover's one-core parts.
/// <c>dotnet run -c Release --project tests/Zkp.Benchmarks -- prove-cpu [rounds] [part ...]</c>,
/// parts: claim, chain (the 62k circuit), claim-parts, msm, msm-large, fft-pair, ct-g1, ct-g2, fixed-g1, fixed-g2,
/// fixed-build, setup-claim.
/// Every proof is checked by the verifier once per round so a fast wrong prover cannot pass.
/// </summary>
internal static class ProveCpu
{
    public static void Run(string[] args)
    {
        int rounds = args.Length > 0 && int.TryParse(args[0], out int r) ? r : 5;
        var parts = args.Length > 1 ? args[1..] : ["claim", "fft-pair", "ct-g1", "ct-g2"];
        foreach (var part in parts)
        {
            switch (part)
            {
                case "claim": Prove(BenchmarkCircuits.ClaimRange, rounds, 40); break;
                case "chain": Prove(BenchmarkCircuits.PoseidonChain, rounds, 1); break;
                case "fft-pair": FftPair(rounds); break;
                case "claim-parts": ClaimParts(rounds); break;
                case "claim-windows": ClaimWindows(rounds); break;
                case "msm": PlainMsms(rounds); break;
                case "msm-large": LargeMsms(rounds); break;
                case "setup-claim": Setup(rounds); break;
                case "ct-g1": OneCore(part, rounds, 20, () => G1Affine.Generator.ToJacobian().MultiplyConstantTime(Fr.Random())); break;
                case "ct-g2": OneCore(part, rounds, 5, () => G2Affine.Generator.ToJacobian().MultiplyConstantTime(Fr.Random())); break;
                case "fixed-g1":
                    {
                        var comb = new G1FixedBase(G1Affine.Generator);
                        OneCore(part, rounds, 50, () => comb.MultiplyConstantTime(Fr.Random()));
                        break;
                    }

                case "fixed-g2":
                    {
                        var comb = new G2FixedBase(G2Affine.Generator);
                        OneCore(part, rounds, 20, () => comb.MultiplyConstantTime(Fr.Random()));
                        break;
                    }

                case "fixed-build":
                    OneCore("fixed-g1 table build", rounds, 2, () => new G1FixedBase(G1Affine.Generator));
                    OneCore("fixed-g2 table build", rounds, 2, () => new G2FixedBase(G2Affine.Generator));
                    break;
                default: throw new ArgumentException($"unknown part {part}");
            }
        }
    }

    private static void Prove(string id, int rounds, int perRound)
    {
        var circuit = BenchmarkCircuits.Get(id);
        var solved = circuit.Solve(BenchmarkCircuits.Inputs(id));
        var witness = solved.Values.ToArray();
        var publicSignals = solved.PublicSignals();
        var key = BenchmarkCircuits.ProvingKey(circuit);
        var process = Process.GetCurrentProcess();
        // The first proof is plain, the second builds the key's prepared tables (when they fit).
        for (int i = 0; i < 2 + Math.Min(perRound, 10); i++)
        {
            Groth16Prover.Prove(key, witness);
        }

        var cpu = new List<double>();
        var wall = new List<double>();
        var single = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            Proof? last = null;
            for (int i = 0; i < perRound; i++)
            {
                long started = Stopwatch.GetTimestamp();
                last = Groth16Prover.Prove(key, witness);
                single.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            sw.Stop();
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuStart).TotalMilliseconds / perRound);
            wall.Add(sw.Elapsed.TotalMilliseconds / perRound);
            if (!Groth16Verifier.Verify(key.VerifyingKey, publicSignals, last!))
            {
                throw new InvalidOperationException("proof does not verify");
            }
        }

        cpu.Sort();
        wall.Sort();
        single.Sort();
        Console.WriteLine($"prove {id,-34} CPU/proof min {cpu[0],9:F2} ms  median {cpu[cpu.Count / 2],9:F2} ms   wall min {wall[0],9:F2} ms  median {wall[wall.Count / 2],9:F2} ms  ({rounds} rounds of {perRound})");
        // On a shared machine the fastest single proofs are the ones least disturbed by other work.
        Console.WriteLine($"prove {id,-34} single-proof wall: fastest {single[0],9:F2} ms  10th percentile {single[single.Count / 10],9:F2} ms  median {single[single.Count / 2],9:F2} ms  ({single.Count} proofs)");
    }

    // The claim prove's branches one at a time on this thread, over the key's prepared bases
    // (as from its second proof on), with the benchmark witness and random quotient scalars.
    private static void ClaimParts(int rounds)
    {
        var circuit = BenchmarkCircuits.Get(BenchmarkCircuits.ClaimRange);
        var witness = circuit.Solve(BenchmarkCircuits.Inputs(BenchmarkCircuits.ClaimRange)).Values.ToArray();
        var key = BenchmarkCircuits.ProvingKey(circuit);
        Groth16Prover.Prove(key, witness);
        Groth16Prover.Prove(key, witness);
        var prepared = key.PreparedBasesForNextProof() ?? throw new InvalidOperationException("no prepared bases");
        int privateStart = key.PublicSignalCount + 1;
        var ch = new Fr[key.CH.Length];
        witness.AsSpan(privateStart).CopyTo(ch);
        for (int i = witness.Length - privateStart; i < ch.Length; i++)
        {
            ch[i] = Fr.Random();
        }

        OneCore("claim MSM C+H (prepared, one core)", rounds, 3, () => Msm.G1(prepared.CH, ch, 1));
        OneCore("claim MSM B2 (prepared, one core)", rounds, 3, () => Msm.G2(prepared.B2, witness, 1));
        OneCore("claim MSM A (prepared, one core)", rounds, 5, () => Msm.G1(prepared.A, witness, 1));
        OneCore("claim MSM B1 (prepared, one core)", rounds, 5, () => Msm.G1(prepared.B1, witness, 1));
        OneCore("claim MSM C+H (plain, one core)", rounds, 2, () => Msm.G1(key.CH, ch, 1));
    }

    // The small-key prover's one-core MSMs over tables of each window width c (fifth session: the
    // width model predates the two-level reduction and the split of C + H into parts): the C part
    // (private witness), one H part of n / 2 random full-size scalars, A and B2 (witness).
    private static void ClaimWindows(int rounds)
    {
        var circuit = BenchmarkCircuits.Get(BenchmarkCircuits.ClaimRange);
        var witness = circuit.Solve(BenchmarkCircuits.Inputs(BenchmarkCircuits.ClaimRange)).Values.ToArray();
        var key = BenchmarkCircuits.ProvingKey(circuit);
        int privateStart = key.PublicSignalCount + 1;
        var h = new Fr[key.H.Count / 2];
        for (int i = 0; i < h.Length; i++)
        {
            h[i] = Fr.Random();
        }

        Console.WriteLine($"model: CH {Pippenger<Fp>.PreparedWindowBits(key.CH.Length)}, A {Pippenger<Fp>.PreparedWindowBits(key.A.Length)}, B2 {Pippenger<Fp2>.PreparedWindowBits(key.B2.Length)}");
        foreach (int c in new[] { 9, 10, 11, 12, 13 })
        {
            var ch = new G1MsmBases(PreparedBases<Fp>.Create(MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(key.CH), c, 1));
            var a = new G1MsmBases(PreparedBases<Fp>.Create(MemoryMarshal.Cast<G1Affine, AffinePoint<Fp>>(key.A), c, 1));
            var b2 = new G2MsmBases(PreparedBases<Fp2>.Create(MemoryMarshal.Cast<G2Affine, AffinePoint<Fp2>>(key.B2), c, 1));
            OneCore($"c={c} C part", rounds, 5, () => Msm.G1(ch, 0, witness.AsSpan(privateStart), 1));
            OneCore($"c={c} H half", rounds, 3, () => Msm.G1(ch, key.C.Count, h, 1));
            OneCore($"c={c} A", rounds, 5, () => Msm.G1(a, witness, 1));
            OneCore($"c={c} B2", rounds, 3, () => Msm.G2(b2, witness, 1));
        }
    }

    // Plain (unprepared) MSMs on one core with random full-size scalars: a key's first proof, the CLI.
    // G1 at 2^14 and 2^16 points on one core (2^16: the 900 ms single-core target).
    private static void LargeMsms(int rounds)
    {
        foreach (int log2 in new[] { 14, 16 })
        {
            var points = new G1Affine[1 << log2];
            var scalars = new Fr[points.Length];
            var p = G1Affine.Generator.Multiply(Fr.Random());
            for (int i = 0; i < points.Length; i++)
            {
                points[i] = p.ToAffine();
                p += G1Affine.Generator;
                scalars[i] = Fr.Random();
            }

            OneCore($"G1 MSM 2^{log2} (plain, one core)", rounds, 1, () => Msm.G1(points, scalars, 1));
        }
    }

    private static void PlainMsms(int rounds)
    {
        foreach (int log2 in new[] { 6, 8, 10, 12 })
        {
            var points = new G1Affine[1 << log2];
            var scalars = new Fr[points.Length];
            for (int i = 0; i < points.Length; i++)
            {
                points[i] = G1Affine.Generator.Multiply(Fr.Random()).ToAffine();
                scalars[i] = Fr.Random();
            }

            OneCore($"G1 MSM 2^{log2} (plain, one core)", rounds, Math.Max(1, 4096 >> log2), () => Msm.G1(points, scalars, 1));
        }

        foreach (int log2 in new[] { 6, 9 })
        {
            var points = new G2Affine[1 << log2];
            var scalars = new Fr[points.Length];
            for (int i = 0; i < points.Length; i++)
            {
                points[i] = G2Affine.Generator.Multiply(Fr.Random()).ToAffine();
                scalars[i] = Fr.Random();
            }

            OneCore($"G2 MSM 2^{log2} (plain, one core)", rounds, Math.Max(1, 1024 >> log2), () => Msm.G2(points, scalars, 1));
        }
    }

    // Groth16Setup.Run on the claim circuit (every key point a constant-time multiple of a generator).
    private static void Setup(int rounds)
    {
        var r1cs = BenchmarkCircuits.Get(BenchmarkCircuits.ClaimRange).Compiled.R1cs;
        var process = Process.GetCurrentProcess();
        Groth16Setup.Run(r1cs);
        var cpu = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            process.Refresh();
            var start = process.TotalProcessorTime;
            Groth16Setup.Run(r1cs);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - start).TotalMilliseconds);
        }

        cpu.Sort();
        Console.WriteLine($"setup zkp.claim-range.v1 CPU min {cpu[0],9:F1} ms  median {cpu[cpu.Count / 2],9:F1} ms  ({rounds} rounds)");
    }

    private static void FftPair(int rounds)
    {
        var domain = FftDomain.Create(10);
        var values = new Fr[domain.Size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Fr.Random();
        }

        // What the prover does to each of A, B, C (before EvaluationsToCoset: InverseFft then CosetFft).
        OneCore("fft-pair 2^10 (inverse + coset)", rounds, 20, () => domain.EvaluationsToCoset(values));
    }

    // Fastest batch of `size` calls on this thread after warm-up to tier-1 code (wall clock: on a
    // loaded machine cache and core sharing still inflate it), and the process CPU time per call
    // over all batches (only this thread works, so it is this thread's CPU; 10 ms tick resolution
    // over the whole run). Per-thread CPU from /proc/thread-self/schedstat was tried: it is not
    // updated often enough for batches this short.
    private static void OneCore(string name, int rounds, int size, Action action)
    {
        for (int i = 0; i < 30 * size; i++)
        {
            action();
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        double best = double.MaxValue;
        for (int round = 0; round < rounds * 4; round++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < size; i++)
            {
                action();
            }

            best = Math.Min(best, sw.Elapsed.TotalMicroseconds / size);
        }

        process.Refresh();
        double cpu = (process.TotalProcessorTime - cpuStart).TotalMicroseconds / (rounds * 4 * size);
        Console.WriteLine($"{name,-40} {best,10:F1} us wall (fastest of {rounds * 4} batches of {size}), {cpu,10:F1} us CPU per call (mean)");
    }
}
