using System.Net;
using System.Text.Json;
using Zkp.Testing;

namespace Zkp.Api.Tests.Verification;

/// <summary>
/// The integration guide's flow, request bodies copied from its curl examples, on PostgreSQL: lender register and
/// login, member register and email verification, attributes from the credit union, issue, generate a QR token,
/// resolve it, verify it, check the trust registry, read the history. Responses are compared field by field.
/// </summary>
public sealed class GuideLenderFlowTests(PostgresCluster cluster) : VerificationTestBase(cluster)
{
    private static readonly string[] GuideSteps =
    [
        """{"step":"DECODE","label":"Decode credential","passed":true,"detail":"W3C VC decoded"}""",
        """{"step":"FRESHNESS","label":"Check expiry","passed":true,"detail":"Credential valid"}""",
        """{"step":"ISSUER_AUTH","label":"Verify issuer","passed":true,"detail":"Issuer signature valid"}""",
        """{"step":"ZKP_VERIFY","label":"ZKP proof","passed":true,"detail":"Groth16 proof verified"}""",
        """{"step":"REVOCATION","label":"Revocation check","passed":true,"detail":"Not revoked"}""",
        """{"step":"HOLDER_BINDING","label":"Holder binding","passed":true,"detail":"DID matches"}""",
    ];

    [Fact]
    public async Task The_guides_lender_flow_works_as_written()
    {
        // Register as a lender, then log in (the guide's bodies).
        JsonElement lender;
        using (var register = await PostJsonAsync("/api/v1/auth/lender/register", """
            {
                "email": "integrations@lender.com",
                "password": "securePassword123!",
                "organization_name": "Acme Lending",
                "verifier_type": "lender"
              }
            """))
        {
            lender = await JsonAsync(register, HttpStatusCode.Created);
        }

        Assert.Equal("bearer", Str(lender, "token_type"));
        Assert.StartsWith("zkp_live_", Str(lender, "api_key"), StringComparison.Ordinal);
        var apiKey = Str(lender, "api_key");
        using (var login = await PostJsonAsync("/api/v1/auth/lender/login", """{"email": "integrations@lender.com", "password": "securePassword123!"}"""))
        {
            Assert.Equal("bearer", Str(await JsonAsync(login, HttpStatusCode.OK), "token_type"));
        }

        // Member: register, verify the emailed code, attributes written by the credit union's core banking system.
        using (var register = await PostJsonAsync("/api/v1/auth/member/register", """
            {
                "email": "member@example.com",
                "password": "securePassword123!",
                "full_name": "Jane Doe"
              }
            """))
        {
            await JsonAsync(register, HttpStatusCode.Created);
        }

        var code = Mailbox.LatestVerificationCode(Factory.MailDirectory, "member@example.com");
        using (var verify = await PostJsonAsync("/api/v1/auth/email/verify", $$"""{"code": "{{code}}"}"""))
        {
            await JsonAsync(verify, HttpStatusCode.OK);
        }

        using (var attributes = await PutJsonAsync("/api/v1/issuer/members/member@example.com/attributes", Attributes, bearer: IssuerAdmin))
        {
            await JsonAsync(attributes, HttpStatusCode.OK);
        }

        var member = Str(await LoginMemberAsync("member@example.com", "securePassword123!"), "access_token");
        string memberDid;
        using (var did = await GetAsync("/api/v1/members/me/did", bearer: member))
        {
            memberDid = Str(await JsonAsync(did, HttpStatusCode.OK), "did");
        }

        // 3. Issue Credential, 4. Generate QR Code.
        JsonElement credential;
        using (var issue = await PostJsonAsync("/api/v1/credentials/issue", """{"claim_type": "income_range", "threshold": 50000}""", bearer: member))
        {
            credential = await JsonAsync(issue, HttpStatusCode.Created);
        }

        var credentialId = Str(credential, "id");
        JsonElement generated;
        using (var generate = await PostJsonAsync("/api/v1/qr/generate", $$"""{"credential_ids": ["{{credentialId}}"]}""", bearer: member))
        {
            generated = await JsonAsync(generate, HttpStatusCode.Created);
        }

        var token = Str(generated, "token");
        Assert.Matches("^qr_[a-z2-7]{26}$", token);
        Assert.Equal(900, generated.GetProperty("expires_in").GetInt32());
        Assert.Equal(token, Str(generated, "qr_content"));
        Assert.Equal($"https://zkp.test/api/v1/qr/{token}.png", Str(generated, "qr_png_url"));
        Assert.Equal($"https://zkp.test/api/v1/qr/{token}.svg", Str(generated, "qr_svg_url"));
        Assert.Equal(Factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(900).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), Str(generated, "expires_at"));

        // Step 1: Resolve QR Token.
        JsonElement resolved;
        using (var resolve = await PostJsonAsync("/api/v1/verify/token", $$"""{"token": "{{token}}"}""", apiKey: apiKey))
        {
            resolved = await JsonAsync(resolve, HttpStatusCode.OK);
        }

        Assert.Equal(memberDid, Str(resolved, "member_did"));
        Assert.True(resolved.GetProperty("token_valid").GetBoolean());
        var claim = Assert.Single(resolved.GetProperty("claims").EnumerateArray());
        Assert.Equal("income_range", Str(claim, "claim_type"));
        Assert.Equal(50000, claim.GetProperty("threshold").GetInt64());
        var signedSignals = credential.GetProperty("credential").GetProperty("credentialSubject").GetProperty("public_signals").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Equal(4, signedSignals.Count);
        Assert.Equal(signedSignals, claim.GetProperty("public_signals").EnumerateArray().Select(s => s.GetString()));

        // Step 2: Verify ZKP Proofs.
        JsonElement proof;
        using (var verify = await PostJsonAsync("/api/v1/verify/proof", $$"""{"token": "{{token}}"}""", apiKey: apiKey))
        {
            proof = await JsonAsync(verify, HttpStatusCode.OK);
        }

        Assert.Equal(
            ["member_did", "claims_verified", "all_verified", "verification_id", "steps", "failed_step", "failure_code", "claims", "issuer_info", "auto_fill"],
            proof.EnumerateObject().Select(p => p.Name));
        Assert.Equal(memberDid, Str(proof, "member_did"));
        Assert.Equal("""{"income_range":true}""", proof.GetProperty("claims_verified").GetRawText());
        Assert.True(proof.GetProperty("all_verified").GetBoolean());
        var verificationId = Guid.Parse(Str(proof, "verification_id"));
        Assert.Equal(GuideSteps, proof.GetProperty("steps").EnumerateArray().Select(s => s.GetRawText()));
        Assert.Equal(JsonValueKind.Null, proof.GetProperty("failed_step").ValueKind);
        Assert.Equal($$"""{"did":"{{IssuerDid}}","name":"Sample Credit Union","ncua_charter":"12345","trusted":true}""", proof.GetProperty("issuer_info").GetRawText());
        Assert.Equal("""[{"field":"income_range","value":"Above $50,000","claim_type":"income_range"}]""", proof.GetProperty("auto_fill").GetRawText());
        Assert.Equal("""[{"claim_type":"income_range","passed":true,"reason":null}]""", proof.GetProperty("claims").GetRawText());

        // Step 3: Check Trust Registry: the verified issuer is listed and active.
        using (var registry = await GetAsync("/api/v1/trust-registry", apiKey: apiKey))
        {
            var issuer = Assert.Single((await JsonAsync(registry, HttpStatusCode.OK)).EnumerateArray());
            Assert.Equal(IssuerDid, Str(issuer, "did"));
            Assert.Equal("active", Str(issuer, "status"));
            Assert.Equal("12345", Str(issuer, "ncua_charter"));
        }

        // Step 4: View Verification History.
        using (var history = await GetAsync("/api/v1/verify/history?limit=20&offset=0", apiKey: apiKey))
        {
            var body = await JsonAsync(history, HttpStatusCode.OK);
            Assert.Equal(["items", "total", "limit", "offset"], body.EnumerateObject().Select(p => p.Name));
            Assert.Equal(1, body.GetProperty("total").GetInt32());
            Assert.Equal(20, body.GetProperty("limit").GetInt32());
            Assert.Equal(0, body.GetProperty("offset").GetInt32());
            var item = Assert.Single(body.GetProperty("items").EnumerateArray());
            Assert.Equal(verificationId, Guid.Parse(Str(item, "id")));
            Assert.Equal(memberDid, Str(item, "member_did"));
            Assert.Equal("""{"income_range":true}""", item.GetProperty("claims_verified").GetRawText());
            Assert.True(item.GetProperty("all_verified").GetBoolean());
            Assert.Equal(proof.GetProperty("issuer_info").GetRawText(), item.GetProperty("issuer_info").GetRawText());
            Assert.Equal(Factory.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Str(item, "verified_at"));
        }

        Assert.Equal($"t|-|-|{Hash(token)}", string.Join('|', (await RecordAsync(verificationId.ToString())).Split('|')[..4]));
        Assert.Equal(1, await QuotaUsedAsync(apiKey));
    }

    [Fact]
    public async Task Verifying_a_live_token_again_is_a_new_recorded_run_and_qr_resolve_answers_like_verify_token()
    {
        var (credentialId, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(credentialId);
        Assert.Equal((await ResolveAsync(token)).GetRawText(), (await ResolveAsync(token, path: "/api/v1/qr/resolve")).GetRawText());

        var first = await VerifyProofOkAsync(token);
        var second = await VerifyProofOkAsync(token);
        Assert.True(first.GetProperty("all_verified").GetBoolean());
        Assert.True(second.GetProperty("all_verified").GetBoolean());
        Assert.NotEqual(Str(first, "verification_id"), Str(second, "verification_id"));
        Assert.Equal("2|1", await SqlAsync("select (select count(*) from verifications), (select count(*) from used_challenges)"));
        Assert.Equal(2, await QuotaUsedAsync());
    }
}
