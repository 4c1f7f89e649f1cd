using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Jcs;

namespace Zkp.Credentials.Tests;

public sealed class EddsaJcs2022Tests
{
    private static string Vector(string name) => VectorFiles.ReadText("vc-di-eddsa", "eddsa-jcs-2022", name).TrimEnd('\n');

    private static JsonObject SignedVector() => JsonNode.Parse(Vector("signedJCS.json"))!.AsObject();

    private static JsonObject UnsignedVector()
    {
        var document = SignedVector();
        document.Remove("proof");
        return document;
    }

    private static DataIntegrityProofOptions VectorOptions() => new()
    {
        VerificationMethod = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
        ProofPurpose = ProofPurposes.AssertionMethod,
        Created = DateTimeOffset.Parse("2023-02-24T23:36:38Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Canonical_document_matches_the_vector()
    {
        Assert.Equal(Vector("canonDocJCS.txt"), JsonCanonicalizer.Canonicalize(UnsignedVector()));
    }

    [Fact]
    public void Proof_config_and_its_canonical_form_match_the_vector()
    {
        var config = EddsaJcs2022.BuildProofConfig(UnsignedVector(), VectorOptions());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Vector("proofConfigJCS.json")), config));
        Assert.Equal(Vector("proofCanonJCS.txt"), JsonCanonicalizer.Canonicalize(config));
    }

    [Fact]
    public void Hashes_match_the_vector()
    {
        var config = EddsaJcs2022.BuildProofConfig(UnsignedVector(), VectorOptions());
        var combined = EddsaJcs2022.HashData(config, UnsignedVector());
        Assert.Equal(Vector("proofHashJCS.txt"), Convert.ToHexStringLower(combined[..32]));
        Assert.Equal(Vector("docHashJCS.txt"), Convert.ToHexStringLower(combined[32..]));
        Assert.Equal(Vector("combinedHashJCS.txt"), Convert.ToHexStringLower(combined));
        Assert.Equal(Vector("docHashJCS.txt"), Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Vector("canonDocJCS.txt")))));
    }

    [Fact]
    public void Signature_and_signed_credential_match_the_vector_byte_for_byte()
    {
        using var key = TestKeys.W3cVectorKey();
        var signed = EddsaJcs2022.Sign(UnsignedVector(), key, VectorOptions());
        var proofValue = signed["proof"]!["proofValue"]!.GetValue<string>();
        Assert.Equal(Vector("sigBTC58JCS.txt"), proofValue);
        Assert.True(Did.Multibase.TryDecodeBase58Btc(proofValue, out var signature, out _));
        Assert.Equal(Vector("sigHexJCS.txt"), Convert.ToHexStringLower(signature));
        Assert.Equal(Vector("signedJCS.json"), signed.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    [Fact]
    public void Vector_credential_verifies_and_names_its_signer()
    {
        var result = EddsaJcs2022.Verify(SignedVector());
        Assert.True(result.Verified, result.Detail);
        Assert.Equal("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2", result.Signer!.Did);
    }

    private static DataIntegrityVerification VerifyMutated(Action<JsonObject> mutate, DataIntegrityExpectations? expectations = null)
    {
        var document = SignedVector();
        mutate(document);
        return EddsaJcs2022.Verify(document, expectations);
    }

    [Fact]
    public void Missing_proof_is_reported()
    {
        var result = VerifyMutated(d => d.Remove("proof"));
        Assert.Equal(DataIntegrityFailure.MissingProof, result.Failure);
        Assert.False(result.Verified);
    }

    [Fact]
    public void Proof_array_is_reported_as_malformed()
    {
        var result = VerifyMutated(d => d["proof"] = new JsonArray(d["proof"]!.DeepClone()));
        Assert.Equal(DataIntegrityFailure.MalformedProof, result.Failure);
    }

    [Fact]
    public void Other_cryptosuite_is_rejected()
    {
        var result = VerifyMutated(d => d["proof"]!["cryptosuite"] = "eddsa-rdfc-2022");
        Assert.Equal(DataIntegrityFailure.WrongCryptosuite, result.Failure);
        Assert.Equal("cryptosuite 'eddsa-rdfc-2022' is not 'eddsa-jcs-2022'", result.Detail);
    }

    [Fact]
    public void Other_proof_type_is_rejected()
    {
        Assert.Equal(DataIntegrityFailure.WrongProofType, VerifyMutated(d => d["proof"]!["type"] = "Ed25519Signature2020").Failure);
    }

    [Theory]
    [InlineData("u2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX", "proofValue: multibase prefix 'u' is not 'z' (base58btc)")]
    [InlineData("z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51a0", "proofValue: the value is not valid base58btc")]
    [InlineData("z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor5", "proofValue decodes to 62 bytes, an Ed25519 signature is 64")]
    public void Bad_multibase_proof_value_is_reported(string proofValue, string detail)
    {
        var result = VerifyMutated(d => d["proof"]!["proofValue"] = proofValue);
        Assert.Equal(DataIntegrityFailure.BadProofValue, result.Failure);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public void Tampered_document_is_a_signature_mismatch()
    {
        var result = VerifyMutated(d => d["credentialSubject"]!["alumniOf"] = "The School of Counterexamples");
        Assert.Equal(DataIntegrityFailure.SignatureMismatch, result.Failure);
        Assert.Null(result.Signer);
    }

    [Fact]
    public void Tampered_proof_option_is_a_signature_mismatch()
    {
        var result = VerifyMutated(d => d["proof"]!["created"] = "2023-02-24T23:36:39Z");
        Assert.Equal(DataIntegrityFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void Reordered_or_reformatted_document_still_verifies()
    {
        var signed = SignedVector();
        var reordered = new JsonObject();
        foreach (var property in signed.Reverse().ToList())
        {
            reordered[property.Key] = property.Value!.DeepClone();
        }

        Assert.True(EddsaJcs2022.Verify(reordered).Verified);
    }

    [Fact]
    public void Verification_method_of_another_did_key_is_a_signature_mismatch()
    {
        using var other = TestKeys.FromByte(7);
        var result = VerifyMutated(d => d["proof"]!["verificationMethod"] = TestKeys.VerificationMethod(other));
        Assert.Equal(DataIntegrityFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void Unresolvable_verification_method_is_reported()
    {
        var result = VerifyMutated(d => d["proof"]!["verificationMethod"] = "did:web:vc.example#key-1");
        Assert.Equal(DataIntegrityFailure.UnknownVerificationMethod, result.Failure);
        Assert.Equal("verification method cannot be resolved: it does not start with 'did:key:'", result.Detail);
    }

    [Fact]
    public void Expected_controller_must_be_the_signer()
    {
        var result = VerifyMutated(_ => { }, new DataIntegrityExpectations { Controller = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp" });
        Assert.Equal(DataIntegrityFailure.ControllerMismatch, result.Failure);
        Assert.True(VerifyMutated(_ => { }, new DataIntegrityExpectations { Controller = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2" }).Verified);
    }

    [Fact]
    public void Proof_purpose_must_match_the_expectation()
    {
        var result = VerifyMutated(_ => { }, new DataIntegrityExpectations { ProofPurpose = ProofPurposes.Authentication });
        Assert.Equal(DataIntegrityFailure.WrongProofPurpose, result.Failure);
    }

    [Fact]
    public void Document_context_not_starting_with_proof_context_is_rejected()
    {
        var result = VerifyMutated(d => d["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"));
        Assert.Equal(DataIntegrityFailure.ContextMismatch, result.Failure);
    }

    [Fact]
    public void Document_context_extended_after_signing_verifies_under_the_signed_context()
    {
        // The spec verifies against the proof's @context, so appended contexts do not change the hash.
        var result = VerifyMutated(d => d["@context"]!.AsArray().Add("https://example.org/extra/v1"));
        Assert.True(result.Verified, result.Detail);
    }

    [Fact]
    public void Challenge_and_domain_are_signed_and_checked()
    {
        using var key = TestKeys.FromByte(3);
        var signed = EddsaJcs2022.Sign(UnsignedVector(), key, new DataIntegrityProofOptions
        {
            VerificationMethod = TestKeys.VerificationMethod(key),
            ProofPurpose = ProofPurposes.Authentication,
            Challenge = "nonce-1",
            Domain = "lender.example",
        });
        var expectations = new DataIntegrityExpectations { ProofPurpose = ProofPurposes.Authentication, Challenge = "nonce-1", Domain = "lender.example" };
        Assert.True(EddsaJcs2022.Verify(signed, expectations).Verified);
        Assert.Equal(DataIntegrityFailure.ChallengeMismatch, EddsaJcs2022.Verify(signed, expectations with { Challenge = "nonce-2" }).Failure);
        Assert.Equal(DataIntegrityFailure.DomainMismatch, EddsaJcs2022.Verify(signed, expectations with { Domain = "evil.example" }).Failure);

        signed["proof"]!["challenge"] = "nonce-2";
        Assert.Equal(DataIntegrityFailure.SignatureMismatch, EddsaJcs2022.Verify(signed, expectations with { Challenge = "nonce-2" }).Failure);
    }

    [Fact]
    public void Signing_refuses_a_method_that_names_another_key()
    {
        using var key = TestKeys.FromByte(3);
        using var other = TestKeys.FromByte(4);
        Assert.Throws<ArgumentException>(() => EddsaJcs2022.Sign(UnsignedVector(), key, new DataIntegrityProofOptions { VerificationMethod = TestKeys.VerificationMethod(other) }));
        Assert.Throws<ArgumentException>(() => EddsaJcs2022.Sign(SignedVector(), key, new DataIntegrityProofOptions { VerificationMethod = TestKeys.VerificationMethod(key) }));
    }
}

public sealed class CredentialJsonTests
{
    [Fact]
    public void Duplicate_property_is_rejected_by_the_parser()
    {
        var ex = Assert.Throws<Vc.CredentialFormatException>(() => Vc.CredentialJson.Parse("""{"a":{"b":1,"b":2}}"""));
        Assert.Equal("the document contains a duplicate property name", ex.Message);
    }

    [Theory]
    [InlineData("[1]", "the document is not a JSON object")]
    [InlineData("{", "the document is not valid JSON: ")]
    public void Non_object_or_invalid_json_is_rejected(string json, string reasonStart)
    {
        var ex = Assert.Throws<Vc.CredentialFormatException>(() => Vc.CredentialJson.Parse(json));
        Assert.StartsWith(reasonStart, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Signed_document_with_a_duplicated_property_is_malformed_not_an_exception()
    {
        var signed = VectorFiles.ReadText("vc-di-eddsa", "eddsa-jcs-2022", "signedJCS.json");
        var duplicated = signed.Replace("\"name\": \"Alumni Credential\",", "\"name\": \"Alumni Credential\",\n  \"name\": \"Other\",", StringComparison.Ordinal);
        Assert.NotEqual(signed, duplicated);
        var result = DataIntegrity.EddsaJcs2022.Verify(System.Text.Json.Nodes.JsonNode.Parse(duplicated)!.AsObject());
        Assert.Equal(DataIntegrity.DataIntegrityFailure.MalformedDocument, result.Failure);
        Assert.True(DataIntegrity.EddsaJcs2022.Verify(Vc.CredentialJson.Parse(signed)).Verified);
    }
}

public sealed class DuplicatePropertyTests
{
    [Fact]
    public void Claim_credential_and_presentation_with_duplicates_are_format_errors()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse("""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":"x","type":"y"}""")!.AsObject();
        Assert.Equal("the document contains a duplicate property name", Assert.Throws<Vc.CredentialFormatException>(() => Vc.ClaimCredential.Parse(document)).Message);
        var result = Vc.VerifiablePresentation.Verify(document, "c", "d");
        Assert.Equal(DataIntegrity.DataIntegrityFailure.MalformedDocument, result.Failure);
        Assert.Equal("the document contains a duplicate property name", result.Detail);
    }
}
