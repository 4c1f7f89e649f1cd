using Zkp.Bn254;
using Zkp.Zk.Constraints;
using Zkp.Zk.Groth16;

namespace Zkp.Zk.Tests;

// The batch verifier against the single verifier: every answer must be the single check's answer.
public class Groth16BatchVerifierTests
{
    private static readonly Lazy<(CompiledCircuit Circuit, ProvingKey Key, VerifyingKey Bound)> Shared = new(() =>
    {
        var circuit = Groth16Tests.Sample();
        var key = Groth16Setup.Run(circuit.R1cs);
        return (circuit, key, key.VerifyingKey);
    });

    // The setup binds its key to the circuit's hash.
    private static string CircuitId => Shared.Value.Bound.CircuitId!;

    private static Groth16BatchItem Valid(long value)
    {
        var (circuit, key, _) = Shared.Value;
        var witness = circuit.Solve(Groth16Tests.SampleInputs(value));
        return new Groth16BatchItem(witness.PublicSignals(), Groth16Prover.Prove(key, witness.Values));
    }

    private static bool[] Single(VerifyingKey key, IReadOnlyList<Groth16BatchItem> items) =>
        items.Select(i => Groth16Verifier.Verify(key, CircuitId, i.PublicSignals, i.Proof)).ToArray();

    [Fact]
    public void All_valid_batches_pass_the_combined_check()
    {
        var key = Shared.Value.Bound;
        var items = Enumerable.Range(0, 5).Select(i => Valid(100 + (17 * i))).ToList();
        Assert.True(Groth16BatchVerifier.CheckCombined(key, items));
        Assert.True(Groth16BatchVerifier.CheckCombined(key, items.Take(2).ToList()));
        Assert.Equal(Single(key, items), Groth16BatchVerifier.Verify(key, CircuitId, items));
        Assert.All(Groth16BatchVerifier.Verify(key, CircuitId, items), Assert.True);
    }

    [Fact]
    public void One_invalid_proof_among_valid_ones_fails_only_itself()
    {
        var key = Shared.Value.Bound;
        var items = Enumerable.Range(0, 4).Select(i => Valid(120 + i)).ToList();
        var g1 = G1Affine.Generator;
        var bad = items[2] with { Proof = items[2].Proof with { C = (items[2].Proof.C.ToJacobian() + g1).ToAffine() } };
        items[2] = bad;
        Assert.False(Groth16BatchVerifier.CheckCombined(key, items));
        var answers = Groth16BatchVerifier.Verify(key, CircuitId, items);
        Assert.Equal([true, true, false, true], answers);
        Assert.Equal(Single(key, items), answers);
    }

    [Fact]
    public void A_proof_swapped_onto_another_statement_fails_only_itself()
    {
        // Two valid proofs with their public signals exchanged: each is a valid proof of the other statement.
        var key = Shared.Value.Bound;
        var first = Valid(130);
        var second = Valid(170);
        var third = Valid(190);
        List<Groth16BatchItem> items = [first with { Proof = second.Proof }, second with { Proof = first.Proof }, third];
        Assert.False(Groth16BatchVerifier.CheckCombined(key, items));
        Assert.Equal([false, false, true], Groth16BatchVerifier.Verify(key, CircuitId, items));
    }

    [Fact]
    public void A_wrong_public_input_is_refused_in_a_batch()
    {
        var key = Shared.Value.Bound;
        var items = Enumerable.Range(0, 3).Select(i => Valid(140 + i)).ToList();
        for (var signal = 0; signal < key.PublicSignalCount; signal++)
        {
            var changed = (Fr[])items[1].PublicSignals.Clone();
            changed[signal] += Fr.One;
            List<Groth16BatchItem> batch = [items[0], items[1] with { PublicSignals = changed }, items[2]];
            Assert.False(Groth16BatchVerifier.CheckCombined(key, batch));
            Assert.Equal([true, false, true], Groth16BatchVerifier.Verify(key, CircuitId, batch));
        }
    }

    [Fact]
    public void A_batch_of_one_is_the_plain_check()
    {
        var key = Shared.Value.Bound;
        var item = Valid(150);
        Assert.Equal([true], Groth16BatchVerifier.Verify(key, CircuitId, [item]));
        Assert.True(Groth16BatchVerifier.CheckCombined(key, [item]));
        var bad = item with { Proof = item.Proof with { A = item.Proof.C } };
        Assert.Equal([false], Groth16BatchVerifier.Verify(key, CircuitId, [bad]));
        Assert.False(Groth16BatchVerifier.CheckCombined(key, [bad]));
        Assert.Empty(Groth16BatchVerifier.Verify(key, CircuitId, []));
    }

    [Fact]
    public void Proofs_for_another_key_fail_and_keys_are_never_mixed()
    {
        // A second setup of the same circuit: same shape, different key; its proofs must fail under the first key.
        var (circuit, _, key) = Shared.Value;
        var otherSetup = Groth16Setup.Run(circuit.R1cs);
        var witness = circuit.Solve(Groth16Tests.SampleInputs(160));
        var foreign = new Groth16BatchItem(witness.PublicSignals(), Groth16Prover.Prove(otherSetup, witness.Values));
        List<Groth16BatchItem> items = [Valid(161), foreign, Valid(162)];
        Assert.Equal([true, false, true], Groth16BatchVerifier.Verify(key, CircuitId, items));
        Assert.True(Groth16BatchVerifier.Verify(otherSetup.VerifyingKey, [foreign])[0]);
        Assert.Throws<InvalidOperationException>(() => Groth16BatchVerifier.Verify(key, "another-circuit", items));
    }

    [Fact]
    public void Points_at_infinity_in_a_batch_fail_only_their_own_proof()
    {
        // Infinity is a valid point value (it decodes); the batch's affine conversion must not let it spoil others.
        var key = Shared.Value.Bound;
        var items = Enumerable.Range(0, 3).Select(i => Valid(175 + i)).ToList();
        items[0] = items[0] with { Proof = items[0].Proof with { A = G1Affine.Infinity } };
        items[2] = items[2] with { Proof = items[2].Proof with { C = G1Affine.Infinity } };
        Assert.Equal(Single(key, items), Groth16BatchVerifier.Verify(key, CircuitId, items));
        Assert.Equal([false, true, false], Groth16BatchVerifier.Verify(key, CircuitId, items));
    }

    [Fact]
    public void A_signal_count_that_differs_from_the_key_is_an_argument_error()
    {
        var key = Shared.Value.Bound;
        var item = Valid(150);
        Assert.Throws<ArgumentException>(() => Groth16BatchVerifier.Verify(key, CircuitId, [item, item with { PublicSignals = item.PublicSignals[..2] }]));
    }
}
