using Zkp.Credentials.Did;

namespace Zkp.Credentials.DataIntegrity;

/// <summary>Stable reasons a Data Integrity proof does not verify.</summary>
public enum DataIntegrityFailure
{
    None,
    MissingProof,
    MalformedProof,
    WrongProofType,
    WrongCryptosuite,
    WrongProofPurpose,
    ContextMismatch,
    BadProofValue,
    UnknownVerificationMethod,
    ControllerMismatch,
    ChallengeMismatch,
    DomainMismatch,
    SignatureMismatch,
    NotCanonicalizable,
    MalformedDocument,
}

public sealed record DataIntegrityVerification(DataIntegrityFailure Failure, string Detail, DidKey? Signer)
{
    public bool Verified => Failure == DataIntegrityFailure.None;

    internal static DataIntegrityVerification Fail(DataIntegrityFailure failure, string detail) => new(failure, detail, null);
}
