using Zkp.Bn254;
using Zkp.Zk.Constraints;

namespace Zkp.Zk.Groth16;

/// <summary>
/// Single-party Groth16 setup: fresh toxic waste (tau, alpha, beta, gamma, delta) from the CSPRNG,
/// zeroed before returning. Fine for development and tests; production keys come from a snarkjs
/// phase-2 ceremony (.zkey import).
/// </summary>
public static class Groth16Setup
{
    /// <summary>Largest domain: the H points live on the 2n-th roots, and r - 1 = 2^28 * odd.</summary>
    public const int MaxDomainLog2 = 27;

    public static ProvingKey Run(R1cs r1cs)
    {
        ArgumentNullException.ThrowIfNull(r1cs);
        int rows = Qap.RowCount(r1cs);
        if (rows > 1 << MaxDomainLog2)
        {
            throw new ArgumentException($"circuit needs {rows} QAP rows, more than 2^{MaxDomainLog2}", nameof(r1cs));
        }

        return RunCore(r1cs, FftDomain.CreateAtLeast(rows));
    }

    private static ProvingKey RunCore(R1cs r1cs, FftDomain domain)
    {
        int n = domain.Size;
        int wires = r1cs.WireCount;
        int publicCount = r1cs.PublicSignalCount;
        var doubleDomainGenerator = Fr.RootOfUnity(domain.Log2Size + 1);
        Fr tau = default, alpha = default, beta = default, gamma = default, delta = default;
        Fr gammaInverse = default, deltaInverse = default;
        Fr[] lagrange = [], lagrangeDouble = [], au = [], bu = [], cu = [], scalars = [];
        try
        {
            do
            {
                tau = NonZeroRandom();
            }
            while (tau.Pow((ulong)(2 * n)).IsOne); // tau must not be a (2n)-th root of unity
            alpha = NonZeroRandom();
            beta = NonZeroRandom();
            gamma = NonZeroRandom();
            delta = NonZeroRandom();
            gammaInverse = gamma.Inverse();
            deltaInverse = delta.Inverse();

            lagrange = Qap.LagrangeAt(tau, n, domain.Generator);
            var coefficients = Qap.Coefficients(r1cs);
            au = new Fr[wires];
            bu = new Fr[wires];
            cu = new Fr[wires];
            foreach (var coefficient in coefficients)
            {
                var target = coefficient.Matrix == 0 ? au : bu;
                target[coefficient.Wire] += coefficient.Value * lagrange[coefficient.Row];
            }

            for (int row = 0; row < r1cs.Constraints.Count; row++)
            {
                foreach (var term in r1cs.Constraints[row].C)
                {
                    cu[term.Wire] += term.Coefficient * lagrange[row];
                }
            }

            var a = G1Points(au);
            var b1 = G1Points(bu);
            var b2 = G2Points(bu);

            scalars = new Fr[wires];
            for (int i = 0; i < wires; i++)
            {
                scalars[i] = ((beta * au[i]) + (alpha * bu[i]) + cu[i]) * (i <= publicCount ? gammaInverse : deltaInverse);
            }

            var ic = G1Points(scalars.AsSpan(0, publicCount + 1));
            var c = G1Points(scalars.AsSpan(publicCount + 1));

            lagrangeDouble = Qap.LagrangeAt(tau, 2 * n, doubleDomainGenerator);
            var hScalars = new Fr[n];
            for (int i = 0; i < n; i++)
            {
                hScalars[i] = lagrangeDouble[(2 * i) + 1] * deltaInverse;
            }

            var h = G1Points(hScalars);
            Array.Clear(hScalars);

            var g1 = G1Generator.Value;
            var g2 = G2Generator.Value;
            var verifyingKey = new VerifyingKey(
                g1.MultiplyConstantTime(alpha).ToAffine(),
                g2.MultiplyConstantTime(beta).ToAffine(),
                g2.MultiplyConstantTime(gamma).ToAffine(),
                g2.MultiplyConstantTime(delta).ToAffine(),
                ic).BindTo(Formats.CircuitHash.Compute(r1cs));
            return new ProvingKey(
                wires,
                publicCount,
                domain.Log2Size,
                coefficients,
                verifyingKey.Alpha1,
                g1.MultiplyConstantTime(beta).ToAffine(),
                verifyingKey.Beta2,
                g1.MultiplyConstantTime(delta).ToAffine(),
                verifyingKey.Delta2,
                a,
                b1,
                b2,
                c,
                h,
                verifyingKey);
        }
        finally
        {
            // Toxic waste: anyone holding tau, alpha, beta, gamma or delta (or the evaluations
            // derived from them) can forge proofs.
            tau = alpha = beta = gamma = delta = gammaInverse = deltaInverse = Fr.Zero;
            Array.Clear(lagrange);
            Array.Clear(lagrangeDouble);
            Array.Clear(au);
            Array.Clear(bu);
            Array.Clear(cu);
            Array.Clear(scalars);
        }
    }

    private static Fr NonZeroRandom()
    {
        Fr value;
        do
        {
            value = Fr.Random();
        }
        while (value.IsZero);
        return value;
    }

    // Every key point is [secret]G: fixed-base tables of the generators (96 + 192 KiB, built once
    // per process) give the same constant-time multiplications with 64 additions and no doublings.
    private static readonly Lazy<G1FixedBase> G1Generator = new(() => new G1FixedBase(G1Affine.Generator));
    private static readonly Lazy<G2FixedBase> G2Generator = new(() => new G2FixedBase(G2Affine.Generator));

    private static G1Affine[] G1Points(ReadOnlySpan<Fr> scalars)
    {
        var copy = scalars.ToArray();
        var jacobian = new G1Jacobian[copy.Length];
        var generator = G1Generator.Value;
        Parallel.For(0, copy.Length, i => jacobian[i] = copy[i].IsZero ? G1Jacobian.Infinity : generator.MultiplyConstantTime(copy[i]));
        Array.Clear(copy);
        var result = new G1Affine[copy.Length];
        G1Jacobian.BatchToAffine(jacobian, result);
        return result;
    }

    private static G2Affine[] G2Points(ReadOnlySpan<Fr> scalars)
    {
        var copy = scalars.ToArray();
        var jacobian = new G2Jacobian[copy.Length];
        var generator = G2Generator.Value;
        Parallel.For(0, copy.Length, i => jacobian[i] = copy[i].IsZero ? G2Jacobian.Infinity : generator.MultiplyConstantTime(copy[i]));
        Array.Clear(copy);
        var result = new G2Affine[copy.Length];
        G2Jacobian.BatchToAffine(jacobian, result);
        return result;
    }
}
