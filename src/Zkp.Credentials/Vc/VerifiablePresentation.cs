using System.Text.Json.Nodes;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Did;

namespace Zkp.Credentials.Vc;

/// <summary>Outcome of checking a holder-signed presentation.</summary>
public sealed record PresentationVerification(
    DataIntegrityFailure Failure,
    string Detail,
    string? Holder,
    IReadOnlyList<JsonObject> Credentials)
{
    public bool Verified => Failure == DataIntegrityFailure.None;
}

/// <summary>
/// A W3C VC 2.0 verifiable presentation signed by its holder with an <c>authentication</c> proof whose
/// signed <c>challenge</c> and <c>domain</c> bind it to one verifier request.
/// </summary>
/// <remarks>
/// <see cref="Verify"/> checks the holder's signature, challenge and domain only. It does NOT check the
/// embedded credentials (their issuers, validity, proofs or status), that the holder is their subject, nor
/// that the challenge was never used before: replay protection needs the verifier's nonce store.
/// </remarks>
public static class VerifiablePresentation
{
    public const string PresentationType = "VerifiablePresentation";

    public static JsonObject Create(string holderDid, IEnumerable<JsonObject> signedCredentials, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(signedCredentials);
        if (!DidKey.TryParse(holderDid, out _, out var error))
        {
            throw new ArgumentException($"The holder is not an Ed25519 did:key: {error}.", nameof(holderDid));
        }

        var credentials = new JsonArray();
        foreach (var credential in signedCredentials)
        {
            credentials.Add(credential.DeepClone());
        }

        var presentation = new JsonObject { ["@context"] = new JsonArray(ClaimCredential.CredentialsV2Context) };
        if (id is not null)
        {
            presentation["id"] = id;
        }

        presentation["type"] = new JsonArray(PresentationType);
        presentation["holder"] = holderDid;
        presentation["verifiableCredential"] = credentials;
        return presentation;
    }

    public static JsonObject Sign(JsonObject presentation, Ed25519PrivateKey holderKey, string challenge, string domain, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentException.ThrowIfNullOrEmpty(challenge);
        ArgumentException.ThrowIfNullOrEmpty(domain);
        var holder = DidKey.FromPublicKey(holderKey.PublicKey);
        if (EddsaJcs2022.ReadString(presentation, "holder") != holder.Did)
        {
            throw new ArgumentException("The signing key is not the presentation holder's key.", nameof(holderKey));
        }

        return EddsaJcs2022.Sign(presentation, holderKey, new DataIntegrityProofOptions
        {
            VerificationMethod = holder.VerificationMethodId,
            ProofPurpose = ProofPurposes.Authentication,
            Created = created,
            Challenge = challenge,
            Domain = domain,
        });
    }

    public static PresentationVerification Verify(JsonObject signedPresentation, string expectedChallenge, string expectedDomain)
    {
        ArgumentNullException.ThrowIfNull(signedPresentation);
        ArgumentException.ThrowIfNullOrEmpty(expectedChallenge);
        ArgumentException.ThrowIfNullOrEmpty(expectedDomain);

        string holder;
        IReadOnlyList<JsonObject> credentials;
        try
        {
            (holder, credentials) = ParseShape(signedPresentation);
        }
        catch (CredentialFormatException ex)
        {
            return new PresentationVerification(DataIntegrityFailure.MalformedDocument, ex.Message, null, []);
        }

        var result = EddsaJcs2022.Verify(signedPresentation, new DataIntegrityExpectations
        {
            ProofPurpose = ProofPurposes.Authentication,
            Controller = holder,
            Challenge = expectedChallenge,
            Domain = expectedDomain,
        });
        return new PresentationVerification(result.Failure, result.Verified ? "holder signature valid" : result.Detail, holder, result.Verified ? credentials : []);
    }

    private static (string Holder, IReadOnlyList<JsonObject> Credentials) ParseShape(JsonObject presentation)
    {
        if (!CredentialJson.TryCheckTree(presentation, out var treeError))
        {
            throw new CredentialFormatException(treeError);
        }

        var contexts = JsonFields.RequireStringArray(presentation, "@context", "@context");
        if (contexts.Count == 0 || contexts[0] != ClaimCredential.CredentialsV2Context)
        {
            throw new CredentialFormatException($"@context must start with '{ClaimCredential.CredentialsV2Context}'");
        }

        if (!JsonFields.RequireStringArray(presentation, "type", "type").Contains(PresentationType))
        {
            throw new CredentialFormatException($"type must include '{PresentationType}'");
        }

        var holder = JsonFields.RequireString(presentation, "holder", "holder");
        if (!DidKey.TryParse(holder, out _, out var error))
        {
            throw new CredentialFormatException($"holder is not an Ed25519 did:key: {error}");
        }

        var credentials = new List<JsonObject>();
        switch (presentation["verifiableCredential"])
        {
            case null:
                break;
            case JsonObject single:
                credentials.Add(single);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    credentials.Add(array[i] as JsonObject ?? throw new CredentialFormatException($"verifiableCredential[{i}] must be an object"));
                }

                break;
            default:
                throw new CredentialFormatException("verifiableCredential must be an object or an array of objects");
        }

        return (holder, credentials);
    }
}
