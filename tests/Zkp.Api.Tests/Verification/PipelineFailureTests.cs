using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Credentials.Crypto;
using Zkp.Testing;

namespace Zkp.Api.Tests.Verification;

/// <summary>
/// Every pipeline failure driven through <c>POST /verify/proof</c>: the response names the step and code, the run
/// is recorded with its own id (history row with the same step and code), no webhook is lost, and the quota counts it.
/// </summary>
public sealed class PipelineFailureTests(PostgresCluster cluster) : VerificationTestBase(cluster)
{
    private async Task<JsonElement> AssertFailsAsync(string token, string step, string code, int quotaBefore)
    {
        // History is newest first by time; the test clock stands still unless moved.
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var result = await VerifyProofOkAsync(token);
        Assert.False(result.GetProperty("all_verified").GetBoolean());
        Assert.Equal(step, Str(result, "failed_step"));
        Assert.Equal(code, Str(result, "failure_code"));
        var last = result.GetProperty("steps").EnumerateArray().Last();
        Assert.Equal(step, Str(last, "step"));
        Assert.False(last.GetProperty("passed").GetBoolean());
        Assert.Equal(code, Str(last, "code"));
        Assert.All(result.GetProperty("steps").EnumerateArray().SkipLast(1), s => Assert.True(s.GetProperty("passed").GetBoolean()));
        Assert.Empty(result.GetProperty("auto_fill").EnumerateArray());

        var id = Str(result, "verification_id");
        Assert.Equal($"f|{step}|{code}|{Hash(token)}|{LenderId}", await RecordAsync(id));
        using (var history = await GetAsync("/api/v1/verify/history?limit=1", apiKey: LenderKey))
        {
            var item = Assert.Single((await JsonAsync(history, HttpStatusCode.OK)).GetProperty("items").EnumerateArray());
            Assert.Equal(id, Str(item, "id"));
            Assert.False(item.GetProperty("all_verified").GetBoolean());
            Assert.Equal(step, Str(item, "failed_step"));
            Assert.Equal(code, Str(item, "failure_code"));
        }

        Assert.Equal(quotaBefore + 1, await QuotaUsedAsync());
        return result;
    }

    [Fact]
    public async Task Expired_credential_fails_freshness()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        var presentation = await PresentationAsync(token);
        // FRESHNESS runs before ISSUER_AUTH, so the broken issuer signature is never reached.
        presentation["verifiableCredential"]![0]!["validFrom"] = "2020-01-01T00:00:00Z";
        presentation["verifiableCredential"]![0]!["validUntil"] = "2021-01-01T00:00:00Z";
        await SetPresentationAsync(token, presentation.ToJsonString());
        var result = await AssertFailsAsync(token, "FRESHNESS", "CREDENTIAL_EXPIRED", 0);
        Assert.Equal("""{"income_range":false}""", result.GetProperty("claims_verified").GetRawText());
    }

    [Fact]
    public async Task Suspended_issuer_fails_issuer_auth()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        using (var suspend = await PostJsonAsync($"/api/v1/admin/issuers/{IssuerId}/status", new { status = "suspended" }, bearer: PlatformAdmin))
        {
            await JsonAsync(suspend, HttpStatusCode.OK);
        }

        using var metrics = new MetricsRecorder(Factory.Services, Zkp.Api.Verification.VerificationMetrics.MeterName);
        var result = await AssertFailsAsync(token, "ISSUER_AUTH", "ISSUER_NOT_ACTIVE", 0);
        Assert.False(result.GetProperty("issuer_info").GetProperty("trusted").GetBoolean());
        Assert.Equal(["zkp.verification.runs outcome=failed,failed_step=ISSUER_AUTH"], metrics.Measurements);
    }

    [Fact]
    public async Task Tampered_issuer_signature_fails_issuer_auth()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        var presentation = await PresentationAsync(token);
        var proof = presentation["verifiableCredential"]![0]!["proof"]!.AsObject();
        var value = proof["proofValue"]!.GetValue<string>();
        proof["proofValue"] = value[..^2] + (value[^2] == 'A' ? 'B' : 'A') + value[^1];
        await SetPresentationAsync(token, presentation.ToJsonString());
        await AssertFailsAsync(token, "ISSUER_AUTH", "ISSUER_SIGNATURE_INVALID", 0);
    }

    [Fact]
    public async Task A_genuinely_signed_but_wrong_proof_fails_zkp_verify()
    {
        var (id, _) = await IssueCredentialAsync();
        var (_, other) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        // Another credential's valid proof: well-formed points, but not for this credential's signals.
        var otherProof = JsonNode.Parse(other.GetProperty("credentialSubject").GetProperty("zk_proof").GetRawText())!;
        await ResignAsync(token, credential => credential["credentialSubject"]!["zk_proof"] = otherProof);
        await AssertFailsAsync(token, "ZKP_VERIFY", "PROOF_INVALID", 0);
    }

    [Fact]
    public async Task Public_signals_not_matching_the_signed_commitment_fail_zkp_verify()
    {
        var (id, _) = await IssueCredentialAsync();
        var (_, other) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        var otherCommitment = other.GetProperty("credentialSubject").GetProperty("commitment").GetString();
        await ResignAsync(token, credential => credential["credentialSubject"]!["commitment"] = otherCommitment);
        await AssertFailsAsync(token, "ZKP_VERIFY", "COMMITMENT_MISMATCH", 0);
    }

    [Fact]
    public async Task Revoked_credential_fails_revocation()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        Assert.True((await VerifyProofOkAsync(token)).GetProperty("all_verified").GetBoolean());
        await RevokeCredentialAsync(id);
        var result = await AssertFailsAsync(token, "REVOCATION", "CREDENTIAL_REVOKED", 1);
        var claim = Assert.Single(result.GetProperty("claims").EnumerateArray());
        Assert.False(claim.GetProperty("passed").GetBoolean());
        Assert.StartsWith("income_range: the credential is revoked: ", Str(claim, "reason"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_presentation_signed_by_another_did_fails_holder_binding()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        using var stranger = Ed25519PrivateKey.Generate();
        await ResignAsync(token, _ => { }, stranger);
        await AssertFailsAsync(token, "HOLDER_BINDING", "HOLDER_NOT_SUBJECT", 0);
    }

    [Fact]
    public async Task A_presentation_replayed_into_another_token_fails_holder_binding()
    {
        var (id, _) = await IssueCredentialAsync();
        var first = await TokenForAsync(id);
        var second = await TokenForAsync(id);
        Assert.True((await VerifyProofOkAsync(first)).GetProperty("all_verified").GetBoolean());
        // The second token's row now carries the first token's signed presentation, challenge and domain.
        await SqlAsync($"""
            update qr_tokens set presentation_json = f.presentation_json, challenge = f.challenge, domain = f.domain
            from (select presentation_json, challenge, domain from qr_tokens where token_hash = decode('{Hash(first)}', 'hex')) f
            where token_hash = decode('{Hash(second)}', 'hex')
            """);
        await AssertFailsAsync(second, "HOLDER_BINDING", "CHALLENGE_REPLAYED", 1);
        // The first token itself still verifies: the challenge stays bound to it.
        Assert.True((await VerifyProofOkAsync(first)).GetProperty("all_verified").GetBoolean());
    }

    [Fact]
    public async Task Malformed_token_content_fails_decode()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        await SetPresentationAsync(token, "{\"@context\": [");
        var result = await AssertFailsAsync(token, "DECODE", "MALFORMED_JSON", 0);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("member_did").ValueKind);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("issuer_info").ValueKind);
        var resolved = await ResolveAsync(token);
        Assert.False(resolved.GetProperty("token_valid").GetBoolean());
        Assert.Equal("token_malformed", Str(resolved, "reason_code"));
    }

}
