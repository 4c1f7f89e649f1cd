using System.Text.Json.Nodes;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Vc;

namespace Zkp.Credentials.Tests;

public sealed class VerifiablePresentationTests
{
    private const string Challenge = "6f1d0a3c-9d2e-4d41-bf7b-2a4c0c3b9e11";
    private const string Domain = "lender.example";

    private static JsonObject SignedPresentation(byte holderSeed = 2, byte signerSeed = 2)
    {
        using var issuer = TestKeys.FromByte(1);
        using var holder = TestKeys.FromByte(holderSeed);
        using var signer = TestKeys.FromByte(signerSeed);
        var credential = TestCredentials.Sample(TestKeys.Did(issuer), TestKeys.Did(holder)).Sign(issuer, TestCredentials.Created);
        var presentation = VerifiablePresentation.Create(TestKeys.Did(holder), [credential], "urn:uuid:5c1d9f7a-0000-4000-8000-000000000001");
        if (holderSeed == signerSeed)
        {
            return VerifiablePresentation.Sign(presentation, signer, Challenge, Domain, TestCredentials.Created.AddDays(1));
        }

        // Another DID signs a presentation naming the holder: what a thief of the credential would try.
        return EddsaJcs2022.Sign(presentation, signer, new DataIntegrityProofOptions
        {
            VerificationMethod = TestKeys.VerificationMethod(signer),
            ProofPurpose = ProofPurposes.Authentication,
            Challenge = Challenge,
            Domain = Domain,
        });
    }

    [Fact]
    public void Holder_signed_presentation_verifies_and_returns_its_credentials()
    {
        var result = VerifiablePresentation.Verify(SignedPresentation(), Challenge, Domain);
        Assert.True(result.Verified, result.Detail);
        using var holder = TestKeys.FromByte(2);
        Assert.Equal(TestKeys.Did(holder), result.Holder);
        var credential = Assert.Single(result.Credentials);
        Assert.True(ClaimCredential.VerifyIssuerSignature(credential).Verified);
        Assert.Equal(result.Holder, ClaimCredential.Parse(credential).SubjectId);
    }

    [Fact]
    public void Proof_carries_authentication_challenge_and_domain()
    {
        var proof = SignedPresentation()["proof"]!;
        Assert.Equal("authentication", proof["proofPurpose"]!.GetValue<string>());
        Assert.Equal(Challenge, proof["challenge"]!.GetValue<string>());
        Assert.Equal(Domain, proof["domain"]!.GetValue<string>());
        Assert.Equal("2026-01-02T00:00:05Z", proof["created"]!.GetValue<string>());
    }

    [Fact]
    public void Other_challenge_is_rejected()
    {
        var result = VerifiablePresentation.Verify(SignedPresentation(), "another-nonce", Domain);
        Assert.Equal(DataIntegrityFailure.ChallengeMismatch, result.Failure);
        Assert.Empty(result.Credentials);
    }

    [Fact]
    public void Other_domain_is_rejected()
    {
        Assert.Equal(DataIntegrityFailure.DomainMismatch, VerifiablePresentation.Verify(SignedPresentation(), Challenge, "evil.example").Failure);
    }

    [Fact]
    public void Presentation_signed_by_another_did_is_rejected()
    {
        var result = VerifiablePresentation.Verify(SignedPresentation(holderSeed: 2, signerSeed: 5), Challenge, Domain);
        Assert.Equal(DataIntegrityFailure.ControllerMismatch, result.Failure);
    }

    [Fact]
    public void Rewritten_challenge_breaks_the_signature()
    {
        var presentation = SignedPresentation();
        presentation["proof"]!["challenge"] = "another-nonce";
        Assert.Equal(DataIntegrityFailure.SignatureMismatch, VerifiablePresentation.Verify(presentation, "another-nonce", Domain).Failure);
    }

    [Fact]
    public void Swapped_credential_breaks_the_signature()
    {
        var presentation = SignedPresentation();
        presentation["verifiableCredential"]![0]!["credentialSubject"]!["lower"] = "1";
        Assert.Equal(DataIntegrityFailure.SignatureMismatch, VerifiablePresentation.Verify(presentation, Challenge, Domain).Failure);
    }

    [Fact]
    public void Assertion_proof_cannot_stand_in_for_authentication()
    {
        using var holder = TestKeys.FromByte(2);
        var presentation = VerifiablePresentation.Create(TestKeys.Did(holder), []);
        var signed = EddsaJcs2022.Sign(presentation, holder, new DataIntegrityProofOptions
        {
            VerificationMethod = TestKeys.VerificationMethod(holder),
            Challenge = Challenge,
            Domain = Domain,
        });
        Assert.Equal(DataIntegrityFailure.WrongProofPurpose, VerifiablePresentation.Verify(signed, Challenge, Domain).Failure);
    }

    [Theory]
    [InlineData("holder", "did:web:member.example", "holder is not an Ed25519 did:key: it does not start with 'did:key:'")]
    [InlineData("type", "VerifiableCredential", "type must include 'VerifiablePresentation'")]
    public void Malformed_presentation_is_reported(string field, string value, string detail)
    {
        var presentation = SignedPresentation();
        presentation[field] = value;
        var result = VerifiablePresentation.Verify(presentation, Challenge, Domain);
        Assert.Equal(DataIntegrityFailure.MalformedDocument, result.Failure);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public void Signing_needs_the_holders_key()
    {
        using var holder = TestKeys.FromByte(2);
        using var other = TestKeys.FromByte(3);
        var presentation = VerifiablePresentation.Create(TestKeys.Did(holder), []);
        Assert.Throws<ArgumentException>(() => VerifiablePresentation.Sign(presentation, other, Challenge, Domain, TestCredentials.Created));
    }
}
