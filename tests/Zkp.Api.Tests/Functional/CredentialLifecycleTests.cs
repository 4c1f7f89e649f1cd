using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Credentials.Status;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

/// <summary>Listing, reading and revoking credentials, and who may do each.</summary>
public sealed class CredentialLifecycleTests(PostgresCluster cluster) : CredentialTestBase(cluster)
{
    private async Task<JsonElement> IssueOkAsync(object body, string? token = null)
    {
        using var response = await IssueAsync(body, token);
        return await JsonAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_member_lists_only_their_own_credentials_newest_first()
    {
        var first = Str(await IssueOkAsync(new { claim_type = "income_range", threshold = 50000 }), "id");
        Factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = Str(await IssueOkAsync(new { claim_type = "credit_tier", threshold = 700 }), "id");
        var (_, _, otherToken) = await MemberAsync(Attributes);
        await IssueOkAsync(new { claim_type = "dti_ratio", threshold = 3600 }, otherToken);

        using var list = await GetAsync("/api/v1/credentials", bearer: MemberToken);
        var items = (await JsonAsync(list, HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal([second, first], items.Select(i => Str(i, "id")));
        Assert.All(items, i => Assert.Equal("active", Str(i, "status")));
        Assert.Equal("credit_tier", Str(items[0], "claim_type"));
        Assert.Equal(850, items[0].GetProperty("upper_bound").GetInt64());
        Assert.Equal($"urn:uuid:{first}", Str(items[1].GetProperty("credential"), "id"));

        using var otherList = await GetAsync("/api/v1/credentials", bearer: otherToken);
        Assert.Equal("dti_ratio", Str(Assert.Single((await JsonAsync(otherList, HttpStatusCode.OK)).EnumerateArray()), "claim_type"));

        using var lender = await GetAsync("/api/v1/credentials", bearer: Str(await RegisterLenderAsync(NewEmail("lender")), "access_token"));
        await ProblemAsync(lender, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task One_credential_is_visible_to_its_member_and_issuer_and_404_for_everyone_else()
    {
        var issued = await IssueOkAsync(new { claim_type = "income_range", threshold = 50000 });
        var path = $"/api/v1/credentials/{Str(issued, "id")}";
        using (var own = await GetAsync(path, bearer: MemberToken))
        {
            Assert.Equal(issued.GetRawText(), (await JsonAsync(own, HttpStatusCode.OK)).GetRawText());
        }

        using (var issuerAdmin = await GetAsync(path, bearer: IssuerAdmin))
        {
            Assert.Equal(Str(issued, "id"), Str(await JsonAsync(issuerAdmin, HttpStatusCode.OK), "id"));
        }

        var issuerKey = await IssuerApiKeyAsync(IssuerId);
        using (var byKey = await GetAsync(path, apiKey: issuerKey))
        {
            Assert.Equal(Str(issued, "id"), Str(await JsonAsync(byKey, HttpStatusCode.OK), "id"));
        }

        var otherIssuer = Str(await CreateIssuerAsync(PlatformAdmin, "Other Credit Union", "54321"), "id");
        var (_, _, otherMember) = await MemberAsync(Attributes);
        var strangers = new (string? Bearer, string? ApiKey)[]
        {
            (otherMember, null),
            (await IssuerAdminAsync(PlatformAdmin, otherIssuer), null),
            (null, await IssuerApiKeyAsync(otherIssuer)),
            (null, Str(await RegisterLenderAsync(NewEmail("lender")), "api_key")),
            (PlatformAdmin, null),
        };
        foreach (var (bearer, apiKey) in strangers)
        {
            using var response = await GetAsync(path, bearer, apiKey);
            Assert.Equal("No credential with this id.", Str(await ProblemAsync(response, HttpStatusCode.NotFound, "not_found"), "detail"));
        }

        using var unknown = await GetAsync($"/api/v1/credentials/{Guid.NewGuid()}", bearer: MemberToken);
        Assert.Equal("No credential with this id.", Str(await ProblemAsync(unknown, HttpStatusCode.NotFound, "not_found"), "detail"));
    }

    [Fact]
    public async Task Revoking_sets_the_published_status_bit_marks_the_row_and_emits_credential_revoked_once()
    {
        await SqlAsync($"insert into webhook_subscriptions (id, organization_id, url, events, secret_protected, is_active, created_utc) values (gen_random_uuid(), '{IssuerId}', 'https://issuer.test/hook', 'credential.revoked', 'x', true, now())");
        var issued = await IssueOkAsync(new { claim_type = "income_range", threshold = 50000 });
        var kept = await IssueOkAsync(new { claim_type = "credit_tier", threshold = 700 });
        var id = Str(issued, "id");
        var status = issued.GetProperty("credential").GetProperty("credentialStatus");
        var listUrl = new Uri(Str(status, "statusListCredential")).AbsolutePath;
        var index = int.Parse(Str(status, "statusListIndex"), System.Globalization.CultureInfo.InvariantCulture);
        var keptIndex = int.Parse(Str(kept.GetProperty("credential").GetProperty("credentialStatus"), "statusListIndex"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await StatusBitAsync(listUrl, index));

        using (var revoke = await PostJsonAsync($"/api/v1/credentials/{id}/revoke", null, bearer: MemberToken))
        {
            var body = await JsonAsync(revoke, HttpStatusCode.OK);
            Assert.Equal("revoked", Str(body, "status"));
            Assert.Equal(Factory.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                body.GetProperty("revoked_at").GetDateTime().ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.True(await StatusBitAsync(listUrl, index));
        Assert.False(await StatusBitAsync(listUrl, keptIndex));
        Assert.Equal($"revoked|{MemberId}|", await SqlAsync($"select status, revoked_by_account_id, coalesce(revoked_by_organization_id::text, '') from credentials where id = '{id}'"));
        var payload = JsonDocument.Parse(await SqlAsync("select payload from webhook_deliveries where event_name = 'credential.revoked'")).RootElement;
        Assert.Equal(id, Str(payload, "credential_id"));
        Assert.Equal("income_range", Str(payload, "claim_type"));

        var before = await SqlAsync("select string_agg(encode(sha256(bits), 'hex') || updated_utc::text, ',') from status_lists");
        using (var again = await PostJsonAsync($"/api/v1/credentials/{id}/revoke", null, bearer: IssuerAdmin))
        {
            Assert.Equal("This credential is already revoked.", Str(await ProblemAsync(again, HttpStatusCode.Conflict, "credential_already_revoked"), "detail"));
        }

        Assert.Equal(before, await SqlAsync("select string_agg(encode(sha256(bits), 'hex') || updated_utc::text, ',') from status_lists"));
        Assert.Equal($"revoked|{MemberId}|1", await SqlAsync($"select status, revoked_by_account_id, (select count(*) from webhook_deliveries where event_name = 'credential.revoked') from credentials where id = '{id}'"));

        using var listed = await GetAsync($"/api/v1/credentials/{Str(kept, "id")}", bearer: MemberToken);
        Assert.Equal("active", Str(await JsonAsync(listed, HttpStatusCode.OK), "status"));
    }

    [Fact]
    public async Task The_issuer_may_revoke_by_api_key_and_strangers_get_404_without_any_change()
    {
        var id = Str(await IssueOkAsync(new { claim_type = "income_range", threshold = 50000 }), "id");
        var (_, _, otherMember) = await MemberAsync(Attributes);
        var otherIssuer = Str(await CreateIssuerAsync(PlatformAdmin, "Other Credit Union", "54321"), "id");
        foreach (var (bearer, apiKey) in new (string?, string?)[] { (otherMember, null), (null, await IssuerApiKeyAsync(otherIssuer)), (PlatformAdmin, null) })
        {
            using var refused = await PostJsonAsync($"/api/v1/credentials/{id}/revoke", null, bearer, apiKey);
            await ProblemAsync(refused, HttpStatusCode.NotFound, "not_found");
        }

        Assert.Equal("active|0", await SqlAsync($"select status, (select count(*) from status_lists where bits <> decode(repeat('00', 16384), 'hex')) from credentials where id = '{id}'"));

        using (var byKey = await PostJsonAsync($"/api/v1/credentials/{id}/revoke", null, apiKey: await IssuerApiKeyAsync(IssuerId)))
        {
            Assert.Equal("revoked", Str(await JsonAsync(byKey, HttpStatusCode.OK), "status"));
        }

        Assert.Equal($"revoked||{IssuerId}", await SqlAsync($"select status, coalesce(revoked_by_account_id::text, ''), revoked_by_organization_id from credentials where id = '{id}'"));
    }

    private async Task<string> IssuerApiKeyAsync(string issuerId)
    {
        using var response = await PostJsonAsync($"/api/v1/admin/issuers/{issuerId}/api-keys", null, bearer: PlatformAdmin);
        return Str(await JsonAsync(response, HttpStatusCode.Created), "api_key");
    }

    private async Task<bool> StatusBitAsync(string listPath, int index)
    {
        using var response = await GetAsync(listPath);
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return BitstringStatusList.Decode(list["credentialSubject"]!["encodedList"]!.GetValue<string>())[index];
    }
}
