using System.Globalization;
using System.Text.Json.Nodes;
using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;
using Zkp.Credentials.Vc;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Credentials.Verification;

/// <summary>What the issuer needs to issue one claim credential for a member.</summary>
public sealed record ClaimIssuanceRequest
{
    public required Ed25519PrivateKey IssuerKey { get; init; }

    public required string MemberDid { get; init; }

    public required string ClaimType { get; init; }

    /// <summary>The claim's threshold (see <see cref="ClaimDefinition.BoundsFor"/>); null uses the claim's default.</summary>
    public ulong? Threshold { get; init; }

    /// <summary>Upper bound for <see cref="ClaimComparison.Between"/> claims; null is the top of the range.</summary>
    public ulong? Upper { get; init; }

    /// <summary>The member's private value. Never leaves the issuer: only its Poseidon commitment is published.</summary>
    public required ulong Value { get; init; }

    /// <summary>A proving key of <see cref="ClaimCircuits.Range"/>, bound to its circuit hash (setup binds it; a read .zkey needs <c>BindTo</c>).</summary>
    public required ProvingKey ProvingKey { get; init; }

    public required string CredentialId { get; init; }

    public required DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    public CredentialStatusEntry? Status { get; init; }

    /// <summary>The issuer signature's <c>created</c> time; defaults to <see cref="ValidFrom"/>.</summary>
    public DateTimeOffset? Created { get; init; }
}

/// <summary>
/// Issues claim credentials: commits to the private value with a fresh salt, proves with Groth16 that the
/// committed value lies inside the claim's bounds (bound to the credential id), and signs the credential.
/// </summary>
public static class ClaimIssuance
{
    /// <summary>Issues and signs a claim credential; returns the signed credential document.</summary>
    /// <exception cref="ClaimNotSatisfiedException">The value is outside the claim's bounds; nothing is proved.</exception>
    /// <exception cref="ClaimException">Unknown claim type or a threshold outside the catalogue's range.</exception>
    /// <exception cref="ArgumentException">Malformed member DID, or a proving key of another circuit.</exception>
    public static JsonObject Issue(ClaimIssuanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Prove(request).Sign(request.Status);
    }

    /// <summary>
    /// The expensive half of <see cref="Issue"/>: checks the request, commits and proves. The proof depends on the
    /// credential id but not on <see cref="ClaimIssuanceRequest.Status"/>, so an issuer can prove first and allocate the
    /// status-list index (a serialised step) only for the short <see cref="ProvedClaim.Sign"/> that follows.
    /// </summary>
    /// <exception cref="ClaimNotSatisfiedException">The value is outside the claim's bounds; nothing is proved.</exception>
    /// <exception cref="ClaimException">Unknown claim type or a threshold outside the catalogue's range.</exception>
    /// <exception cref="ArgumentException">Malformed member DID, or a proving key of another circuit.</exception>
    public static ProvedClaim Prove(ClaimIssuanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.IssuerKey);
        ArgumentNullException.ThrowIfNull(request.ProvingKey);
        ArgumentException.ThrowIfNullOrEmpty(request.CredentialId);
        if (!DidKey.TryParse(request.MemberDid, out _, out var didError))
        {
            throw new ArgumentException($"The member is not an Ed25519 did:key: {didError}.", nameof(request));
        }

        var circuit = ClaimCircuits.Range;
        if (request.ProvingKey.VerifyingKey.CircuitId != circuit.CircuitHash)
        {
            throw new ArgumentException($"The proving key must be bound to {circuit.Id} (hash {circuit.CircuitHash}), not {request.ProvingKey.VerifyingKey.CircuitId ?? "(unbound)"}.", nameof(request));
        }

        var definition = ClaimCatalogue.Get(request.ClaimType);
        var bounds = definition.BoundsFor(request.Threshold, request.Upper);
        if (!bounds.Contains(request.Value))
        {
            // The circuit would refuse to solve anyway; refusing here gives the reason without revealing the value.
            throw new ClaimNotSatisfiedException(request.ClaimType, bounds);
        }

        return ProveCore(request, definition, bounds, circuit.Id);
    }

    private static ProvedClaim ProveCore(ClaimIssuanceRequest request, ClaimDefinition definition, ClaimBounds bounds, string circuitId)
    {
        var salt = ClaimCommitment.NewSalt();
        var binding = ClaimCommitment.BindingFor(request.CredentialId);
        var inputs = ClaimCommitment.RangeInputs(request.Value, salt, bounds.Lower, bounds.Upper, binding);
        var witness = ClaimCircuits.Range.Solve(inputs);
        var proof = Groth16Prover.Prove(request.ProvingKey, witness.Values);
        var signals = witness.PublicSignals();

        var credential = new ClaimCredential
        {
            Id = request.CredentialId,
            Issuer = DidKey.FromPublicKey(request.IssuerKey.PublicKey).Did,
            ValidFrom = request.ValidFrom,
            ValidUntil = request.ValidUntil,
            Status = null,
            SubjectId = request.MemberDid,
            ClaimType = definition.Name,
            Bounds = bounds,
            Commitment = signals[0].ToString(),
            CircuitId = circuitId,
            Binding = binding.ToString(),
            ZkProof = JsonNode.Parse(SnarkjsJson.WriteProof(proof))!.AsObject(),
            PublicSignals = Array.ConvertAll(signals, s => s.ToString()),
        };
        return new ProvedClaim(credential, request.IssuerKey, request.Created ?? request.ValidFrom);
    }
}

/// <summary>A proved, not yet signed claim credential (<see cref="ClaimIssuance.Prove"/>).</summary>
public sealed class ProvedClaim
{
    private readonly ClaimCredential unsigned;
    private readonly Ed25519PrivateKey issuerKey;
    private readonly DateTimeOffset created;

    internal ProvedClaim(ClaimCredential unsigned, Ed25519PrivateKey issuerKey, DateTimeOffset created)
    {
        this.unsigned = unsigned;
        this.issuerKey = issuerKey;
        this.created = created;
    }

    /// <summary>
    /// Signs the credential with the request's issuer key (which must not be disposed yet), adding the status entry.
    /// Each call signs a fresh document; the proof and commitment are the same.
    /// </summary>
    public JsonObject Sign(CredentialStatusEntry? status) => (unsigned with { Status = status }).Sign(issuerKey, created);
}

/// <summary>The member's value does not satisfy the requested claim, so no credential (and no proof) is made.</summary>
public sealed class ClaimNotSatisfiedException : Exception
{
    public ClaimNotSatisfiedException()
    {
    }

    public ClaimNotSatisfiedException(string message)
        : base(message)
    {
    }

    public ClaimNotSatisfiedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    // The message names the bounds but never the value: exception messages end up in logs.
    internal ClaimNotSatisfiedException(string claimType, ClaimBounds bounds)
        : base(string.Create(CultureInfo.InvariantCulture, $"the value does not satisfy {claimType}: it must lie in [{bounds.Lower}, {bounds.Upper}]"))
    {
        ClaimType = claimType;
    }

    public string? ClaimType { get; }
}
