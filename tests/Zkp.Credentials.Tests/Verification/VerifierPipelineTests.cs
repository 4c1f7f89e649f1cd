using System.Text.Json.Nodes;
using Zkp.Circuits;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Status;
using Zkp.Credentials.Verification;
using Zkp.Credentials.Vc;
using Zkp.Zk.Groth16;

namespace Zkp.Credentials.Tests.Verification;

public sealed class VerifierPipelineTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    // Shared by all tests of the class, as one process shares it across requests.
    private static readonly BatchingProofVerifier Batcher = new(lanes: 1, maxBatch: 8);

    // Every case runs twice: synchronously with the plain verifier, and through VerifyAsync with the batching verifier
    // and the async challenge path, which must give the same result, step by step.
    private VerificationResult Verify(string presentation, VerifierContext? context = null, string challenge = PipelineFixture.Challenge, QrTokenWindow? token = null)
    {
        var request = PipelineFixture.Request(presentation, challenge, token);
        var shared = context ?? fixture.Context();
        var recording = new RecordingChallengeStore(shared.Challenges);
        var result = VerifierPipeline.Verify(request, shared with { Challenges = recording });
        var batched = VerifierPipeline.VerifyAsync(request, shared with { Challenges = recording.Replay(), ProofVerifier = Batcher }).AsTask().GetAwaiter().GetResult();
        Assert.Equal(result.ToJson().ToJsonString(), batched.ToJson().ToJsonString());
        return result;
    }

    [Fact]
    public async Task Concurrent_batched_verifications_each_get_their_own_answer()
    {
        // Valid presentations and ones with a tampered proof, all at once through one batching verifier (one lane,
        // so the checks that arrive while a batch runs share the next): each answer is the plain pipeline's.
        var batcher = new BatchingProofVerifier(lanes: 1, maxBatch: 16);
        var tampered = fixture.Resign(fixture.Income, c => c with { ZkProof = SwapAandC(c.ZkProof) });
        var cases = Enumerable.Range(0, 24).Select(i => i % 3 == 1
            ? (Presentation: fixture.Present([tampered]), Valid: false, Proofs: 1)
            : i % 3 == 0
                ? (Presentation: fixture.Present([fixture.Income]), Valid: true, Proofs: 1)
                : (Presentation: fixture.Present([fixture.Income, fixture.CreditTier]), Valid: true, Proofs: 2)).ToList();
        var results = await Task.WhenAll(cases.Select(c => Task.Run(async () =>
            await VerifierPipeline.VerifyAsync(PipelineFixture.Request(c.Presentation), fixture.Context() with { ProofVerifier = batcher }))));
        for (var i = 0; i < cases.Count; i++)
        {
            Assert.Equal(cases[i].Valid, results[i].AllVerified);
            var plain = VerifierPipeline.Verify(PipelineFixture.Request(cases[i].Presentation), fixture.Context());
            Assert.Equal(plain.ToJson().ToJsonString(), results[i].ToJson().ToJsonString());
            if (!cases[i].Valid)
            {
                Assert.Equal(VerificationCodes.ProofInvalid, results[i].FailedStep!.Code);
            }
        }

        var (_, proofs, _) = batcher.Statistics;
        Assert.Equal(cases.Sum(c => c.Proofs), proofs);
    }

    private static JsonObject SwapAandC(JsonObject proof)
    {
        var swapped = proof.DeepClone().AsObject();
        (swapped["pi_a"], swapped["pi_c"]) = (proof["pi_c"]!.DeepClone(), proof["pi_a"]!.DeepClone());
        return swapped;
    }

    /// <summary>Passes consumption through and remembers each answer, so a second run of the same request sees the same.</summary>
    private sealed class RecordingChallengeStore(IChallengeStore inner) : IChallengeStore
    {
        private readonly Dictionary<(string, string), bool> answers = [];

        public bool TryConsume(string domain, string challenge) => answers[(domain, challenge)] = inner.TryConsume(domain, challenge);

        public IChallengeStore Replay() => new ReplayStore(answers);

        private sealed class ReplayStore(Dictionary<(string, string), bool> answers) : IChallengeStore
        {
            // Only a challenge the first run consumed may be consumed again, and it gets the first run's answer.
            public bool TryConsume(string domain, string challenge) => answers[(domain, challenge)];

            public ValueTask<bool> TryConsumeAsync(string domain, string challenge, CancellationToken cancellationToken) =>
                ValueTask.FromResult(answers[(domain, challenge)]);
        }
    }

    private static void AssertFailedAt(VerificationResult result, string step, string code)
    {
        var index = VerificationSteps.Order.ToList().IndexOf(step);
        Assert.Equal(VerificationSteps.Order.Take(index + 1), result.Steps.Select(s => s.Step));
        Assert.All(result.Steps.Take(index), s => Assert.True(s.Passed));
        var failed = result.Steps[index];
        Assert.False(failed.Passed);
        Assert.Equal(code, failed.Code);
        Assert.Equal(VerificationSteps.Label(step), failed.Label);
        Assert.False(result.AllVerified);
        Assert.Same(failed, result.FailedStep);
        Assert.Empty(result.AutoFill);
        Assert.All(result.Claims, c => Assert.False(c.Passed));
        var json = result.ToJson();
        Assert.Equal(step, json["failed_step"]!.GetValue<string>());
        Assert.False(json["all_verified"]!.GetValue<bool>());
        Assert.Equal(code, json["steps"]![index]!["code"]!.GetValue<string>());
    }

    [Fact]
    public void One_claim_verifies_with_the_guides_steps_and_auto_fill()
    {
        var result = Verify(fixture.Present([fixture.Income]));

        Assert.True(result.AllVerified);
        Assert.Null(result.FailedStep);
        var json = result.ToJson();
        var expected = $$"""
            {"member_did":"{{fixture.MemberDid}}","claims_verified":{"income_range":true},"all_verified":true,"failed_step":null,"steps":[{"step":"DECODE","label":"Decode credential","passed":true,"detail":"W3C VC decoded"},{"step":"FRESHNESS","label":"Check expiry","passed":true,"detail":"Credential valid"},{"step":"ISSUER_AUTH","label":"Verify issuer","passed":true,"detail":"Issuer signature valid"},{"step":"ZKP_VERIFY","label":"ZKP proof","passed":true,"detail":"Groth16 proof verified"},{"step":"REVOCATION","label":"Revocation check","passed":true,"detail":"Not revoked"},{"step":"HOLDER_BINDING","label":"Holder binding","passed":true,"detail":"DID matches"}],"claims":[{"claim_type":"income_range","passed":true,"reason":null}],"issuer_info":{"did":"{{fixture.IssuerDid}}","name":"Sample Credit Union","ncua_charter":"12345","trusted":true},"auto_fill":[{"field":"income_range","value":"Above $50,000","claim_type":"income_range"}]}
            """;
        Assert.Equal(expected, json.ToJsonString());
    }

    [Fact]
    public void Three_claims_verify_and_fill_three_fields()
    {
        var result = Verify(fixture.Present([fixture.Income, fixture.Membership, fixture.CreditTier]));

        Assert.True(result.AllVerified);
        Assert.Equal(VerificationSteps.Order, result.Steps.Select(s => s.Step));
        Assert.Equal(
            [
                new AutoFillEntry("income_range", "Above $50,000", "income_range"),
                new AutoFillEntry("membership_status", "Active member", "membership_status"),
                new AutoFillEntry("credit_tier", "Credit score 700-850", "credit_tier"),
            ],
            result.AutoFill);
        Assert.Equal("""{"income_range":true,"membership_status":true,"credit_tier":true}""", result.ToJson()["claims_verified"]!.ToJsonString());
    }

    [Theory]
    [InlineData("{\"type\": [\"VerifiablePresentation\"], ")]
    [InlineData("")]
    [InlineData("[1, 2]")]
    public void Malformed_json_fails_decode(string text)
    {
        var result = Verify(text);
        AssertFailedAt(result, VerificationSteps.Decode, VerificationCodes.MalformedJson);
        Assert.Null(result.IssuerInfo);
        Assert.Null(result.MemberDid);
    }

    [Fact]
    public void A_bare_credential_is_not_a_presentation()
    {
        var result = Verify(fixture.Income.ToJsonString());
        AssertFailedAt(result, VerificationSteps.Decode, VerificationCodes.NotAPresentation);
        Assert.Equal("type must include 'VerifiablePresentation'", result.Steps[0].Detail);
    }

    [Fact]
    public void A_credential_that_is_not_a_claim_vc_fails_decode()
    {
        var notVc = new JsonObject { ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"), ["type"] = new JsonArray("VerifiableCredential") };
        var result = Verify(fixture.Present([notVc]));
        AssertFailedAt(result, VerificationSteps.Decode, VerificationCodes.MalformedCredential);
        Assert.Equal("verifiableCredential[0]: type must include 'VerifiableCredential' and 'ZkpClaimCredential'", result.Steps[0].Detail);
    }

    [Fact]
    public void A_presentation_without_credentials_fails_decode()
    {
        AssertFailedAt(Verify(fixture.Present([])), VerificationSteps.Decode, VerificationCodes.NoCredentials);
    }

    [Fact]
    public void The_same_claim_type_twice_fails_decode()
    {
        AssertFailedAt(Verify(fixture.Present([fixture.Income, fixture.Income])), VerificationSteps.Decode, VerificationCodes.DuplicateClaimType);
    }

    [Fact]
    public void An_expired_credential_fails_freshness()
    {
        var result = Verify(fixture.Present([fixture.Income]), fixture.Context(now: new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero)));
        AssertFailedAt(result, VerificationSteps.Freshness, VerificationCodes.CredentialExpired);
        Assert.Equal("income_range: credential expired at 2026-12-31T23:59:59Z", result.Steps[1].Detail);
        Assert.Equal(new ClaimResult("income_range", false, "income_range: credential expired at 2026-12-31T23:59:59Z"), result.Claims[0]);
    }

    [Fact]
    public void A_credential_before_its_validity_fails_freshness()
    {
        var result = Verify(fixture.Present([fixture.Income]), fixture.Context(now: new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero)));
        AssertFailedAt(result, VerificationSteps.Freshness, VerificationCodes.CredentialNotYetValid);
    }

    [Fact]
    public void An_expired_token_fails_freshness()
    {
        var token = new QrTokenWindow(PipelineFixture.Now.AddMinutes(-20), PipelineFixture.Now.AddMinutes(-5), PipelineFixture.Domain);
        var result = Verify(fixture.Present([fixture.Income]), token: token);
        AssertFailedAt(result, VerificationSteps.Freshness, VerificationCodes.TokenExpired);
        Assert.Equal("QR token expired at 2026-06-01T11:55:00Z", result.Steps[1].Detail);
    }

    [Fact]
    public void A_token_for_another_audience_fails_freshness()
    {
        var token = new QrTokenWindow(PipelineFixture.Now.AddMinutes(-1), PipelineFixture.Now.AddMinutes(5), "other-lender.example");
        AssertFailedAt(Verify(fixture.Present([fixture.Income]), token: token), VerificationSteps.Freshness, VerificationCodes.TokenAudienceMismatch);
    }

    [Fact]
    public void A_token_inside_its_window_passes()
    {
        var token = new QrTokenWindow(PipelineFixture.Now.AddMinutes(-1), PipelineFixture.Now.AddMinutes(5), PipelineFixture.Domain);
        Assert.True(Verify(fixture.Present([fixture.Income]), token: token).AllVerified);
    }

    [Fact]
    public void An_unknown_issuer_fails_issuer_auth()
    {
        var registry = new TrustRegistry([new TrustedIssuer(TestKeys.Did(fixture.OtherKey), "Other CU", "99999", TrustedIssuer.Active)]);
        var result = Verify(fixture.Present([fixture.Income]), fixture.Context(registry: registry));
        AssertFailedAt(result, VerificationSteps.IssuerAuth, VerificationCodes.IssuerUnknown);
        Assert.Equal(new IssuerInfo(fixture.IssuerDid, null, null, false), result.IssuerInfo);
    }

    [Fact]
    public void A_suspended_issuer_fails_issuer_auth()
    {
        var result = Verify(fixture.Present([fixture.Income]), fixture.Context(registry: fixture.Registry("suspended")));
        AssertFailedAt(result, VerificationSteps.IssuerAuth, VerificationCodes.IssuerNotActive);
        Assert.Equal("issuer Sample Credit Union is suspended", result.Steps[2].Detail);
        Assert.Equal(new IssuerInfo(fixture.IssuerDid, "Sample Credit Union", "12345", false), result.IssuerInfo);
    }

    [Fact]
    public void A_tampered_issuer_signature_fails_issuer_auth()
    {
        // Lowering the signed threshold after signing is the attack the issuer signature stops.
        var tampered = fixture.Income.DeepClone().AsObject();
        tampered["credentialSubject"]!["lower"] = "10000";
        var result = Verify(fixture.Present([fixture.Membership, tampered]));
        AssertFailedAt(result, VerificationSteps.IssuerAuth, VerificationCodes.IssuerSignatureInvalid);
        Assert.StartsWith("income_range: issuer signature: ", result.Steps[2].Detail, StringComparison.Ordinal);
        Assert.Equal("not verified: ISSUER_AUTH failed", result.Claims[0].Reason);
        Assert.StartsWith("income_range: issuer signature: ", result.Claims[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_proof_fails_the_pairing()
    {
        // pi_a replaced by pi_c: still a curve point, so only the pairing can reject it.
        var bad = fixture.Resign(fixture.Income, c =>
        {
            var proof = c.ZkProof.DeepClone().AsObject();
            proof["pi_a"] = proof["pi_c"]!.DeepClone();
            return c with { ZkProof = proof };
        });
        var result = Verify(fixture.Present([bad]));
        AssertFailedAt(result, VerificationSteps.ZkpVerify, VerificationCodes.ProofInvalid);
        Assert.Equal("income_range: Groth16 pairing check failed", result.Steps[3].Detail);
    }

    [Fact]
    public void A_proof_point_off_the_curve_is_malformed()
    {
        var bad = fixture.Resign(fixture.Income, c =>
        {
            var proof = c.ZkProof.DeepClone().AsObject();
            proof["pi_a"]![0] = "1";
            return c with { ZkProof = proof };
        });
        AssertFailedAt(Verify(fixture.Present([bad])), VerificationSteps.ZkpVerify, VerificationCodes.ProofMalformed);
    }

    [Fact]
    public void Public_signals_not_matching_the_signed_commitment_fail()
    {
        var bad = fixture.Resign(fixture.Income, c => c with { Commitment = "12345" });
        var result = Verify(fixture.Present([bad]));
        AssertFailedAt(result, VerificationSteps.ZkpVerify, VerificationCodes.CommitmentMismatch);
        Assert.Equal("income_range: the proof's commitment is not the signed commitment", result.Steps[3].Detail);
    }

    [Fact]
    public void A_proof_for_lower_bounds_than_signed_fails()
    {
        // A genuine proof of "income >= 10,000" signed as if it proved "income >= 50,000".
        var weak = fixture.Issue(ClaimCatalogue.IncomeRange, 10_000, 20_000, "urn:uuid:00000000-0000-4000-8000-000000000010", 10);
        var bad = fixture.Resign(weak, c => c with { Bounds = c.Definition.BoundsFor(50_000) });
        var result = Verify(fixture.Present([bad]));
        AssertFailedAt(result, VerificationSteps.ZkpVerify, VerificationCodes.BoundsMismatch);
        Assert.Equal("income_range: the proof's bounds [10000, 18446744073709551615] are not the signed bounds [50000, 18446744073709551615]", result.Steps[3].Detail);
    }

    [Fact]
    public void A_proof_bound_to_another_credential_id_fails()
    {
        var bad = fixture.Resign(fixture.Income, c => c with { Id = "urn:uuid:00000000-0000-4000-8000-0000000000ff" });
        AssertFailedAt(Verify(fixture.Present([bad])), VerificationSteps.ZkpVerify, VerificationCodes.BindingMismatch);
    }

    [Fact]
    public void A_key_bound_to_another_circuit_is_refused()
    {
        var vk = fixture.ProvingKey.VerifyingKey;
        var foreign = new VerifyingKey(vk.Alpha1, vk.Beta2, vk.Gamma2, vk.Delta2, vk.IC).BindTo(CircuitCatalogue.PoseidonChain.CircuitHash);
        var keys = new Dictionary<string, VerifyingKey>(StringComparer.Ordinal) { [ClaimCircuits.Range.Id] = foreign };
        var result = Verify(fixture.Present([fixture.Income]), fixture.Context(keys: keys));
        AssertFailedAt(result, VerificationSteps.ZkpVerify, VerificationCodes.CircuitKeyMismatch);
        Assert.Equal($"income_range: the verifying key for zkp.claim-range.v1 is bound to {CircuitCatalogue.PoseidonChain.CircuitHash}, not {ClaimCircuits.Range.CircuitHash}", result.Steps[3].Detail);
    }

    [Fact]
    public void A_credential_naming_another_circuit_is_refused()
    {
        var bad = fixture.Resign(fixture.Income, c => c with { CircuitId = CircuitCatalogue.PoseidonChain.Id });
        AssertFailedAt(Verify(fixture.Present([bad])), VerificationSteps.ZkpVerify, VerificationCodes.UnsupportedCircuit);
    }

    [Fact]
    public void A_missing_verifying_key_fails_zkp_verify()
    {
        var keys = new Dictionary<string, VerifyingKey>(StringComparer.Ordinal);
        AssertFailedAt(Verify(fixture.Present([fixture.Income]), fixture.Context(keys: keys)), VerificationSteps.ZkpVerify, VerificationCodes.CircuitKeyMissing);
    }

    [Fact]
    public void A_revoked_credential_fails_revocation_and_names_only_that_claim()
    {
        var result = Verify(fixture.Present([fixture.Income, fixture.Membership]), fixture.Context(statusList: fixture.StatusList(revoked: 8)));
        AssertFailedAt(result, VerificationSteps.Revocation, VerificationCodes.CredentialRevoked);
        Assert.Equal("membership_status: the credential is revoked: status bit 8 is set (revocation)", result.Steps[4].Detail);
        Assert.Equal(new ClaimResult("income_range", false, "not verified: REVOCATION failed"), result.Claims[0]);
        Assert.Equal(new ClaimResult("membership_status", false, "membership_status: the credential is revoked: status bit 8 is set (revocation)"), result.Claims[1]);
    }

    [Fact]
    public void Other_revoked_bits_do_not_matter()
    {
        Assert.True(Verify(fixture.Present([fixture.Income]), fixture.Context(statusList: fixture.StatusList(revoked: [6, 8, 131_071]))).AllVerified);
    }

    [Fact]
    public void A_status_list_signed_by_another_key_fails_revocation()
    {
        var result = Verify(fixture.Present([fixture.Income]), fixture.Context(statusList: fixture.StatusList(fixture.OtherKey, 8)));
        AssertFailedAt(result, VerificationSteps.Revocation, VerificationCodes.StatusListInvalid);
        Assert.StartsWith("income_range: STATUS_VERIFICATION_ERROR: status list credential: ", result.Steps[4].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_status_list_fails_revocation()
    {
        // Clearing the revoked bit after signing must not un-revoke the credential.
        var list = fixture.StatusList(revoked: 7);
        list["credentialSubject"]!["encodedList"] = fixture.StatusList()["credentialSubject"]!["encodedList"]!.DeepClone();
        AssertFailedAt(Verify(fixture.Present([fixture.Income]), fixture.Context(statusList: list)), VerificationSteps.Revocation, VerificationCodes.StatusListInvalid);
    }

    [Fact]
    public void A_presentation_by_another_did_fails_holder_binding()
    {
        var result = Verify(fixture.Present([fixture.Income], holder: fixture.OtherKey));
        AssertFailedAt(result, VerificationSteps.HolderBinding, VerificationCodes.HolderNotSubject);
        Assert.Equal($"income_range: the presentation is signed by {TestKeys.Did(fixture.OtherKey)}, the credential subject is {fixture.MemberDid}", result.Steps[5].Detail);
    }

    [Fact]
    public void A_presentation_signed_by_another_key_than_its_holder_fails()
    {
        var presentation = JsonNode.Parse(fixture.Present([fixture.Income]))!.AsObject();
        var forged = JsonNode.Parse(fixture.Present([fixture.Income], holder: fixture.OtherKey))!.AsObject();
        presentation["proof"] = forged["proof"]!.DeepClone();
        AssertFailedAt(Verify(presentation.ToJsonString()), VerificationSteps.HolderBinding, VerificationCodes.PresentationSignatureInvalid);
    }

    [Fact]
    public void An_unsigned_presentation_fails_holder_binding()
    {
        var presentation = JsonNode.Parse(fixture.Present([fixture.Income]))!.AsObject();
        presentation.Remove("proof");
        AssertFailedAt(Verify(presentation.ToJsonString()), VerificationSteps.HolderBinding, VerificationCodes.PresentationUnsigned);
    }

    [Fact]
    public void A_wrong_challenge_fails_holder_binding()
    {
        AssertFailedAt(Verify(fixture.Present([fixture.Income]), challenge: "another-nonce"), VerificationSteps.HolderBinding, VerificationCodes.ChallengeMismatch);
    }

    [Fact]
    public void A_replayed_challenge_fails_holder_binding()
    {
        var store = new InMemoryChallengeStore();
        var presentation = fixture.Present([fixture.Income]);
        Assert.True(Verify(presentation, fixture.Context(challenges: store)).AllVerified);

        var replay = Verify(presentation, fixture.Context(challenges: store));
        AssertFailedAt(replay, VerificationSteps.HolderBinding, VerificationCodes.ChallengeReplayed);
        Assert.Equal("the challenge was already used", replay.Steps[5].Detail);
    }

    [Fact]
    public void A_failed_verification_does_not_consume_the_challenge()
    {
        var store = new InMemoryChallengeStore();
        var forged = JsonNode.Parse(fixture.Present([fixture.Income]))!.AsObject();
        forged.Remove("proof");
        Assert.False(Verify(forged.ToJsonString(), fixture.Context(challenges: store)).AllVerified);
        Assert.True(Verify(fixture.Present([fixture.Income]), fixture.Context(challenges: store)).AllVerified);
    }

    [Fact]
    public void A_credential_without_an_id_fails_decode()
    {
        var bad = fixture.Resign(fixture.Income, c => c with { Id = null });
        AssertFailedAt(Verify(fixture.Present([bad])), VerificationSteps.Decode, VerificationCodes.CredentialIdMissing);
    }

    [Fact]
    public void Credentials_from_two_issuers_fail_decode()
    {
        var other = ClaimCredential.Parse(fixture.Membership) with { Issuer = TestKeys.Did(fixture.OtherKey) };
        var result = Verify(fixture.Present([fixture.Income, other.Sign(fixture.OtherKey, PipelineFixture.ValidFrom)]));
        AssertFailedAt(result, VerificationSteps.Decode, VerificationCodes.MixedIssuers);
        Assert.Equal($"verifiableCredential[1] is issued by {TestKeys.Did(fixture.OtherKey)}, not {fixture.IssuerDid}", result.Steps[0].Detail);
    }

    [Fact]
    public void A_token_before_its_window_fails_freshness()
    {
        var token = new QrTokenWindow(PipelineFixture.Now.AddMinutes(1), PipelineFixture.Now.AddMinutes(5), PipelineFixture.Domain);
        AssertFailedAt(Verify(fixture.Present([fixture.Income]), token: token), VerificationSteps.Freshness, VerificationCodes.TokenNotYetValid);
    }

    [Fact]
    public void A_proof_with_missing_public_signals_fails_zkp_verify()
    {
        var bad = fixture.Resign(fixture.Income, c => c with { PublicSignals = c.PublicSignals.Take(3).ToArray() });
        var result = Verify(fixture.Present([bad]));
        AssertFailedAt(result, VerificationSteps.ZkpVerify, VerificationCodes.SignalCountMismatch);
        Assert.Equal("income_range: expected 4 public signals, got 3", result.Steps[3].Detail);
    }

    [Fact]
    public void A_credential_without_status_fails_revocation()
    {
        var bad = fixture.Resign(fixture.Income, c => c with { Status = null });
        AssertFailedAt(Verify(fixture.Present([bad])), VerificationSteps.Revocation, VerificationCodes.StatusEntryMissing);
    }

    [Fact]
    public void An_unavailable_status_list_fails_revocation()
    {
        var bad = fixture.Resign(fixture.Income, c => c with { Status = CredentialStatusEntry.ForRevocation("https://issuer.example/status/2", 7) });
        var result = Verify(fixture.Present([bad]));
        AssertFailedAt(result, VerificationSteps.Revocation, VerificationCodes.StatusListUnavailable);
        Assert.Equal("income_range: STATUS_RETRIEVAL_ERROR: status list https://issuer.example/status/2 is not available", result.Steps[4].Detail);
    }

    [Fact]
    public void A_suspended_credential_fails_revocation_as_suspended()
    {
        const string url = "https://issuer.example/status/suspension";
        var bad = fixture.Resign(fixture.Income, c => c with { Status = new CredentialStatusEntry(url + "#7", "suspension", 7, url) });
        var bits = new BitstringStatusList { [7] = true };
        var list = StatusListCredential.Sign(StatusListCredential.Create(url, fixture.IssuerDid, "suspension", bits, PipelineFixture.ValidFrom), fixture.IssuerKey, PipelineFixture.ValidFrom);
        AssertFailedAt(Verify(fixture.Present([bad]), fixture.Context(statusList: list)), VerificationSteps.Revocation, VerificationCodes.CredentialSuspended);
    }

    [Fact]
    public void A_presentation_for_another_domain_fails_holder_binding()
    {
        var request = PipelineFixture.Request(fixture.Present([fixture.Income], domain: "other-lender.example"));
        AssertFailedAt(VerifierPipeline.Verify(request, fixture.Context()), VerificationSteps.HolderBinding, VerificationCodes.DomainMismatch);
    }
}
