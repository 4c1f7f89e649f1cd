using Zkp.Bn254;
using Zkp.Zk.Constraints;
using Zkp.Zk.Frontend;
using Zkp.Zk.Groth16;
using Zkp.Zk.Std;

namespace Zkp.Zk.Tests;

public class Groth16Tests
{
    private static readonly Lazy<(CompiledCircuit Circuit, ProvingKey Key)> Shared = new(() =>
    {
        var circuit = Sample();
        return (circuit, Groth16Setup.Run(circuit.R1cs));
    });

    internal static CompiledCircuit Sample() => TestCircuit.Compile("groth16-sample", api =>
    {
        var lower = api.PublicInput("lower");
        var upper = api.PublicInput("upper");
        var value = api.SecretInput("value");
        var salt = api.SecretInput("salt");
        api.AssertInRange(value, lower, upper, 16);
        api.PublicOutput("commitment", api.Poseidon(value, salt));
    });

    internal static Dictionary<string, Fr> SampleInputs(long value) => new(StringComparer.Ordinal)
    {
        ["lower"] = Fr.FromUInt64(100),
        ["upper"] = Fr.FromUInt64(200),
        ["value"] = Fr.FromInt64(value),
        ["salt"] = Fr.FromUInt64(987654321),
    };

    [Fact]
    public void Proof_from_own_setup_verifies_and_binds_every_public_signal()
    {
        var (circuit, key) = Shared.Value;
        var witness = circuit.Solve(SampleInputs(150));
        var proof = Groth16Prover.Prove(key, witness.Values);
        var publicSignals = witness.PublicSignals();
        Assert.Equal(3, publicSignals.Length);
        Assert.Equal(Poseidon.Hash(Fr.FromUInt64(150), Fr.FromUInt64(987654321)), publicSignals[0]);

        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, publicSignals, proof));
        for (int i = 0; i < publicSignals.Length; i++)
        {
            var changed = (Fr[])publicSignals.Clone();
            changed[i] += Fr.One;
            Assert.False(Groth16Verifier.Verify(key.VerifyingKey, changed, proof));
        }
    }

    [Fact]
    public void Changed_proof_points_are_rejected()
    {
        var (circuit, key) = Shared.Value;
        var witness = circuit.Solve(SampleInputs(100));
        var proof = Groth16Prover.Prove(key, witness.Values);
        var signals = witness.PublicSignals();
        var g1 = G1Affine.Generator;
        Assert.False(Groth16Verifier.Verify(key.VerifyingKey, signals, proof with { A = (proof.A.ToJacobian() + g1).ToAffine() }));
        Assert.False(Groth16Verifier.Verify(key.VerifyingKey, signals, proof with { B = (proof.B.ToJacobian() + G2Affine.Generator.ToJacobian()).ToAffine() }));
        Assert.False(Groth16Verifier.Verify(key.VerifyingKey, signals, proof with { C = (proof.C.ToJacobian() + g1).ToAffine() }));
        Assert.False(Groth16Verifier.Verify(key.VerifyingKey, signals, proof with { A = proof.C, C = proof.A }));
    }

    [Fact]
    public void Two_proofs_of_the_same_statement_differ()
    {
        var (circuit, key) = Shared.Value;
        var witness = circuit.Solve(SampleInputs(200));
        var first = Groth16Prover.Prove(key, witness.Values);
        var second = Groth16Prover.Prove(key, witness.Values);
        Assert.NotEqual(first.A, second.A);
        Assert.NotEqual(first.B, second.B);
        Assert.NotEqual(first.C, second.C);
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, witness.PublicSignals(), second));
    }

    [Fact]
    public void Proofs_with_plain_and_with_prepared_bases_verify_and_an_unsatisfying_witness_still_fails()
    {
        var circuit = Sample();
        var key = Groth16Setup.Run(circuit.R1cs);
        var witness = circuit.Solve(SampleInputs(123));
        var signals = witness.PublicSignals();

        var first = Groth16Prover.Prove(key, witness.Values);
        Assert.False(key.HasPreparedBases); // a key used once never pays for the tables
        Assert.False(key.HasDeltaCombs);
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, signals, first));

        // From here on r delta_1 and s delta_2 come from the fixed-base tables: a wrong multiple of
        // either breaks the verification equation (pi_C uses r and s through other paths).
        var second = Groth16Prover.Prove(key, witness.Values);
        Assert.True(key.HasPreparedBases);
        Assert.True(key.HasDeltaCombs);
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, signals, second));
        Assert.NotEqual(first.A, second.A);

        var other = circuit.Solve(SampleInputs(200));
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, other.PublicSignals(), Groth16Prover.Prove(key, other.Values)));
        Assert.False(Groth16Verifier.Verify(key.VerifyingKey, signals, Groth16Prover.Prove(key, other.Values)));

        var bad = witness.Values.ToArray();
        bad[^1] += Fr.One;
        Assert.False(Groth16Verifier.Verify(key.VerifyingKey, signals, Groth16Prover.Prove(key, bad)));
    }

    // The small-key prover runs its jobs (FFT pairs, H parts, C, A, B1, B2) on this many workers;
    // any split of H, any order and one worker (a single core or a busy thread pool) must give a
    // proof that verifies, with plain MSMs (first proof) and over prepared bases (later proofs).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Small_key_proofs_verify_for_any_number_of_workers(int workers)
    {
        var circuit = Sample();
        var key = Groth16Setup.Run(circuit.R1cs);
        var witness = circuit.Solve(SampleInputs(150));
        var signals = witness.PublicSignals();
        for (int proof = 0; proof < 3; proof++)
        {
            Assert.True(Groth16Verifier.Verify(key.VerifyingKey, signals, Groth16Prover.Prove(key, witness.Values, workers)), $"proof {proof}");
            Assert.Equal(proof > 0, key.HasPreparedBases);
        }

        var bad = witness.Values.ToArray();
        bad[^1] += Fr.One;
        Assert.False(Groth16Verifier.Verify(key.VerifyingKey, signals, Groth16Prover.Prove(key, bad, workers)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Groth16Prover.Prove(key, witness.Values, 0));
    }

    [Fact]
    public void The_prepared_bases_limit_decides_whether_a_key_builds_tables()
    {
        var circuit = Sample();
        var witness = circuit.Solve(SampleInputs(123));
        var signals = witness.PublicSignals();

        var refused = Groth16Setup.Run(circuit.R1cs);
        Assert.Equal(ProvingKey.DefaultPreparedBasesLimitBytes, refused.PreparedBasesLimitBytes);
        Assert.InRange(refused.PreparedBasesBytes, 1, ProvingKey.DefaultPreparedBasesLimitBytes);
        refused.PreparedBasesLimitBytes = refused.PreparedBasesBytes - 1;
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Groth16Verifier.Verify(refused.VerifyingKey, signals, Groth16Prover.Prove(refused, witness.Values)));
        }
        Assert.False(refused.HasPreparedBases);
        Assert.True(refused.HasDeltaCombs); // small enough for every key: no limit applies
        Assert.Throws<ArgumentOutOfRangeException>(() => refused.PreparedBasesLimitBytes = -1);

        var allowed = Groth16Setup.Run(circuit.R1cs);
        allowed.PreparedBasesLimitBytes = allowed.PreparedBasesBytes;
        Assert.True(Groth16Verifier.Verify(allowed.VerifyingKey, signals, Groth16Prover.Prove(allowed, witness.Values)));
        Assert.True(Groth16Verifier.Verify(allowed.VerifyingKey, signals, Groth16Prover.Prove(allowed, witness.Values)));
        Assert.True(allowed.HasPreparedBases);
    }

    [Fact]
    public void A_witness_that_does_not_satisfy_the_circuit_gives_a_proof_that_fails()
    {
        var (circuit, key) = Shared.Value;
        var witness = circuit.Solve(SampleInputs(150)).Values.ToArray();
        witness[^1] += Fr.One;
        Assert.NotEqual(-1, circuit.R1cs.FindFirstUnsatisfied(witness));
        var proof = Groth16Prover.Prove(key, witness);
        Assert.False(Groth16Verifier.Verify(key.VerifyingKey, witness.AsSpan(1, 3), proof));
    }

    [Fact]
    public void Wrong_public_signal_count_and_witness_length_are_refused()
    {
        var (circuit, key) = Shared.Value;
        var witness = circuit.Solve(SampleInputs(150));
        var proof = Groth16Prover.Prove(key, witness.Values);
        var ex = Assert.Throws<ArgumentException>(() => Groth16Verifier.Verify(key.VerifyingKey, witness.PublicSignals().AsSpan(0, 2), proof));
        Assert.StartsWith("expected 3 public signals, got 2", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Groth16Prover.Prove(key, witness.Values[1..]));
    }

    [Fact]
    public void A_key_from_another_setup_rejects_the_proof()
    {
        var (circuit, key) = Shared.Value;
        var otherKey = Groth16Setup.Run(circuit.R1cs);
        var witness = circuit.Solve(SampleInputs(150));
        var proof = Groth16Prover.Prove(key, witness.Values);
        Assert.False(Groth16Verifier.Verify(otherKey.VerifyingKey, witness.PublicSignals(), proof));
    }

    [Fact]
    public void Verifying_key_with_gamma_equal_to_delta_is_refused()
    {
        var vk = Shared.Value.Key.VerifyingKey;
        var ex = Assert.Throws<ArgumentException>(() => new VerifyingKey(vk.Alpha1, vk.Beta2, vk.Gamma2, vk.Gamma2, vk.IC));
        Assert.Contains("gamma == delta", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lagrange_basis_sums_to_one_and_interpolates_the_domain()
    {
        var domain = FftDomain.Create(3);
        var x = Fr.FromUInt64(123456789);
        var basis = Qap.LagrangeAt(x, domain.Size, domain.Generator);
        var sum = Fr.Zero;
        var weighted = Fr.Zero;
        for (int j = 0; j < domain.Size; j++)
        {
            sum += basis[j];
            weighted += basis[j] * domain.Element(j); // interpolates p(X) = X
        }

        Assert.True(sum.IsOne);
        Assert.Equal(x, weighted);
    }
}

public class CircuitBindingTests
{
    [Fact]
    public void Setup_binds_the_key_to_the_circuit_hash_and_other_ids_are_refused()
    {
        var circuit = Groth16Tests.Sample();
        var key = Groth16Setup.Run(circuit.R1cs);
        var id = Zkp.Zk.Formats.CircuitHash.Compute(circuit.R1cs);
        Assert.Equal(64, id.Length);
        Assert.Equal(id, key.VerifyingKey.CircuitId);

        var witness = circuit.Solve(Groth16Tests.SampleInputs(150));
        var proof = Groth16Prover.Prove(key, witness.Values);
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, id, witness.PublicSignals(), proof));

        var other = TestCircuit.Compile("other", api => api.AssertEqual(api.SecretInput("a"), api.PublicInput("b")));
        var otherId = Zkp.Zk.Formats.CircuitHash.Compute(other.R1cs);
        Assert.NotEqual(id, otherId);
        var ex = Assert.Throws<InvalidOperationException>(() => Groth16Verifier.Verify(key.VerifyingKey, otherId, witness.PublicSignals(), proof));
        Assert.Equal($"verifying key belongs to circuit {id}, not {otherId}", ex.Message);
        Assert.Throws<InvalidOperationException>(() => key.VerifyingKey.BindTo(otherId));

        var unbound = Zkp.Zk.Formats.SnarkjsJson.ReadVerifyingKey(Zkp.Zk.Formats.SnarkjsJson.WriteVerifyingKey(key.VerifyingKey));
        Assert.Null(unbound.CircuitId);
        Assert.Throws<InvalidOperationException>(() => Groth16Verifier.Verify(unbound, id, witness.PublicSignals(), proof));
        Assert.True(Groth16Verifier.Verify(unbound.BindTo(id), id, witness.PublicSignals(), proof));
    }

    [Fact]
    public void Circuit_hash_is_stable_and_sensitive_to_any_coefficient()
    {
        var first = Zkp.Zk.Formats.CircuitHash.Compute(Groth16Tests.Sample().R1cs);
        Assert.Equal(first, Zkp.Zk.Formats.CircuitHash.Compute(Groth16Tests.Sample().R1cs));
        var changed = TestCircuit.Compile("groth16-sample", api =>
        {
            var lower = api.PublicInput("lower");
            var upper = api.PublicInput("upper");
            var value = api.SecretInput("value");
            var salt = api.SecretInput("salt");
            api.AssertInRange(value, lower, upper, 17);
            api.PublicOutput("commitment", api.Poseidon(value, salt));
        });
        Assert.NotEqual(first, Zkp.Zk.Formats.CircuitHash.Compute(changed.R1cs));
    }
}

public class Groth16EdgeCaseTests
{
    [Fact]
    public void Circuit_without_public_signals_proves_and_verifies()
    {
        var circuit = TestCircuit.Compile("no-public", api =>
        {
            var x = api.SecretInput("x");
            api.AssertEqual(api.Mul(x, x), api.Constant(49L));
        });
        Assert.Equal(0, circuit.R1cs.PublicSignalCount);
        var key = Groth16Setup.Run(circuit.R1cs);
        var witness = circuit.Solve(TestCircuit.Inputs(("x", 7)));
        var proof = Groth16Prover.Prove(key, witness.Values);
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, ReadOnlySpan<Fr>.Empty, proof));
        var wrong = circuit.Solve(TestCircuit.Inputs(("x", -7))); // the other root also satisfies x^2 = 49
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, ReadOnlySpan<Fr>.Empty, Groth16Prover.Prove(key, wrong.Values)));
    }

    [Theory]
    [InlineData(5)] // 5 multiplications + 1 output constraint + 1 public signal + the constant = 8 rows: the domain is exactly full
    [InlineData(6)] // 9 rows: the next power of two
    public void Domain_boundaries_prove_and_verify(int multiplications)
    {
        var circuit = TestCircuit.Compile("boundary", api =>
        {
            var x = api.SecretInput("x");
            var acc = x;
            for (int i = 0; i < multiplications; i++)
            {
                acc = api.Mul(acc, x);
            }

            api.PublicOutput("power", acc);
        });
        var key = Groth16Setup.Run(circuit.R1cs);
        Assert.Equal(multiplications + 3 <= 8 ? 8 : 16, key.Domain.Size);
        var witness = circuit.Solve(TestCircuit.Inputs(("x", 3)));
        Assert.Equal(Fr.FromUInt64(3).Pow((ulong)(multiplications + 1)), witness.PublicSignals()[0]);
        var proof = Groth16Prover.Prove(key, witness.Values);
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, witness.PublicSignals(), proof));
        Assert.False(Groth16Verifier.Verify(key.VerifyingKey, [witness.PublicSignals()[0] + Fr.One], proof));
    }
}
