using Zkp.Zk.Groth16;

namespace Zkp.Credentials.Verification;

/// <summary>The validity window and audience of the QR token a presentation was resolved from.</summary>
public sealed record QrTokenWindow(DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Audience);

/// <summary>One verification: the presentation and what the verifier expects of it.</summary>
public sealed record VerificationRequest
{
    /// <summary>The presentation's JSON text, as received.</summary>
    public required string PresentationJson { get; init; }

    /// <summary>The challenge (nonce) the verifier issued for this presentation.</summary>
    public required string Challenge { get; init; }

    /// <summary>The verifier's domain; also the audience a QR token must name.</summary>
    public required string Domain { get; init; }

    /// <summary>Set when the presentation came from a QR token: the token must be inside its window and name <see cref="Domain"/>.</summary>
    public QrTokenWindow? Token { get; init; }
}

/// <summary>What the verifier trusts: the registry, status lists, verifying keys, nonce store and clock.</summary>
public sealed record VerifierContext
{
    public required TrustRegistry TrustRegistry { get; init; }

    public required IStatusListResolver StatusLists { get; init; }

    /// <summary>Verifying keys by circuit id (e.g. <c>zkp.claim-range.v1</c>); each key must be bound to that circuit's hash (<see cref="VerifyingKey.BindTo"/>).</summary>
    public required IReadOnlyDictionary<string, VerifyingKey> VerifyingKeys { get; init; }

    public required IChallengeStore Challenges { get; init; }

    /// <summary>
    /// Checks the Groth16 pairing equation of ZKP_VERIFY (after the pipeline's own signal, binding and key
    /// checks); null checks each proof alone with <see cref="Groth16Verifier"/> on the calling thread.
    /// </summary>
    public IProofVerifier? ProofVerifier { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
