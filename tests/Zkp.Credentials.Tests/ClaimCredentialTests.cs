using System.Text.Json.Nodes;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Vc;

namespace Zkp.Credentials.Tests;

public sealed class ClaimCredentialTests
{
    private static readonly string IssuerDid;
    private static readonly string HolderDid;

    static ClaimCredentialTests()
    {
        using var issuer = TestKeys.FromByte(1);
        using var holder = TestKeys.FromByte(2);
        IssuerDid = TestKeys.Did(issuer);
        HolderDid = TestKeys.Did(holder);
    }

    private static JsonObject Signed()
    {
        using var issuer = TestKeys.FromByte(1);
        return TestCredentials.Sample(IssuerDid, HolderDid).Sign(issuer, TestCredentials.Created);
    }

    [Fact]
    public void Issued_credential_has_the_vc_2_0_layout()
    {
        var signed = Signed();
        Assert.Equal("""["https://www.w3.org/ns/credentials/v2"]""", signed["@context"]!.ToJsonString());
        Assert.Equal("""["VerifiableCredential","ZkpClaimCredential"]""", signed["type"]!.ToJsonString());
        Assert.Equal(IssuerDid, signed["issuer"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:00Z", signed["validFrom"]!.GetValue<string>());
        Assert.Equal("2026-12-31T23:59:59Z", signed["validUntil"]!.GetValue<string>());
        Assert.Equal(
            """{"id":"https://issuer.example/status/1#42","type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"42","statusListCredential":"https://issuer.example/status/1"}""",
            signed["credentialStatus"]!.ToJsonString());
        var subject = signed["credentialSubject"]!;
        Assert.Equal(HolderDid, subject["id"]!.GetValue<string>());
        Assert.Equal("income_range", subject["claim_type"]!.GetValue<string>());
        Assert.Equal("50000", subject["lower"]!.GetValue<string>());
        Assert.Equal("18446744073709551615", subject["upper"]!.GetValue<string>());
        Assert.Equal("zkp.claim-range.v1", subject["circuit_id"]!.GetValue<string>());
        Assert.Equal("groth16", subject["zk_proof"]!["protocol"]!.GetValue<string>());
        Assert.Equal(4, subject["public_signals"]!.AsArray().Count);
        Assert.Equal("assertionMethod", signed["proof"]!["proofPurpose"]!.GetValue<string>());
        Assert.Equal(IssuerDid + "#" + IssuerDid["did:key:".Length..], signed["proof"]!["verificationMethod"]!.GetValue<string>());
    }

    [Fact]
    public void Issued_credential_round_trips_through_parse()
    {
        var original = TestCredentials.Sample(IssuerDid, HolderDid);
        var parsed = ClaimCredential.Parse(Signed());
        Assert.Equal(original.Issuer, parsed.Issuer);
        Assert.Equal(original.SubjectId, parsed.SubjectId);
        Assert.Equal(original.Bounds, parsed.Bounds);
        Assert.Equal(original.Commitment, parsed.Commitment);
        Assert.Equal(original.Binding, parsed.Binding);
        Assert.Equal(original.Status, parsed.Status);
        Assert.Equal(original.ValidFrom, parsed.ValidFrom);
        Assert.Equal(original.ValidUntil, parsed.ValidUntil);
        Assert.Equal(original.PublicSignals, parsed.PublicSignals);
        Assert.True(JsonNode.DeepEquals(original.ZkProof, parsed.ZkProof));
        Assert.Equal("Above $50,000", parsed.Definition.AutoFillText(parsed.Bounds));
    }

    [Fact]
    public void Issuer_signature_verifies_and_names_the_issuer()
    {
        var result = ClaimCredential.VerifyIssuerSignature(Signed());
        Assert.True(result.Verified, result.Detail);
        Assert.Equal(IssuerDid, result.Signer!.Did);
    }

    [Theory]
    [InlineData("lower", "40000")]
    [InlineData("commitment", "14744269619966411208579211824598458697587494354926760081771325075741142829157")]
    [InlineData("circuit_id", "range_v2")]
    [InlineData("binding", "1")]
    [InlineData("id", "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp")]
    public void Any_tampered_subject_field_breaks_the_issuer_signature(string field, string value)
    {
        var signed = Signed();
        signed["credentialSubject"]![field] = value;
        Assert.Equal(DataIntegrityFailure.SignatureMismatch, ClaimCredential.VerifyIssuerSignature(signed).Failure);
    }

    [Fact]
    public void Tampered_zk_proof_breaks_the_issuer_signature()
    {
        var signed = Signed();
        signed["credentialSubject"]!["zk_proof"]!["pi_a"]![0] = "1";
        Assert.Equal(DataIntegrityFailure.SignatureMismatch, ClaimCredential.VerifyIssuerSignature(signed).Failure);
    }

    [Fact]
    public void Credential_signed_by_a_key_other_than_the_issuer_is_rejected()
    {
        using var impostor = TestKeys.FromByte(9);
        var document = TestCredentials.Sample(IssuerDid, HolderDid).ToJson();
        var signed = EddsaJcs2022.Sign(document, impostor, new DataIntegrityProofOptions { VerificationMethod = TestKeys.VerificationMethod(impostor) });
        var result = ClaimCredential.VerifyIssuerSignature(signed);
        Assert.Equal(DataIntegrityFailure.ControllerMismatch, result.Failure);
        Assert.Throws<ArgumentException>(() => TestCredentials.Sample(IssuerDid, HolderDid).Sign(impostor, TestCredentials.Created));
    }

    [Fact]
    public void Validity_window_is_inclusive_and_names_the_failure()
    {
        var credential = ClaimCredential.Parse(Signed());
        Assert.Null(credential.CheckValidity(TestCredentials.ValidFrom));
        Assert.Null(credential.CheckValidity(TestCredentials.ValidUntil));
        Assert.Equal("credential is not valid before 2026-01-01T00:00:00Z", credential.CheckValidity(TestCredentials.ValidFrom.AddSeconds(-1)));
        Assert.Equal("credential expired at 2026-12-31T23:59:59Z", credential.CheckValidity(TestCredentials.ValidUntil.AddSeconds(1)));
    }

    public static TheoryData<string, string> Breakages() => new()
    {
        { """{"@context":["https://www.w3.org/2018/credentials/v1","https://www.w3.org/ns/credentials/v2"]}""", "@context must start with 'https://www.w3.org/ns/credentials/v2'" },
        { """{"@context":null}""", "@context is missing" },
        { """{"type":["VerifiableCredential"]}""", "type must include 'VerifiableCredential' and 'ZkpClaimCredential'" },
        { """{"issuer":"https://issuer.example"}""", "issuer is not an Ed25519 did:key: it does not start with 'did:key:'" },
        { """{"issuer":null}""", "issuer is missing" },
        { """{"validFrom":"2026-01-01"}""", "validFrom '2026-01-01' is not an XML Schema date-time with a time zone (e.g. 2026-01-01T00:00:00Z)" },
        { """{"validFrom":"2026-01-01T00:00:00"}""", "validFrom '2026-01-01T00:00:00' is not an XML Schema date-time with a time zone (e.g. 2026-01-01T00:00:00Z)" },
        { """{"validFrom":"2026-13-01T00:00:00Z"}""", "validFrom '2026-13-01T00:00:00Z' is not an XML Schema date-time with a time zone (e.g. 2026-01-01T00:00:00Z)" },
        { """{"validFrom":null}""", "validFrom is missing" },
        { """{"validUntil":"2025-12-31T00:00:00Z"}""", "validUntil is before validFrom" },
        { """{"credentialStatus":{"type":"StatusList2021Entry"}}""", "credentialStatus.type 'StatusList2021Entry' is not 'BitstringStatusListEntry'" },
        { """{"credentialStatus":{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"-1","statusListCredential":"https://x"}}""", "credentialStatus.statusListIndex '-1' is not a non-negative base-10 integer" },
        { """{"credentialSubject":null}""", "credentialSubject is missing" },
        { """{"credentialSubject":{"id":"did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW"}}""", "credentialSubject.id is not an Ed25519 did:key: the key type is x25519-pub (0xec); only ed25519-pub (0xed) is supported" },
        { """{"credentialSubject":{"claim_type":"net_worth"}}""", "credentialSubject.claim_type: unknown claim type 'net_worth'; supported: income_range, credit_tier, account_age, membership_status, employment_verification, dti_ratio" },
        { """{"credentialSubject":{"lower":"1e5"}}""", "credentialSubject: lower bound '1e5' is not a canonical unsigned 64-bit decimal" },
        { """{"credentialSubject":{"upper":"1000000"}}""", "credentialSubject: income_range bounds [50000, 1000000] do not have the catalogue's shape [50000, 18446744073709551615]" },
        { """{"credentialSubject":{"commitment":"21888242871839275222246405745257275088548364400416034343698204186575808495617"}}""", "credentialSubject.commitment '21888242871839275222246405745257275088548364400416034343698204186575808495617' is not a canonical decimal below the BN254 scalar field modulus" },
        { """{"credentialSubject":{"binding":null}}""", "credentialSubject.binding is missing" },
        { """{"credentialSubject":{"circuit_id":7}}""", "credentialSubject.circuit_id must be a string" },
        { """{"credentialSubject":{"zk_proof":{"protocol":"plonk"}}}""", "credentialSubject.zk_proof.protocol must be 'groth16'" },
        { """{"credentialSubject":{"public_signals":["1","x"]}}""", "credentialSubject.public_signals[1] 'x' is not a canonical decimal below the BN254 scalar field modulus" },
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void Broken_credentials_are_rejected_with_a_clear_reason(string patch, string reason)
    {
        var document = TestCredentials.Sample(IssuerDid, HolderDid).ToJson();
        Merge(document, JsonNode.Parse(patch)!.AsObject());
        var ex = Assert.Throws<CredentialFormatException>(() => ClaimCredential.Parse(document));
        Assert.Equal(reason, ex.Message);
        Assert.False(ClaimCredential.TryParse(document, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void Snarkjs_proof_with_wrong_pi_b_shape_is_rejected()
    {
        var document = TestCredentials.Sample(IssuerDid, HolderDid).ToJson();
        document["credentialSubject"]!["zk_proof"]!["pi_b"]![1] = new JsonArray("1");
        var ex = Assert.Throws<CredentialFormatException>(() => ClaimCredential.Parse(document));
        Assert.Equal("credentialSubject.zk_proof.pi_b[1] must be an array of 2 decimal strings", ex.Message);
    }

    // RFC 7396-style merge patch: null removes, objects merge, anything else replaces.
    internal static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }
}
