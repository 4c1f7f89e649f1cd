using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;

namespace Zkp.LoadTests;

/// <summary>
/// Seeds through the public API what the guide's flow needs: an issuer with an admin, a member with attributes and
/// one income_range credential, a lender (Enterprise plan: no monthly quota) and QR tokens. Only the two steps a
/// person does by email or contract (email verification, plan upgrade) are written to the database directly.
/// </summary>
internal sealed class Seeder(ApiHost host, HttpClient http)
{
    private const string Password = "correct horse battery staple 42";

    public async Task<Seeded> SeedAsync(int tokenCount)
    {
        var admin = await TokenAsync("/api/v1/auth/admin/login", new { email = ApiHost.AdminEmail, password = ApiHost.AdminPassword });
        var issuer = await PostAsync("/api/v1/admin/issuers", new { name = "Load Test Credit Union", ncua_charter = "77001" }, admin);
        var issuerId = issuer.GetProperty("id").GetString()!;
        await PostAsync($"/api/v1/admin/issuers/{issuerId}/admins", new { email = "issuer@load.example", password = Password }, admin);
        var issuerAdmin = await TokenAsync("/api/v1/auth/admin/login", new { email = "issuer@load.example", password = Password });

        const string memberEmail = "member@load.example";
        await PostAsync("/api/v1/auth/member/register", new { email = memberEmail, password = Password, full_name = "Load Member" });
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ZkpDbContext>();
            await db.Accounts.Where(a => a.Email == memberEmail).ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailVerified, true));
        }

        await SendAsync(HttpMethod.Put, $"/api/v1/issuer/members/{memberEmail}/attributes", new { annual_income = 85000, credit_score = 742, membership_status = "active" }, issuerAdmin);
        var member = await TokenAsync("/api/v1/auth/member/login", new { email = memberEmail, password = Password });
        var credential = await PostAsync("/api/v1/credentials/issue", new { claim_type = "income_range", threshold = 50000 }, member);
        var credentialId = credential.GetProperty("id").GetString()!;

        var lender = await PostAsync("/api/v1/auth/lender/register", new { email = "lender@load.example", password = Password, organization_name = "Load Lending", verifier_type = "lender" });
        var organizationId = Guid.Parse(lender.GetProperty("organization_id").GetString()!);
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ZkpDbContext>();
            await db.Organizations.Where(o => o.Id == organizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Plan, Plans.Enterprise));
        }

        var tokens = new List<string>(tokenCount);
        for (var i = 0; i < tokenCount; i++)
        {
            var qr = await PostAsync("/api/v1/qr/generate", new { credential_ids = new[] { credentialId }, expires_in = 86_400 }, member);
            tokens.Add(qr.GetProperty("token").GetString()!);
        }

        return new Seeded(lender.GetProperty("api_key").GetString()!, member, tokens);
    }

    private async Task<string> TokenAsync(string path, object body) => (await PostAsync(path, body)).GetProperty("access_token").GetString()!;

    private Task<JsonElement> PostAsync(string path, object body, string? bearer = null) => SendAsync(HttpMethod.Post, path, body, bearer);

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, host.BaseUrl + path) { Content = JsonContent.Create(body) };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

internal sealed record Seeded(string ApiKey, string MemberJwt, IReadOnlyList<string> Tokens);
