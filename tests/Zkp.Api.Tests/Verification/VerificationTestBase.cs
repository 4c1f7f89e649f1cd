using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Infrastructure;
using Zkp.Api.Registry;
using Zkp.Api.Security;
using Zkp.Api.Tests.Functional;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Vc;
using Zkp.Testing;

namespace Zkp.Api.Tests.Verification;

/// <summary>
/// An issuer, a member with attributes (from <see cref="CredentialTestBase"/>) and a lender; helpers to issue, share,
/// verify, and to tamper with the stored rows the way an attacker with database access (or a bug) would.
/// </summary>
public abstract class VerificationTestBase(PostgresCluster cluster) : CredentialTestBase(cluster)
{
    protected string LenderKey { get; private set; } = "";

    protected Guid LenderId { get; private set; }

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(base.Settings)
            {
                ["RateLimits:Policies:verify:PermitLimit"] = "1000",
                ["RateLimits:Policies:verify:WindowSeconds"] = "60",
                ["RateLimits:Policies:qr_generate:PermitLimit"] = "1000",
                ["RateLimits:Policies:qr_generate:WindowSeconds"] = "60",
            };
            foreach (var (key, value) in ExtraSettings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (LenderKey, LenderId) = await NewLenderAsync();
    }

    protected async Task<(string ApiKey, Guid OrganizationId)> NewLenderAsync()
    {
        var lender = await RegisterLenderAsync(NewEmail("lender"));
        return (Str(lender, "api_key"), Guid.Parse(Str(lender, "organization_id")));
    }

    /// <summary>Issues a credential to the member; returns its id and the signed document.</summary>
    protected async Task<(string Id, JsonElement Document)> IssueCredentialAsync(string claimType = "income_range", long threshold = 50000, string? token = null)
    {
        using var response = await IssueAsync(new { claim_type = claimType, threshold }, token);
        var body = await JsonAsync(response, HttpStatusCode.Created);
        return (Str(body, "id"), body.GetProperty("credential"));
    }

    protected async Task<JsonElement> GenerateAsync(object body, string? token = null)
    {
        using var response = await PostJsonAsync("/api/v1/qr/generate", body, bearer: token ?? MemberToken);
        return await JsonAsync(response, HttpStatusCode.Created);
    }

    protected async Task<string> TokenForAsync(params string[] credentialIds) =>
        Str(await GenerateAsync(new { credential_ids = credentialIds }), "token");

    protected Task<HttpResponseMessage> VerifyProofAsync(string token, string? apiKey = null) =>
        PostJsonAsync("/api/v1/verify/proof", new { token }, apiKey: apiKey ?? LenderKey);

    protected async Task<JsonElement> VerifyProofOkAsync(string token, string? apiKey = null)
    {
        using var response = await VerifyProofAsync(token, apiKey);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    protected async Task<JsonElement> ResolveAsync(string token, string? apiKey = null, string path = "/api/v1/verify/token")
    {
        using var response = await PostJsonAsync(path, new { token }, apiKey: apiKey ?? LenderKey);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    protected async Task<int> QuotaUsedAsync(string? apiKey = null)
    {
        using var response = await GetAsync("/api/v1/analytics/quota", apiKey: apiKey ?? LenderKey);
        return (await JsonAsync(response, HttpStatusCode.OK)).GetProperty("used").GetInt32();
    }

    /// <summary>Everything verification writes, as one string, to compare before and after a refused request.</summary>
    protected Task<string> VerificationStateAsync() => SqlAsync(
        "select (select count(*) from verifications), (select count(*) from used_challenges), (select coalesce(sum(used), 0) from quota_usage), " +
        "(select count(*) from webhook_deliveries), (select count(*) from qr_tokens), (select count(*) from qr_tokens where revoked_utc is not null), " +
        "(select coalesce(string_agg(encode(sha256(presentation_json::bytea), 'hex'), ',' order by id), '') from qr_tokens)");

    protected static string Hash(string token) => Convert.ToHexStringLower(SecretHashing.Sha256(token));

    /// <summary>Rewrites the stored presentation of <paramref name="token"/> (no re-signing).</summary>
    protected Task SetPresentationAsync(string token, string presentationJson) =>
        WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<ZkpDbContext>();
            var hash = SecretHashing.Sha256(token);
            var row = await db.QrTokens.SingleAsync(q => q.TokenHash == hash);
            row.PresentationJson = presentationJson;
            await db.SaveChangesAsync();
            return 0;
        });

    protected Task<JsonObject> PresentationAsync(string token) =>
        WithServicesAsync(async services =>
        {
            var hash = SecretHashing.Sha256(token);
            var json = await services.GetRequiredService<ZkpDbContext>().QrTokens.Where(q => q.TokenHash == hash).Select(q => q.PresentationJson).SingleAsync();
            return JsonNode.Parse(json!)!.AsObject();
        });

    /// <summary>
    /// Edits the first presented credential, signs it again with the issuer's real key and the presentation again
    /// with the member's custodial key, over the token's own challenge and domain: every signature is genuine, so
    /// only the edited content can fail.
    /// </summary>
    protected Task ResignAsync(string token, Action<JsonObject> editCredential, Ed25519PrivateKey? holderKey = null) =>
        WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<ZkpDbContext>();
            var vault = services.GetRequiredService<KeyVault>();
            var hash = SecretHashing.Sha256(token);
            var row = await db.QrTokens.SingleAsync(q => q.TokenHash == hash);
            var presentation = JsonNode.Parse(row.PresentationJson!)!.AsObject();
            var credential = presentation["verifiableCredential"]!.AsArray()[0]!.AsObject();
            editCredential(credential);
            credential.Remove("proof");
            var parsed = ClaimCredential.Parse(credential);
            var seed = await db.Issuers.Where(i => i.Did == parsed.Issuer).Select(i => i.SigningSeedProtected).SingleAsync();
            using (var issuerKey = vault.UnprotectIssuerKey(seed))
            {
                presentation["verifiableCredential"]!.AsArray()[0] = parsed.Sign(issuerKey, parsed.ValidFrom);
            }

            presentation.Remove("proof");
            using var memberKey = holderKey is null ? await services.GetRequiredService<MemberKeyService>().CustodialKeyAsync(row.MemberAccountId) : null;
            var signer = holderKey ?? memberKey!;
            if (holderKey is not null)
            {
                presentation["holder"] = Zkp.Credentials.Did.DidKey.FromPublicKey(holderKey.PublicKey).Did;
            }

            row.PresentationJson = VerifiablePresentation.Sign(presentation, signer, row.Challenge, row.Domain, DateTimeOffset.UtcNow).ToJsonString();
            await db.SaveChangesAsync();
            return 0;
        });

    /// <summary>The member revokes a credential through the API (status-list bit set, row marked revoked).</summary>
    protected async Task RevokeCredentialAsync(string credentialId)
    {
        using var revoke = await PostJsonAsync($"/api/v1/credentials/{credentialId}/revoke", null, bearer: MemberToken);
        Assert.Equal("revoked", Str(await JsonAsync(revoke, HttpStatusCode.OK), "status"));
    }

    /// <summary>The recorded history row of a verification: all_verified|failed_step|failure_code|token hash.</summary>
    protected Task<string> RecordAsync(string verificationId) =>
        SqlAsync($"select all_verified, coalesce(failed_step, '-'), coalesce(failure_code, '-'), encode(token_hash, 'hex'), lender_organization_id from verifications where id = '{verificationId}'");
}
