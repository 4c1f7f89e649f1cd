using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Quotas;

namespace Zkp.Api.Tests.Functional;

/// <summary>The embedded default: the same application on a temporary SQLite file.</summary>
public sealed class SqliteSmokeTests : ApiTestBase
{
    public override Task InitializeAsync()
    {
        Start(postgresConnectionString: null);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Member_flow_works_end_to_end()
    {
        var email = await RegisterMemberAsync(NewEmail());
        var login = await LoginMemberAsync(email);
        using var refresh = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = Str(login, "refresh_token") });
        await JsonAsync(refresh, HttpStatusCode.OK);
        using var reuse = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = Str(login, "refresh_token") });
        await ProblemAsync(reuse, HttpStatusCode.Unauthorized, "refresh_token_reused");
        Assert.True(File.Exists(Path.Combine(Factory.DataDirectory, "zkp.db")));
    }

    [Fact]
    public async Task Lender_flow_and_quota_work_end_to_end()
    {
        var lender = await RegisterLenderAsync(NewEmail("lender"));
        var organizationId = Guid.Parse(Str(lender, "organization_id"));
        Assert.True(await WithServicesAsync(s => s.GetRequiredService<QuotaService>().TryConsumeAsync(organizationId)));
        Assert.True(await WithServicesAsync(s => s.GetRequiredService<QuotaService>().TryConsumeAsync(organizationId)));
        using var quota = await GetAsync("/api/v1/analytics/quota", apiKey: Str(lender, "api_key"));
        var body = await JsonAsync(quota, HttpStatusCode.OK);
        Assert.Equal(2, body.GetProperty("used").GetInt32());
        Assert.Equal(98, body.GetProperty("remaining").GetInt32());

        using var rotate = await PostJsonAsync("/api/v1/auth/lender/rotate-key", null, bearer: Str(lender, "access_token"));
        var newKey = Str(await JsonAsync(rotate, HttpStatusCode.OK), "api_key");
        using (var old = await GetAsync("/api/v1/analytics/quota", apiKey: Str(lender, "api_key")))
        {
            await ProblemAsync(old, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var current = await GetAsync("/api/v1/analytics/quota", apiKey: newKey);
        await JsonAsync(current, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Health_is_ready_and_malformed_json_is_400()
    {
        using (var ready = await GetAsync("/health/ready"))
        {
            Assert.Equal("ready", Str(await JsonAsync(ready, HttpStatusCode.OK), "status"));
        }

        using var bad = await PostJsonAsync("/api/v1/auth/member/login", "{");
        await ProblemAsync(bad, HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task The_embedded_default_seeds_the_demo_credit_union_and_its_admins_once()
    {
        using var platformLogin = await PostJsonAsync("/api/v1/auth/admin/login",
            new { email = Zkp.Api.Registry.RegistrySeeder.DemoPlatformAdminEmail, password = Zkp.Api.Registry.RegistrySeeder.DemoPlatformAdminPassword });
        var platform = Str(await JsonAsync(platformLogin, HttpStatusCode.OK), "access_token");
        using var registry = await GetAsync("/api/v1/trust-registry", bearer: platform);
        var entry = Assert.Single((await JsonAsync(registry, HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("Demo Federal Credit Union", Str(entry, "name"));
        Assert.Equal("60001", Str(entry, "ncua_charter"));

        using var issuerLogin = await PostJsonAsync("/api/v1/auth/admin/login",
            new { email = Zkp.Api.Registry.RegistrySeeder.DemoIssuerAdminEmail, password = Zkp.Api.Registry.RegistrySeeder.DemoIssuerAdminPassword });
        var issuerAdmin = Str(await JsonAsync(issuerLogin, HttpStatusCode.OK), "access_token");
        var member = await RegisterMemberAsync(NewEmail());
        using var put = await SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/issuer/members/{member}/attributes", UriKind.Relative))
        {
            Content = new StringContent("""{"credit_score":720,"account_opened_on":"2020-01-31"}""", System.Text.Encoding.UTF8, "application/json"),
        }, bearer: issuerAdmin);
        Assert.Equal(Str(entry, "id"), Str(await JsonAsync(put, HttpStatusCode.OK), "issuer_id"));
        using var mine = await GetAsync("/api/v1/members/me/attributes", bearer: Str(await LoginMemberAsync(member), "access_token"));
        Assert.Equal("2020-01-31", Str(await JsonAsync(mine, HttpStatusCode.OK), "account_opened_on"));

        await WithServicesAsync(async s => { await s.GetRequiredService<Zkp.Api.Registry.RegistrySeeder>().SeedAsync(); return 0; });
        Assert.Equal(1, WithDb(db => db.Issuers.Count()));
        Assert.Equal(3, WithDb(db => db.Accounts.Count()));
    }

    [Fact]
    public async Task Status_list_allocation_is_unique_under_concurrency_on_sqlite()
    {
        var issuerId = WithDb(db => db.Issuers.Single().Id);
        var allocations = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() =>
            WithServicesAsync(s => s.GetRequiredService<Zkp.Api.Registry.StatusListService>().AllocateAsync(issuerId)))));
        Assert.Equal(12, allocations.Select(a => a.Index).Distinct().Count());
        Assert.Equal(12, WithDb(db => db.StatusLists.Single().AllocatedCount));
        using var published = await GetAsync($"/api/v1/status-lists/{allocations[0].ListId}");
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
    }
}
