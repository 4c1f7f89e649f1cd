using Zkp.Zk.Frontend;
using Zkp.Zk.Std;

namespace Zkp.Circuits;

/// <summary>
/// The claim circuit: one range proof serving every claim type (see docs/circuits.md).
/// Public signals, in this order: commitment, lower, upper, binding. Secret: value, salt.
/// Enforces value, lower, upper &lt; 2^64; lower &lt;= value &lt;= upper; Poseidon(value, salt) == commitment;
/// and binds <c>binding</c> with a squaring constraint.
/// </summary>
/// <remarks>
/// Does NOT check that the public signals equal what the issuer signed (commitment, bounds, binding):
/// the credential verifier compares them with the signed credential before trusting a proof.
/// </remarks>
internal sealed class ClaimRangeCircuit : Circuit
{
    public const string CircuitId = "zkp.claim-range.v1";
    public const int ValueBits = 64;

    public override string Name => CircuitId;

    public override void Define(ICircuitApi api)
    {
        ArgumentNullException.ThrowIfNull(api);

        // Declaration order fixes the wire order and therefore public.json: do not reorder.
        var commitment = api.PublicInput(ClaimSignals.Commitment);
        var lower = api.PublicInput(ClaimSignals.Lower);
        var upper = api.PublicInput(ClaimSignals.Upper);
        var binding = api.PublicInput(ClaimSignals.Binding);
        var value = api.SecretInput(ClaimSignals.Value);
        var salt = api.SecretInput(ClaimSignals.Salt);

        // Range-checking all three to 64 bits is what makes the two differences below sound:
        // without it a prover could pick a huge field element that "wraps" past the bound.
        api.AssertInRange(value, lower, upper, ValueBits);

        using (api.Scope("commitment"))
        {
            api.AssertEqual(api.Poseidon(value, salt), commitment, "Poseidon(value, salt) == commitment");
        }

        // A public input that appears in no constraint has zero columns in A, B and C, so the Groth16
        // verification equation does not depend on it and any value would verify. Squaring it puts it
        // in a constraint (circom's usual idiom), which ties the proof to the signed binding.
        using (api.Scope("binding"))
        {
            api.Mul(binding, binding);
        }
    }
}
