namespace Zkp.Credentials.DataIntegrity;

/// <summary>What goes into a new proof besides the signature. Challenge and domain are signed with it.</summary>
public sealed record DataIntegrityProofOptions
{
    public required string VerificationMethod { get; init; }

    public string ProofPurpose { get; init; } = ProofPurposes.AssertionMethod;

    /// <summary>Written at second precision in UTC (<c>yyyy-MM-ddTHH:mm:ssZ</c>); omitted when null.</summary>
    public DateTimeOffset? Created { get; init; }

    public string? Challenge { get; init; }

    public string? Domain { get; init; }
}

public static class ProofPurposes
{
    public const string AssertionMethod = "assertionMethod";
    public const string Authentication = "authentication";
}

/// <summary>What a verifier insists on beyond a valid signature.</summary>
public sealed record DataIntegrityExpectations
{
    public static DataIntegrityExpectations Assertion { get; } = new();

    public string ProofPurpose { get; init; } = ProofPurposes.AssertionMethod;

    /// <summary>When set, the verification method must belong to this DID (e.g. the issuer or holder).</summary>
    public string? Controller { get; init; }

    /// <summary>When set, the signed proof must carry exactly this challenge.</summary>
    public string? Challenge { get; init; }

    /// <summary>When set, the signed proof must carry exactly this domain.</summary>
    public string? Domain { get; init; }
}
