using Zkp.Bn254;

namespace Zkp.Zk.Groth16;

/// <summary>
/// The Groth16 prover, as snarkjs's groth16_prove.js: A, B evaluated on the domain rows from the
/// witness, C = A * B pointwise, each interpolated and re-evaluated on the odd coset, quotient
/// numerator A*B - C committed with the H points; fresh r, s from the CSPRNG for every proof.
/// </summary>
public static class Groth16Prover
{
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
        foreach (var coefficient in key.Coefficients)
        {
            var target = coefficient.Matrix == 0 ? a : b;
            target[coefficient.Row] += coefficient.Value * witness[coefficient.Wire];
        }

        var c = new Fr[n];
        for (int i = 0; i < n; i++)
        {
            Fr.Multiply(a[i], b[i], out c[i]);
        }

        Parallel.Invoke(
            () => ToOddCoset(domain, a),
            () => ToOddCoset(domain, b),
            () => ToOddCoset(domain, c));
        for (int i = 0; i < n; i++)
        {
            Fr.Multiply(a[i], b[i], out var product);
            Fr.Subtract(product, c[i], out a[i]); // a now holds A*B - C on the odd coset
        }

        var privateWitness = witness.AsSpan(key.PublicSignalCount + 1);
        G1Jacobian piA = default, b1 = default, cAndH = default;
        G2Jacobian piB = default;
        var witnessArray = witness;
        var quotient = a;
        var privateArray = privateWitness.ToArray();
        Parallel.Invoke(
            () => piA = Msm.G1(key.A, witnessArray),
            () => piB = Msm.G2(key.B2, witnessArray),
            () => b1 = Msm.G1(key.B1, witnessArray),
            () => cAndH = Msm.G1(key.C, privateArray) + Msm.G1(key.H, quotient));

        var r = Fr.Random();
        var s = Fr.Random();
        try
        {
            var delta1 = key.Delta1.ToJacobian();
            piA = piA + key.Alpha1 + delta1.MultiplyConstantTime(r);
            piB = piB + key.Beta2 + key.Delta2.ToJacobian().MultiplyConstantTime(s);
            b1 = b1 + key.Beta1 + delta1.MultiplyConstantTime(s);
            var piC = cAndH
                + piA.MultiplyConstantTime(s)
                + b1.MultiplyConstantTime(r)
                + delta1.MultiplyConstantTime(-(r * s));
            return new Proof(piA.ToAffine(), piB.ToAffine(), piC.ToAffine());
        }
        finally
        {
            r = s = Fr.Zero;
            Array.Clear(witnessArray);
            Array.Clear(privateArray);
            Array.Clear(quotient);
            Array.Clear(b);
            Array.Clear(c);
        }
    }

    private static void ToOddCoset(FftDomain domain, Fr[] values)
    {
        domain.InverseFft(values);
        domain.CosetFft(values);
    }
}
