using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Did;

namespace Zkp.Credentials.Vc;

/// <summary>
/// The W3C VC 2.0 claim credential: the issuer signs the subject DID, claim type, circuit bounds, Poseidon
/// commitment, circuit id and binding, together with the Groth16 proof (snarkjs JSON) and its public signals.
/// </summary>
/// <remarks>
/// Parsing checks structure only: VC 2.0 shape, dates, DIDs, claim type and bounds shape, decimal field
/// elements and the snarkjs proof layout. It does NOT check the signature (<see cref="VerifyIssuerSignature"/>),
/// the validity window (<see cref="CheckValidity"/>), the Groth16 proof or that the public signals equal the
/// signed values (the verifier pipeline, with the circuit's verifying key), nor curve membership of proof points.
/// </remarks>
public sealed record ClaimCredential
{
    public const string CredentialsV2Context = "https://www.w3.org/ns/credentials/v2";
    public const string CredentialType = "ZkpClaimCredential";

    public string? Id { get; init; }

    public required string Issuer { get; init; }

    public required DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    public CredentialStatusEntry? Status { get; init; }

    public required string SubjectId { get; init; }

    public required string ClaimType { get; init; }

    public required ClaimBounds Bounds { get; init; }

    public required string Commitment { get; init; }

    public required string CircuitId { get; init; }

    public required string Binding { get; init; }

    public required JsonObject ZkProof { get; init; }

    public required IReadOnlyList<string> PublicSignals { get; init; }

    public ClaimDefinition Definition => ClaimCatalogue.Get(ClaimType);

    /// <summary>The unsigned credential document.</summary>
    public JsonObject ToJson()
    {
        var document = new JsonObject { ["@context"] = new JsonArray(CredentialsV2Context) };
        if (Id is not null)
        {
            document["id"] = Id;
        }

        document["type"] = new JsonArray("VerifiableCredential", CredentialType);
        document["issuer"] = Issuer;
        document["validFrom"] = EddsaJcs2022.FormatDateTime(ValidFrom);
        if (ValidUntil is { } until)
        {
            document["validUntil"] = EddsaJcs2022.FormatDateTime(until);
        }

        if (Status is not null)
        {
            document["credentialStatus"] = Status.ToJson();
        }

        var signals = new JsonArray();
        foreach (var signal in PublicSignals)
        {
            signals.Add(signal);
        }

        document["credentialSubject"] = new JsonObject
        {
            ["id"] = SubjectId,
            ["claim_type"] = ClaimType,
            ["lower"] = Bounds.LowerText,
            ["upper"] = Bounds.UpperText,
            ["commitment"] = Commitment,
            ["circuit_id"] = CircuitId,
            ["binding"] = Binding,
            ["zk_proof"] = ZkProof.DeepClone(),
            ["public_signals"] = signals,
        };
        return document;
    }

    /// <summary>Signs as the issuer. The key must be the issuer DID's key; validation is re-run first.</summary>
    public JsonObject Sign(Ed25519PrivateKey issuerKey, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(issuerKey);
        var issuer = DidKey.Parse(Issuer);
        if (!issuer.PublicKey.Equals(issuerKey.PublicKey))
        {
            throw new ArgumentException("The signing key is not the issuer DID's key.", nameof(issuerKey));
        }

        var document = ToJson();
        _ = Parse(document);
        return EddsaJcs2022.Sign(document, issuerKey, new DataIntegrityProofOptions
        {
            VerificationMethod = issuer.VerificationMethodId,
            ProofPurpose = ProofPurposes.AssertionMethod,
            Created = created,
        });
    }

    /// <summary>Verifies the issuer's Data Integrity proof; the signer must be the credential's issuer.</summary>
    public static DataIntegrityVerification VerifyIssuerSignature(JsonObject signedCredential)
    {
        ArgumentNullException.ThrowIfNull(signedCredential);
        var issuer = ReadIssuer(signedCredential);
        return EddsaJcs2022.Verify(signedCredential, new DataIntegrityExpectations { Controller = issuer });
    }

    /// <summary>Null when <paramref name="now"/> is inside [validFrom, validUntil]; otherwise why not.</summary>
    public string? CheckValidity(DateTimeOffset now)
    {
        if (now < ValidFrom)
        {
            return $"credential is not valid before {EddsaJcs2022.FormatDateTime(ValidFrom)}";
        }

        if (ValidUntil is { } until && now > until)
        {
            return $"credential expired at {EddsaJcs2022.FormatDateTime(until)}";
        }

        return null;
    }

    public static bool TryParse(JsonObject document, out ClaimCredential? credential, out string error)
    {
        try
        {
            credential = Parse(document);
            error = string.Empty;
            return true;
        }
        catch (CredentialFormatException ex)
        {
            credential = null;
            error = ex.Message;
            return false;
        }
    }

    public static ClaimCredential Parse(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!CredentialJson.TryCheckTree(document, out var treeError))
        {
            throw new CredentialFormatException(treeError);
        }

        var contexts = JsonFields.RequireStringArray(document, "@context", "@context");
        if (contexts.Count == 0 || contexts[0] != CredentialsV2Context)
        {
            throw new CredentialFormatException($"@context must start with '{CredentialsV2Context}'");
        }

        var types = JsonFields.RequireStringArray(document, "type", "type");
        if (!types.Contains("VerifiableCredential") || !types.Contains(CredentialType))
        {
            throw new CredentialFormatException($"type must include 'VerifiableCredential' and '{CredentialType}'");
        }

        var issuer = ReadIssuer(document);
        var validFrom = JsonFields.RequireDate(document, "validFrom", "validFrom");
        var validUntil = JsonFields.OptionalDate(document, "validUntil", "validUntil");
        if (validUntil < validFrom)
        {
            throw new CredentialFormatException("validUntil is before validFrom");
        }

        CredentialStatusEntry? status = null;
        if (document["credentialStatus"] is not null)
        {
            status = CredentialStatusEntry.Parse(JsonFields.RequireObject(document, "credentialStatus", "credentialStatus"), "credentialStatus");
        }

        var subject = JsonFields.RequireObject(document, "credentialSubject", "credentialSubject");
        var subjectId = JsonFields.RequireString(subject, "id", "credentialSubject.id");
        if (!DidKey.TryParse(subjectId, out _, out var didError))
        {
            throw new CredentialFormatException($"credentialSubject.id is not an Ed25519 did:key: {didError}");
        }

        var claimType = JsonFields.RequireString(subject, "claim_type", "credentialSubject.claim_type");
        if (!ClaimCatalogue.TryGet(claimType, out var definition))
        {
            throw new CredentialFormatException("credentialSubject.claim_type: " + ClaimCatalogue.UnknownReason(claimType));
        }

        if (!ClaimBounds.TryParse(
                JsonFields.RequireString(subject, "lower", "credentialSubject.lower"),
                JsonFields.RequireString(subject, "upper", "credentialSubject.upper"),
                out var bounds,
                out var boundsError))
        {
            throw new CredentialFormatException("credentialSubject: " + boundsError);
        }

        if (!definition.TryValidateBounds(bounds, out boundsError))
        {
            throw new CredentialFormatException("credentialSubject: " + boundsError);
        }

        var zkProof = JsonFields.RequireObject(subject, "zk_proof", "credentialSubject.zk_proof");
        ValidateSnarkjsProof(zkProof, "credentialSubject.zk_proof");
        var signals = JsonFields.RequireStringArray(subject, "public_signals", "credentialSubject.public_signals");
        for (var i = 0; i < signals.Count; i++)
        {
            if (!JsonFields.IsFieldElement(signals[i]))
            {
                throw new CredentialFormatException($"credentialSubject.public_signals[{i}] '{signals[i]}' is not a canonical decimal below the BN254 scalar field modulus");
            }
        }

        return new ClaimCredential
        {
            Id = JsonFields.OptionalString(document, "id", "id"),
            Issuer = issuer,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            Status = status,
            SubjectId = subjectId,
            ClaimType = claimType,
            Bounds = bounds,
            Commitment = JsonFields.RequireFieldElement(subject, "commitment", "credentialSubject.commitment"),
            CircuitId = JsonFields.RequireString(subject, "circuit_id", "credentialSubject.circuit_id"),
            Binding = JsonFields.RequireFieldElement(subject, "binding", "credentialSubject.binding"),
            ZkProof = zkProof.DeepClone().AsObject(),
            PublicSignals = signals,
        };
    }

    // VC 2.0 allows issuer as a URL string or an object with an id; this product requires a did:key.
    private static string ReadIssuer(JsonObject document)
    {
        var issuer = document["issuer"] is JsonObject issuerObject
            ? JsonFields.RequireString(issuerObject, "id", "issuer.id")
            : JsonFields.RequireString(document, "issuer", "issuer");
        if (!DidKey.TryParse(issuer, out _, out var error))
        {
            throw new CredentialFormatException($"issuer is not an Ed25519 did:key: {error}");
        }

        return issuer;
    }

    // Layout of snarkjs proof.json: projective G1 points as 3 decimals, G2 as 3 pairs. Coordinates are
    // only checked to be decimals here; range (< q), curve and subgroup checks belong to the Groth16 verifier.
    private static void ValidateSnarkjsProof(JsonObject proof, string path)
    {
        if (JsonFields.RequireString(proof, "protocol", path + ".protocol") != "groth16")
        {
            throw new CredentialFormatException($"{path}.protocol must be 'groth16'");
        }

        if (JsonFields.RequireString(proof, "curve", path + ".curve") != "bn128")
        {
            throw new CredentialFormatException($"{path}.curve must be 'bn128'");
        }

        RequireDecimals(proof["pi_a"], 3, path + ".pi_a");
        RequireDecimals(proof["pi_c"], 3, path + ".pi_c");
        if (proof["pi_b"] is not JsonArray piB || piB.Count != 3)
        {
            throw new CredentialFormatException($"{path}.pi_b must be an array of 3 coordinate pairs");
        }

        for (var i = 0; i < 3; i++)
        {
            RequireDecimals(piB[i], 2, $"{path}.pi_b[{i}]");
        }
    }

    private static void RequireDecimals(JsonNode? node, int count, string path)
    {
        if (node is not JsonArray array || array.Count != count)
        {
            throw new CredentialFormatException($"{path} must be an array of {count} decimal strings");
        }

        foreach (var item in array)
        {
            if (item is not JsonValue value || value.GetValueKind() != JsonValueKind.String
                || value.GetValue<string>() is not { Length: > 0 and <= 78 } text || !text.All(char.IsAsciiDigit))
            {
                throw new CredentialFormatException($"{path} must be an array of {count} decimal strings");
            }
        }
    }
}
