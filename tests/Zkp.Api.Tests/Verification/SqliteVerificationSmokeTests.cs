using System.Net;

namespace Zkp.Api.Tests.Verification;

/// <summary>The embedded default (SQLite, seeded demo credit union): issue, share and verify end to end.</summary>
public sealed class SqliteVerificationSmokeTests : ApiTestBase
{
    public override Task InitializeAsync()
    {
        Start(postgresConnectionString: null);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Generate_then_verify_proof_works_on_sqlite()
    {
        using (var login = await PostJsonAsync("/api/v1/auth/admin/login", new { email = "admin@demo-fcu.example", password = "DemoIssuer!2026pass" }))
        {
            var issuerAdmin = Str(await JsonAsync(login, HttpStatusCode.OK), "access_token");
            var email = await RegisterMemberAsync(NewEmail("member"));
            using var put = await SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/issuer/members/{email}/attributes", UriKind.Relative))
            {
                Content = new StringContent("""{"annual_income": 85000}""", System.Text.Encoding.UTF8, "application/json"),
            }, bearer: issuerAdmin);
            await JsonAsync(put, HttpStatusCode.OK);

            var member = Str(await LoginMemberAsync(email), "access_token");
            using var issue = await PostJsonAsync("/api/v1/credentials/issue", new { claim_type = "income_range", threshold = 50000 }, bearer: member);
            var credentialId = Str(await JsonAsync(issue, HttpStatusCode.Created), "id");
            using var generate = await PostJsonAsync("/api/v1/qr/generate", new { credential_ids = new[] { credentialId } }, bearer: member);
            var token = Str(await JsonAsync(generate, HttpStatusCode.Created), "token");

            var lender = await RegisterLenderAsync(NewEmail("lender"));
            using var verify = await PostJsonAsync("/api/v1/verify/proof", new { token }, apiKey: Str(lender, "api_key"));
            var result = await JsonAsync(verify, HttpStatusCode.OK);
            Assert.True(result.GetProperty("all_verified").GetBoolean());
            Assert.Equal("Demo Federal Credit Union", Str(result.GetProperty("issuer_info"), "name"));

            using var again = await PostJsonAsync("/api/v1/verify/proof", new { token }, apiKey: Str(lender, "api_key"));
            Assert.True((await JsonAsync(again, HttpStatusCode.OK)).GetProperty("all_verified").GetBoolean());
            using var history = await GetAsync("/api/v1/verify/history", apiKey: Str(lender, "api_key"));
            Assert.Equal(2, (await JsonAsync(history, HttpStatusCode.OK)).GetProperty("total").GetInt32());
        }
    }
}
