using System.Globalization;
using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Verification;
using Zkp.Credentials.Vc;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Credentials.Tests.Verification;

public sealed class ClaimIssuanceTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    [Fact]
    public void The_issued_credential_is_signed_and_its_proof_verifies_for_the_signed_values()
    {
        var signed = fixture.Income;
        Assert.True(ClaimCredential.VerifyIssuerSignature(signed).Verified);
        var credential = ClaimCredential.Parse(signed);

        Assert.Equal("urn:uuid:00000000-0000-4000-8000-000000000001", credential.Id);
        Assert.Equal(fixture.IssuerDid, credential.Issuer);
        Assert.Equal(fixture.MemberDid, credential.SubjectId);
        Assert.Equal("income_range", credential.ClaimType);
        Assert.Equal(new ClaimBounds(50_000, ulong.MaxValue), credential.Bounds);
        Assert.Equal("zkp.claim-range.v1", credential.CircuitId);
        Assert.Equal(ClaimCommitment.BindingFor(credential.Id!).ToString(), credential.Binding);
        Assert.Equal(
            [credential.Commitment, "50000", ulong.MaxValue.ToString(CultureInfo.InvariantCulture), credential.Binding],
            credential.PublicSignals);
        Assert.Equal(PipelineFixture.ValidFrom, credential.ValidFrom);
        Assert.Equal(PipelineFixture.ValidUntil, credential.ValidUntil);
        Assert.Equal(CredentialStatusEntry.ForRevocation(PipelineFixture.StatusListUrl, 7), credential.Status);

        var proof = SnarkjsJson.ReadProof(credential.ZkProof.ToJsonString());
        var signals = credential.PublicSignals.Select(Fr.Parse).ToArray();
        Assert.True(Groth16Verifier.Verify(fixture.ProvingKey.VerifyingKey, ClaimCircuits.Range.CircuitHash, signals, proof));
    }

    [Fact]
    public void Prove_then_sign_gives_a_credential_whose_status_is_signed_and_whose_proof_does_not_depend_on_it()
    {
        var proved = ClaimIssuance.Prove(new ClaimIssuanceRequest
        {
            IssuerKey = fixture.IssuerKey,
            MemberDid = fixture.MemberDid,
            ClaimType = ClaimCatalogue.CreditTier,
            Threshold = 700,
            Upper = 799,
            Value = 742,
            ProvingKey = fixture.ProvingKey,
            CredentialId = "urn:uuid:00000000-0000-4000-8000-000000000030",
            ValidFrom = PipelineFixture.ValidFrom,
            Status = CredentialStatusEntry.ForRevocation(PipelineFixture.StatusListUrl, 1),
        });
        var status = CredentialStatusEntry.ForRevocation(PipelineFixture.StatusListUrl, 31);
        var signed = proved.Sign(status);
        var unlisted = proved.Sign(null);

        Assert.True(ClaimCredential.VerifyIssuerSignature(signed).Verified);
        Assert.True(ClaimCredential.VerifyIssuerSignature(unlisted).Verified);
        var credential = ClaimCredential.Parse(signed);
        Assert.Equal(status, credential.Status);
        Assert.Null(ClaimCredential.Parse(unlisted).Status);
        Assert.Equal(credential.Commitment, ClaimCredential.Parse(unlisted).Commitment);
        Assert.Equal(new ClaimBounds(700, 799), credential.Bounds);
        var proof = SnarkjsJson.ReadProof(credential.ZkProof.ToJsonString());
        Assert.True(Groth16Verifier.Verify(fixture.ProvingKey.VerifyingKey, ClaimCircuits.Range.CircuitHash, credential.PublicSignals.Select(Fr.Parse).ToArray(), proof));

        // The status entry is covered by the signature: moving the credential to another index breaks it.
        signed["credentialStatus"]!["statusListIndex"] = "32";
        Assert.False(ClaimCredential.VerifyIssuerSignature(signed).Verified);
    }

    [Fact]
    public void The_commitment_is_poseidon_of_a_fresh_salt()
    {
        var first = ClaimCredential.Parse(fixture.Issue(ClaimCatalogue.AccountAge, 12, 30, "urn:uuid:00000000-0000-4000-8000-000000000020", 20));
        var second = ClaimCredential.Parse(fixture.Issue(ClaimCatalogue.AccountAge, 12, 30, "urn:uuid:00000000-0000-4000-8000-000000000020", 20));
        Assert.NotEqual(first.Commitment, second.Commitment);
        Assert.NotEqual(ClaimCommitment.Commit(30, Fr.FromUInt64(0)).ToString(), first.Commitment);
    }

    [Theory]
    [InlineData(ClaimCatalogue.IncomeRange, 50_000UL, 49_999UL, "the value does not satisfy income_range: it must lie in [50000, 18446744073709551615]")]
    [InlineData(ClaimCatalogue.DtiRatio, 3_600UL, 3_601UL, "the value does not satisfy dti_ratio: it must lie in [0, 3600]")]
    [InlineData(ClaimCatalogue.MembershipStatus, null, 0UL, "the value does not satisfy membership_status: it must lie in [1, 1]")]
    public void A_value_outside_the_claim_is_refused_before_proving(string claimType, ulong? threshold, ulong value, string message)
    {
        var error = Assert.Throws<ClaimNotSatisfiedException>(() => fixture.Issue(claimType, threshold, value, "urn:uuid:x", 1));
        Assert.Equal(message, error.Message);
        Assert.Equal(claimType, error.ClaimType);
    }

    [Fact]
    public void An_unknown_claim_type_is_refused()
    {
        Assert.Throws<ClaimException>(() => fixture.Issue("net_worth", 1, 5, "urn:uuid:x", 1));
    }

    [Fact]
    public void A_member_that_is_not_a_did_key_is_refused()
    {
        var request = new ClaimIssuanceRequest
        {
            IssuerKey = fixture.IssuerKey,
            MemberDid = "did:web:example.com",
            ClaimType = ClaimCatalogue.IncomeRange,
            Threshold = 50_000,
            Value = 60_000,
            ProvingKey = fixture.ProvingKey,
            CredentialId = "urn:uuid:x",
            ValidFrom = PipelineFixture.ValidFrom,
        };
        Assert.Throws<ArgumentException>(() => ClaimIssuance.Issue(request));
    }
}
