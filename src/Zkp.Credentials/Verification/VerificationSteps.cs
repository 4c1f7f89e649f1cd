namespace Zkp.Credentials.Verification;

/// <summary>The six pipeline steps, in the order they run, with the labels and success details of the integration guide.</summary>
public static class VerificationSteps
{
    public const string Decode = "DECODE";
    public const string Freshness = "FRESHNESS";
    public const string IssuerAuth = "ISSUER_AUTH";
    public const string ZkpVerify = "ZKP_VERIFY";
    public const string Revocation = "REVOCATION";
    public const string HolderBinding = "HOLDER_BINDING";

    public static IReadOnlyList<string> Order { get; } = [Decode, Freshness, IssuerAuth, ZkpVerify, Revocation, HolderBinding];

    public static string Label(string step) => step switch
    {
        Decode => "Decode credential",
        Freshness => "Check expiry",
        IssuerAuth => "Verify issuer",
        ZkpVerify => "ZKP proof",
        Revocation => "Revocation check",
        HolderBinding => "Holder binding",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "unknown verification step"),
    };

    internal static string SuccessDetail(string step) => step switch
    {
        Decode => "W3C VC decoded",
        Freshness => "Credential valid",
        IssuerAuth => "Issuer signature valid",
        ZkpVerify => "Groth16 proof verified",
        Revocation => "Not revoked",
        HolderBinding => "DID matches",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "unknown verification step"),
    };
}

/// <summary>Stable, machine-readable failure codes; one step owns each code.</summary>
public static class VerificationCodes
{
    // DECODE
    public const string MalformedJson = "MALFORMED_JSON";
    public const string NotAPresentation = "NOT_A_PRESENTATION";
    public const string NoCredentials = "NO_CREDENTIALS";
    public const string MalformedCredential = "MALFORMED_CREDENTIAL";
    public const string CredentialIdMissing = "CREDENTIAL_ID_MISSING";
    public const string DuplicateClaimType = "DUPLICATE_CLAIM_TYPE";
    public const string MixedIssuers = "MIXED_ISSUERS";

    // FRESHNESS
    public const string TokenNotYetValid = "TOKEN_NOT_YET_VALID";
    public const string TokenExpired = "TOKEN_EXPIRED";
    public const string TokenAudienceMismatch = "TOKEN_AUDIENCE_MISMATCH";
    public const string CredentialNotYetValid = "CREDENTIAL_NOT_YET_VALID";
    public const string CredentialExpired = "CREDENTIAL_EXPIRED";

    // ISSUER_AUTH
    public const string IssuerUnknown = "ISSUER_UNKNOWN";
    public const string IssuerNotActive = "ISSUER_NOT_ACTIVE";
    public const string IssuerSignatureInvalid = "ISSUER_SIGNATURE_INVALID";

    // ZKP_VERIFY
    public const string CircuitKeyMissing = "CIRCUIT_KEY_MISSING";
    public const string CircuitKeyMismatch = "CIRCUIT_KEY_MISMATCH";
    public const string UnsupportedCircuit = "UNSUPPORTED_CIRCUIT";
    public const string ProofMalformed = "PROOF_MALFORMED";
    public const string SignalCountMismatch = "SIGNAL_COUNT_MISMATCH";
    public const string CommitmentMismatch = "COMMITMENT_MISMATCH";
    public const string BoundsMismatch = "BOUNDS_MISMATCH";
    public const string BindingMismatch = "BINDING_MISMATCH";
    public const string ProofInvalid = "PROOF_INVALID";

    // REVOCATION
    public const string StatusEntryMissing = "STATUS_ENTRY_MISSING";
    public const string StatusListUnavailable = "STATUS_LIST_UNAVAILABLE";
    public const string StatusListInvalid = "STATUS_LIST_INVALID";
    public const string StatusListMalformed = "STATUS_LIST_MALFORMED";
    public const string CredentialRevoked = "CREDENTIAL_REVOKED";
    public const string CredentialSuspended = "CREDENTIAL_SUSPENDED";

    // HOLDER_BINDING
    public const string PresentationUnsigned = "PRESENTATION_UNSIGNED";
    public const string PresentationSignatureInvalid = "PRESENTATION_SIGNATURE_INVALID";
    public const string ChallengeMismatch = "CHALLENGE_MISMATCH";
    public const string DomainMismatch = "DOMAIN_MISMATCH";
    public const string HolderNotSubject = "HOLDER_NOT_SUBJECT";
    public const string ChallengeReplayed = "CHALLENGE_REPLAYED";
}
