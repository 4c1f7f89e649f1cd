using System.Security.Cryptography;
using System.Text;
using Zkp.Bn254;
using Zkp.Zk.Std;

namespace Zkp.Circuits;

/// <summary>Native (outside the circuit) computations of the claim circuit's public signals.</summary>
public static class ClaimCommitment
{
    /// <summary>
    /// Poseidon(value, salt) with circomlib's 2-input Poseidon: the <c>commitment</c> public signal.
    /// The salt must be secret and uniformly random (e.g. <see cref="NewSalt"/>): value has at most
    /// 64 bits, so without it the commitment could be brute-forced.
    /// </summary>
    public static Fr Commit(ulong value, in Fr salt) => Poseidon.Hash(Fr.FromUInt64(value), salt);

    /// <summary>A fresh uniformly random salt from the system CSPRNG.</summary>
    public static Fr NewSalt() => Fr.Random();

    /// <summary>
    /// The <c>binding</c> public signal for a credential id: SHA-256 of the id's UTF-8 bytes, read as a
    /// big-endian integer and reduced mod r (<see cref="Fr.FromBytesReduced"/>). The reduction's bias
    /// (2^256 mod r) does not matter here: binding only needs to differ between credential ids.
    /// </summary>
    public static Fr BindingFor(string credentialId)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialId);
        return Fr.FromBytesReduced(SHA256.HashData(Encoding.UTF8.GetBytes(credentialId)));
    }

    /// <summary>
    /// The solver inputs of <see cref="ClaimCircuits.Range"/> for a value, its salt, the bounds and the
    /// binding, with the commitment computed from value and salt.
    /// </summary>
    public static Dictionary<string, Fr> RangeInputs(ulong value, in Fr salt, ulong lower, ulong upper, in Fr binding) => new(StringComparer.Ordinal)
    {
        [ClaimSignals.Commitment] = Commit(value, salt),
        [ClaimSignals.Lower] = Fr.FromUInt64(lower),
        [ClaimSignals.Upper] = Fr.FromUInt64(upper),
        [ClaimSignals.Binding] = binding,
        [ClaimSignals.Value] = Fr.FromUInt64(value),
        [ClaimSignals.Salt] = salt,
    };

    /// <summary>
    /// The public signals a proof for these signed values must carry, in circuit (public.json) order:
    /// [commitment, lower, upper, binding]. A verifier compares a proof's public signals with this array,
    /// built from the signed credential, before accepting the proof.
    /// </summary>
    public static Fr[] RangePublicSignals(in Fr commitment, ulong lower, ulong upper, in Fr binding) =>
        [commitment, Fr.FromUInt64(lower), Fr.FromUInt64(upper), binding];
}
