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
}
