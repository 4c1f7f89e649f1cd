using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;
using Zkp.Credentials.Jcs;

namespace Zkp.Credentials.DataIntegrity;

/// <summary>
/// The W3C Data Integrity cryptosuite <c>eddsa-jcs-2022</c>: the signature covers
/// SHA-256(JCS(proof configuration)) || SHA-256(JCS(document without proof)).
/// </summary>
/// <remarks>
/// Only <c>did:key</c> Ed25519 verification methods are resolved. A single proof object is supported
/// (not proof sets or chains). Trust in the signer (is this issuer registered and active?) is not
/// decided here; callers compare <see cref="DataIntegrityVerification.Signer"/> with their registry.
/// </remarks>
public static class EddsaJcs2022
{
    public const string Cryptosuite = "eddsa-jcs-2022";
    public const string ProofType = "DataIntegrityProof";

    /// <summary>Returns a copy of <paramref name="unsecuredDocument"/> with a new <c>proof</c>.</summary>
    public static JsonObject Sign(JsonObject unsecuredDocument, Ed25519PrivateKey key, DataIntegrityProofOptions options)
    {
        ArgumentNullException.ThrowIfNull(unsecuredDocument);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        if (unsecuredDocument.ContainsKey("proof"))
        {
            throw new ArgumentException("The document already has a proof; proof sets are not supported.", nameof(unsecuredDocument));
        }

        if (!DidKey.TryParseVerificationMethod(options.VerificationMethod, out var signer, out var error))
        {
            throw new ArgumentException($"The verification method is not a did:key method: {error}.", nameof(options));
        }

        if (!signer.PublicKey.Equals(key.PublicKey))
        {
            throw new ArgumentException("The verification method does not name the signing key's public key.", nameof(options));
        }

        var proofConfig = BuildProofConfig(unsecuredDocument, options);
        var signature = key.Sign(HashData(proofConfig, unsecuredDocument));

        var secured = unsecuredDocument.DeepClone().AsObject();
        var proof = proofConfig.DeepClone().AsObject();
        proof["proofValue"] = Multibase.EncodeBase58Btc(signature);
        secured["proof"] = proof;
        return secured;
    }

    public static DataIntegrityVerification Verify(JsonObject securedDocument, DataIntegrityExpectations? expectations = null)
    {
        ArgumentNullException.ThrowIfNull(securedDocument);
        return VerifyCore(securedDocument, expectations ?? DataIntegrityExpectations.Assertion);
    }

    /// <summary>Formats a proof timestamp the way the W3C examples do (UTC, seconds, 'Z').</summary>
    public static string FormatDateTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static JsonObject BuildProofConfig(JsonObject unsecuredDocument, DataIntegrityProofOptions options)
    {
        var proof = new JsonObject
        {
            ["type"] = ProofType,
            ["cryptosuite"] = Cryptosuite,
        };
        if (options.Created is { } created)
        {
            proof["created"] = FormatDateTime(created);
        }

        proof["verificationMethod"] = options.VerificationMethod;
        proof["proofPurpose"] = options.ProofPurpose;
        if (options.Challenge is not null)
        {
            proof["challenge"] = options.Challenge;
        }

        if (options.Domain is not null)
        {
            proof["domain"] = options.Domain;
        }

        // The spec copies the document's @context into the proof so the proof cannot be replayed
        // on a document whose terms mean something else.
        if (unsecuredDocument["@context"] is { } context)
        {
            proof["@context"] = context.DeepClone();
        }

        return proof;
    }

    /// <summary>SHA-256(JCS(proofConfig)) || SHA-256(JCS(document)), the 64 bytes that get signed.</summary>
    internal static byte[] HashData(JsonObject proofConfig, JsonObject unsecuredDocument) =>
        HashData(JsonCanonicalizer.CanonicalizeToUtf8(proofConfig), JsonCanonicalizer.CanonicalizeToUtf8(unsecuredDocument));

    private static byte[] HashData(byte[] canonicalProofConfig, byte[] canonicalDocument)
    {
        var hash = new byte[64];
        SHA256.HashData(canonicalProofConfig, hash.AsSpan(0, 32));
        SHA256.HashData(canonicalDocument, hash.AsSpan(32, 32));
        return hash;
    }

    private static DataIntegrityVerification VerifyCore(JsonObject securedDocument, DataIntegrityExpectations expectations)
    {
        if (!Vc.CredentialJson.TryCheckTree(securedDocument, out var treeError))
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.MalformedDocument, treeError);
        }

        if (!securedDocument.TryGetPropertyValue("proof", out var proofNode) || proofNode is null)
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.MissingProof, "the document has no proof");
        }

        if (proofNode is not JsonObject proof)
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.MalformedProof, "the proof is not a single JSON object (proof sets are not supported)");
        }

        if (ReadString(proof, "type") != ProofType)
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.WrongProofType, $"proof type is not '{ProofType}'");
        }

        if (ReadString(proof, "cryptosuite") is var suite && suite != Cryptosuite)
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.WrongCryptosuite, $"cryptosuite '{suite ?? "(missing)"}' is not '{Cryptosuite}'");
        }

        if (ReadString(proof, "proofPurpose") is var purpose && purpose != expectations.ProofPurpose)
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.WrongProofPurpose, $"proof purpose '{purpose ?? "(missing)"}' is not '{expectations.ProofPurpose}'");
        }

        if (proof["created"] is { } created && !IsDateTime(created))
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.MalformedProof, "proof 'created' is not an XML Schema date-time");
        }

        if (!DidKey.TryParseVerificationMethod(ReadString(proof, "verificationMethod"), out var signer, out var vmError))
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.UnknownVerificationMethod, $"verification method cannot be resolved: {vmError}");
        }

        if (expectations.Controller is { } controller && !string.Equals(controller, signer.Did, StringComparison.Ordinal))
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.ControllerMismatch, $"signed by {signer.Did}, expected {controller}");
        }

        if (expectations.Challenge is { } challenge && !FixedTimeEquals(ReadString(proof, "challenge"), challenge))
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.ChallengeMismatch, "the signed challenge does not match the expected challenge");
        }

        if (expectations.Domain is { } domain && !string.Equals(ReadString(proof, "domain"), domain, StringComparison.Ordinal))
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.DomainMismatch, "the signed domain does not match the expected domain");
        }

        if (!Multibase.TryDecodeBase58Btc(ReadString(proof, "proofValue"), out var signature, out var mbError))
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.BadProofValue, $"proofValue: {mbError}");
        }

        if (signature.Length != Ed25519PublicKey.SignatureSize)
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.BadProofValue, $"proofValue decodes to {signature.Length} bytes, an Ed25519 signature is 64");
        }

        // The document without its proof, and the proof without its value, are hashed as they stand: the
        // canonicalizer leaves those members out (and puts the proof's @context in the document's place)
        // instead of cloning both trees to edit them.
        var proofContext = proof["@context"];
        if (proofContext is not null && !StartsWith(securedDocument["@context"], proofContext))
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.ContextMismatch, "the document @context does not start with the proof's @context");
        }

        byte[] hash;
        try
        {
            hash = HashData(
                JsonCanonicalizer.CanonicalizeToUtf8(proof, "proofValue"),
                JsonCanonicalizer.CanonicalizeToUtf8(securedDocument, "proof", proofContext));
        }
        catch (JcsException ex)
        {
            return DataIntegrityVerification.Fail(DataIntegrityFailure.NotCanonicalizable, ex.Message);
        }

        return signer.PublicKey.Verify(hash, signature)
            ? new DataIntegrityVerification(DataIntegrityFailure.None, "signature valid", signer)
            : DataIntegrityVerification.Fail(DataIntegrityFailure.SignatureMismatch, "the Ed25519 signature does not match the document");
    }

    private static bool FixedTimeEquals(string? actual, string expected) =>
        actual is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(actual), System.Text.Encoding.UTF8.GetBytes(expected));

    internal static string? ReadString(JsonObject obj, string property) =>
        obj[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static bool IsDateTime(JsonNode node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
        && XmlDateTime.TryParse(value.GetValue<string>(), out _);

    // The proof's @context must be a prefix of the document's, compared item by item.
    private static bool StartsWith(JsonNode? documentContext, JsonNode proofContext)
    {
        var documentItems = documentContext is JsonArray da ? da.ToList() : [documentContext];
        var proofItems = proofContext is JsonArray pa ? pa.ToList() : [proofContext];
        if (documentContext is null || proofItems.Count > documentItems.Count)
        {
            return false;
        }

        for (var i = 0; i < proofItems.Count; i++)
        {
            if (!JsonNode.DeepEquals(documentItems[i], proofItems[i]))
            {
                return false;
            }
        }

        return true;
    }
}
