using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;
using Zkp.Credentials.Vc;
using Zkp.Testing;

namespace Zkp.Api.Tests.Verification;

/// <summary>QR tokens and the lender endpoints' exact refusals; after every client error the database is unchanged.</summary>
public sealed class QrTokenTests(PostgresCluster cluster) : VerificationTestBase(cluster)
{
    private static readonly string UnknownBody = """{"member_did":null,"claims":[],"token_valid":false,"reason":"The token is not valid.","reason_code":"token_unknown"}""";

    private async Task AssertRefusedAsync(string token, string reasonCode, string? apiKey = null)
    {
        var before = await VerificationStateAsync();
        var resolved = await ResolveAsync(token, apiKey);
        Assert.False(resolved.GetProperty("token_valid").GetBoolean());
        Assert.Equal(reasonCode, Str(resolved, "reason_code"));
        Assert.Equal(JsonValueKind.Null, resolved.GetProperty("member_did").ValueKind);
        Assert.Empty(resolved.GetProperty("claims").EnumerateArray());
        using (var proof = await VerifyProofAsync(token, apiKey))
        {
            var problem = await ProblemAsync(proof, HttpStatusCode.BadRequest, "qr_token_invalid");
            Assert.Equal(reasonCode, Str(problem, "reason_code"));
            Assert.False(problem.GetProperty("token_valid").GetBoolean());
        }

        Assert.Equal(before, await VerificationStateAsync());
    }

    [Fact]
    public async Task A_verification_records_the_api_key_that_ran_it()
    {
        var (id, _) = await IssueCredentialAsync();
        var (otherKey, otherLender) = await NewLenderAsync();
        await VerifyProofOkAsync(await TokenForAsync(id));
        await VerifyProofOkAsync(await TokenForAsync(id), otherKey);

        Assert.Equal(
            $"{LenderId}|{Hash(LenderKey)}\n{otherLender}|{Hash(otherKey)}",
            await SqlAsync("select v.lender_organization_id, encode(k.key_hash, 'hex') from verifications v join api_keys k on k.id = v.api_key_id and k.organization_id = v.lender_organization_id order by v.lender_organization_id = '" + LenderId + "' desc"));
    }

    [Fact]
    public async Task Unknown_and_malformed_tokens_are_not_valid_and_change_nothing()
    {
        await AssertRefusedAsync("qr_" + new string('a', 26), "token_unknown");
        await AssertRefusedAsync("qr_abc123def456", "token_unknown");
        await AssertRefusedAsync("'; drop table qr_tokens; --", "token_unknown");
        Assert.Equal(UnknownBody, (await ResolveAsync("qr_abc123def456")).GetRawText());
    }

    [Fact]
    public async Task Expired_token_is_not_valid_and_its_images_are_gone()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = Str(await GenerateAsync(new { credential_ids = new[] { id }, expires_in = 60 }), "token");
        Assert.True((await ResolveAsync(token)).GetProperty("token_valid").GetBoolean());
        Factory.Clock.Advance(TimeSpan.FromSeconds(60));
        await AssertRefusedAsync(token, "token_expired");
        using var png = await GetAsync($"/api/v1/qr/{token}.png");
        await ProblemAsync(png, HttpStatusCode.NotFound, "qr_token_not_found");
    }

    [Fact]
    public async Task Revoked_token_is_not_valid_and_leaves_the_members_list()
    {
        var (id, _) = await IssueCredentialAsync();
        var kept = await TokenForAsync(id);
        var revoked = await TokenForAsync(id);
        using (var list = await GetAsync("/api/v1/qr", bearer: MemberToken))
        {
            Assert.Equal(2, (await JsonAsync(list, HttpStatusCode.OK)).GetProperty("tokens").GetArrayLength());
        }

        using (var delete = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/qr/{revoked}", UriKind.Relative)), bearer: MemberToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        await AssertRefusedAsync(revoked, "token_revoked");
        using (var again = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/qr/{revoked}", UriKind.Relative)), bearer: MemberToken))
        {
            await ProblemAsync(again, HttpStatusCode.NotFound, "qr_token_not_found");
        }

        using (var list = await GetAsync("/api/v1/qr", bearer: MemberToken))
        {
            var entry = Assert.Single((await JsonAsync(list, HttpStatusCode.OK)).GetProperty("tokens").EnumerateArray());
            Assert.Equal(await SqlAsync($"select id from qr_tokens where token_hash = decode('{Hash(kept)}', 'hex')"), Str(entry, "id"));
            Assert.Equal(id, entry.GetProperty("credential_ids")[0].GetString());
            Assert.False(entry.TryGetProperty("token", out _));
        }

        // Another member cannot revoke (or learn about) the token.
        var (_, _, otherMember) = await MemberAsync(null);
        using var foreign = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/qr/{kept}", UriKind.Relative)), bearer: otherMember);
        await ProblemAsync(foreign, HttpStatusCode.NotFound, "qr_token_not_found");
        Assert.True((await ResolveAsync(kept)).GetProperty("token_valid").GetBoolean());
    }

    [Fact]
    public async Task A_token_for_one_lender_is_unknown_to_every_other_lender()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = Str(await GenerateAsync(new { credential_ids = new[] { id }, audience = LenderId.ToString() }), "token");
        var (otherKey, _) = await NewLenderAsync();
        await AssertRefusedAsync(token, "token_unknown", otherKey);
        Assert.Equal(UnknownBody, (await ResolveAsync(token, otherKey)).GetRawText());

        Assert.True((await ResolveAsync(token)).GetProperty("token_valid").GetBoolean());
        Assert.True((await VerifyProofOkAsync(token)).GetProperty("all_verified").GetBoolean());
        Assert.Equal($"urn:uuid:{LenderId}", await SqlAsync($"select domain from qr_tokens where token_hash = decode('{Hash(token)}', 'hex')"));

        // Revoked or expired, it stays "unknown" for the other lender.
        using (var delete = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/qr/{token}", UriKind.Relative)), bearer: MemberToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Equal(UnknownBody, (await ResolveAsync(token, otherKey)).GetRawText());
    }

    [Fact]
    public async Task Bad_requests_are_exact_and_change_nothing()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        var before = await VerificationStateAsync();
        foreach (var path in new[] { "/api/v1/verify/token", "/api/v1/verify/proof", "/api/v1/qr/resolve" })
        {
            using (var bad = await PostJsonAsync(path, "{\"token\": ", apiKey: LenderKey))
            {
                await ProblemAsync(bad, HttpStatusCode.BadRequest, "malformed_json");
            }

            using (var extra = await PostJsonAsync(path, new { token, tokne = token }, apiKey: LenderKey))
            {
                await ProblemAsync(extra, HttpStatusCode.BadRequest, "malformed_json");
            }

            using (var missing = await PostJsonAsync(path, "{}", apiKey: LenderKey))
            {
                var problem = await ProblemAsync(missing, HttpStatusCode.BadRequest, "validation_failed");
                Assert.Equal("token is required.", problem.GetProperty("errors").GetProperty("token")[0].GetString());
            }

            using (var anonymous = await PostJsonAsync(path, new { token }))
            {
                await ProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
            }

            using (var member = await PostJsonAsync(path, new { token }, bearer: MemberToken))
            {
                await ProblemAsync(member, HttpStatusCode.Forbidden, "forbidden");
            }
        }

        Assert.Equal(before, await VerificationStateAsync());
    }

    [Fact]
    public async Task History_is_the_lenders_own_newest_first_with_clear_limits()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        var first = Str(await VerifyProofOkAsync(token), "verification_id");
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = Str(await VerifyProofOkAsync(token), "verification_id");

        using (var page = await GetAsync("/api/v1/verify/history?limit=1&offset=1", apiKey: LenderKey))
        {
            var body = await JsonAsync(page, HttpStatusCode.OK);
            Assert.Equal(2, body.GetProperty("total").GetInt32());
            Assert.Equal(first, Str(Assert.Single(body.GetProperty("items").EnumerateArray()), "id"));
        }

        using (var all = await GetAsync("/api/v1/verify/history", apiKey: LenderKey))
        {
            var body = await JsonAsync(all, HttpStatusCode.OK);
            Assert.Equal([second, first], body.GetProperty("items").EnumerateArray().Select(i => Str(i, "id")));
            Assert.Equal(20, body.GetProperty("limit").GetInt32());
        }

        var (otherKey, _) = await NewLenderAsync();
        using (var other = await GetAsync("/api/v1/verify/history", apiKey: otherKey))
        {
            Assert.Equal("""{"items":[],"total":0,"limit":20,"offset":0}""", (await JsonAsync(other, HttpStatusCode.OK)).GetRawText());
        }

        foreach (var (query, field, message) in new[]
        {
            ("limit=0", "limit", "limit must be a whole number from 1 to 100."),
            ("limit=101", "limit", "limit must be a whole number from 1 to 100."),
            ("limit=ten", "limit", "limit must be a whole number from 1 to 100."),
            ("offset=-1", "offset", "offset must be a whole number of at least 0."),
        })
        {
            using var bad = await GetAsync("/api/v1/verify/history?" + query, apiKey: LenderKey);
            var problem = await ProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        }

        using var anonymous = await GetAsync("/api/v1/verify/history");
        await ProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Images_encode_a_live_token_and_unknown_tokens_are_404()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        using (var png = await GetAsync($"/api/v1/qr/{token}.png"))
        {
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", png.Headers.CacheControl?.ToString());
            var bytes = await png.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        }

        using (var svg = await GetAsync($"/api/v1/qr/{token}.svg"))
        {
            Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
            Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
            var text = await svg.Content.ReadAsStringAsync();
            Assert.Contains("<svg", text, StringComparison.Ordinal);
            Assert.EndsWith("</svg>", text.TrimEnd(), StringComparison.Ordinal);
        }

        foreach (var path in new[] { "/api/v1/qr/qr_aaaaaaaaaaaaaaaaaaaaaaaaaa.png", "/api/v1/qr/qr_aaaaaaaaaaaaaaaaaaaaaaaaaa.svg", "/api/v1/qr/nonsense.png" })
        {
            using var missing = await GetAsync(path);
            await ProblemAsync(missing, HttpStatusCode.NotFound, "qr_token_not_found");
        }
    }

    [Fact]
    public async Task Generate_refuses_foreign_unknown_revoked_and_invalid_requests()
    {
        var (id, _) = await IssueCredentialAsync();
        var (_, _, otherMember) = await MemberAsync(Attributes);
        var (foreignId, _) = await IssueCredentialAsync(token: otherMember);
        var before = await VerificationStateAsync();

        async Task<JsonElement> Refused(object body, HttpStatusCode status, string code)
        {
            using var response = await PostJsonAsync("/api/v1/qr/generate", body, bearer: MemberToken);
            return await ProblemAsync(response, status, code);
        }

        Assert.Equal($"You have no credential {foreignId}.", Str(await Refused(new { credential_ids = new[] { foreignId } }, HttpStatusCode.NotFound, "credential_not_found"), "detail"));
        await Refused(new { credential_ids = new[] { Guid.NewGuid().ToString() } }, HttpStatusCode.NotFound, "credential_not_found");
        var errors = (await Refused(new { credential_ids = Array.Empty<string>(), expires_in = 59, audience = "acme" }, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        Assert.Equal("credential_ids must list at least one credential id.", errors.GetProperty("credential_ids")[0].GetString());
        Assert.Equal("expires_in must be from 60 to 86400 seconds.", errors.GetProperty("expires_in")[0].GetString());
        Assert.Equal("audience must be the organization_id of a registered lender.", errors.GetProperty("audience")[0].GetString());
        await Refused(new { credential_ids = new[] { id, id } }, HttpStatusCode.BadRequest, "validation_failed");
        await Refused(new { credential_ids = new[] { id }, expires_in = 86_401 }, HttpStatusCode.BadRequest, "validation_failed");
        await Refused(new { credential_ids = new[] { id }, audience = IssuerId }, HttpStatusCode.BadRequest, "validation_failed");
        using (var lender = await PostJsonAsync("/api/v1/qr/generate", new { credential_ids = new[] { id } }, apiKey: LenderKey))
        {
            await ProblemAsync(lender, HttpStatusCode.Unauthorized, "unauthorized");
        }

        await RevokeCredentialAsync(id);

        var afterRevoke = await VerificationStateAsync();
        Assert.Equal($"Credential {id} is revoked.", Str(await Refused(new { credential_ids = new[] { id } }, HttpStatusCode.Conflict, "credential_not_active"), "detail"));
        Assert.Equal(afterRevoke, await VerificationStateAsync());
        Assert.Equal(before.Split('|')[4], afterRevoke.Split('|')[4]);
    }

    [Fact]
    public async Task A_wallet_member_signs_the_presentation_in_a_second_step()
    {
        using var wallet = Ed25519PrivateKey.Generate();
        var did = DidKey.FromPublicKey(wallet.PublicKey).Did;
        string challenge;
        using (var response = await PostJsonAsync("/api/v1/members/me/wallet/challenge", null, bearer: MemberToken))
        {
            challenge = Str(await JsonAsync(response, HttpStatusCode.OK), "challenge");
        }

        var signature = Zkp.Credentials.Did.Multibase.EncodeBase58Btc(wallet.Sign(Encoding.UTF8.GetBytes(challenge)));
        using (var bind = await PostJsonAsync("/api/v1/members/me/wallet", new { did, challenge, signature }, bearer: MemberToken))
        {
            await JsonAsync(bind, HttpStatusCode.OK);
        }

        var (id, _) = await IssueCredentialAsync();
        JsonElement pending;
        using (var generate = await PostJsonAsync("/api/v1/qr/generate", new { credential_ids = new[] { id } }, bearer: MemberToken))
        {
            pending = await ProblemAsync(generate, HttpStatusCode.Conflict, "wallet_signature_required");
        }

        var pendingId = Str(pending, "pending_id");
        Assert.Equal($"/api/v1/qr/pending/{pendingId}", Str(pending, "complete_url"));
        Assert.Equal("https://zkp.test", Str(pending, "domain"));
        Assert.Equal("authentication", Str(pending, "proof_purpose"));
        Assert.Equal("eddsa-jcs-2022", Str(pending, "cryptosuite"));
        var unsigned = JsonNode.Parse(pending.GetProperty("presentation").GetRawText())!.AsObject();
        Assert.Equal(did, unsigned["holder"]!.GetValue<string>());
        Assert.False(unsigned.ContainsKey("proof"));
        Assert.Equal("1|0", await SqlAsync("select count(*), count(token_hash) from qr_tokens"));

        async Task<HttpResponseMessage> Complete(JsonObject presentation) =>
            await PostJsonAsync(Str(pending, "complete_url"), new JsonObject { ["presentation"] = presentation }.ToJsonString(), bearer: MemberToken);

        // A stranger's signature, an altered presentation and the wrong challenge are refused; the row stays pending.
        using var stranger = Ed25519PrivateKey.Generate();
        var strangers = VerifiablePresentation.Create(DidKey.FromPublicKey(stranger.PublicKey).Did, unsigned["verifiableCredential"]!.AsArray().Select(c => c!.AsObject()));
        using (var wrongSigner = await Complete(VerifiablePresentation.Sign(strangers, stranger, Str(pending, "challenge"), Str(pending, "domain"), DateTimeOffset.UtcNow)))
        {
            await ProblemAsync(wrongSigner, HttpStatusCode.BadRequest, "presentation_rejected");
        }

        var altered = (JsonObject)unsigned.DeepClone();
        altered["id"] = "urn:uuid:" + Guid.NewGuid();
        using (var changed = await Complete(VerifiablePresentation.Sign(altered, wallet, Str(pending, "challenge"), Str(pending, "domain"), DateTimeOffset.UtcNow)))
        {
            await ProblemAsync(changed, HttpStatusCode.BadRequest, "presentation_rejected");
        }

        using (var wrongChallenge = await Complete(VerifiablePresentation.Sign(unsigned, wallet, "another-challenge", Str(pending, "domain"), DateTimeOffset.UtcNow)))
        {
            await ProblemAsync(wrongChallenge, HttpStatusCode.BadRequest, "presentation_rejected");
        }

        Assert.Equal("1|0", await SqlAsync("select count(*), count(token_hash) from qr_tokens"));

        JsonElement generated;
        using (var complete = await Complete(VerifiablePresentation.Sign(unsigned, wallet, Str(pending, "challenge"), Str(pending, "domain"), DateTimeOffset.UtcNow)))
        {
            generated = await JsonAsync(complete, HttpStatusCode.Created);
        }

        var token = Str(generated, "token");
        Assert.Equal(did, Str(generated, "member_did"));
        var proof = await VerifyProofOkAsync(token);
        Assert.True(proof.GetProperty("all_verified").GetBoolean());
        Assert.Equal(did, Str(proof, "member_did"));

        using var twice = await Complete(VerifiablePresentation.Sign(unsigned, wallet, Str(pending, "challenge"), Str(pending, "domain"), DateTimeOffset.UtcNow));
        await ProblemAsync(twice, HttpStatusCode.NotFound, "qr_token_not_found");
    }
}
