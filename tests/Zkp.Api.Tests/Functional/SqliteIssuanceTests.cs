using System.Net;
using System.Text;
using Zkp.Api.Registry;

namespace Zkp.Api.Tests.Functional;

/// <summary>Issuance on the embedded default (SQLite) with the seeded demo credit union, as the README walkthrough does it.</summary>
public sealed class SqliteIssuanceTests : ApiTestBase
{
    public override Task InitializeAsync()
    {
        Start(postgresConnectionString: null);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_member_of_the_demo_credit_union_gets_a_credential_and_a_refusal_writes_nothing()
    {
        using var issuerLogin = await PostJsonAsync("/api/v1/auth/admin/login", new { email = RegistrySeeder.DemoIssuerAdminEmail, password = RegistrySeeder.DemoIssuerAdminPassword });
        var issuerAdmin = Str(await JsonAsync(issuerLogin, HttpStatusCode.OK), "access_token");
        var member = await RegisterMemberAsync(NewEmail("member"));
        using (var put = await SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/issuer/members/{member}/attributes", UriKind.Relative))
        {
            Content = new StringContent("""{"annual_income":85000,"credit_score":742}""", Encoding.UTF8, "application/json"),
        }, bearer: issuerAdmin))
        {
            await JsonAsync(put, HttpStatusCode.OK);
        }

        var token = Str(await LoginMemberAsync(member), "access_token");
        using (var refused = await PostJsonAsync("/api/v1/credentials/issue", new { claim_type = "income_range", threshold = 90000 }, bearer: token))
        {
            await ProblemAsync(refused, HttpStatusCode.BadRequest, "claim_not_satisfied");
        }

        Assert.Equal((0, 0), WithDb(db => (db.Credentials.Count(), db.StatusLists.Count())));

        using var issued = await PostJsonAsync("/api/v1/credentials/issue", new { claim_type = "income_range", threshold = 50000 }, bearer: token);
        var body = await JsonAsync(issued, HttpStatusCode.Created);
        Assert.Equal("active", Str(body, "status"));
        Assert.Equal($"urn:uuid:{Str(body, "id")}", Str(body.GetProperty("credential"), "id"));
        Assert.Equal((1, 1), WithDb(db => (db.Credentials.Count(), db.StatusLists.Single().AllocatedCount)));
    }
}
