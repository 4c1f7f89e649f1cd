using System.Net;
using System.Text;
using System.Text.Json;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

/// <summary>PostgreSQL tests of the issuer features, with a platform admin from configuration.</summary>
public abstract class RegistryTestBase(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    protected const string AdminEmail = "root@platform.example";
    protected const string AdminPassword = "platform admin passphrase 1";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:Email"] = AdminEmail,
        ["Admin:Password"] = AdminPassword,
        ["Registry:PublicBaseUrl"] = "https://zkp.test",
    };

    protected async Task<string> AdminLoginAsync(string email = AdminEmail, string password = AdminPassword)
    {
        using var response = await PostJsonAsync("/api/v1/auth/admin/login", new { email, password });
        return Str(await JsonAsync(response, HttpStatusCode.OK), "access_token");
    }

    protected async Task<JsonElement> CreateIssuerAsync(string admin, string name = "Sample Credit Union", string charter = "12345")
    {
        using var response = await PostJsonAsync("/api/v1/admin/issuers", new { name, ncua_charter = charter }, bearer: admin);
        return await JsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Creates an issuer admin and returns their JWT.</summary>
    protected async Task<string> IssuerAdminAsync(string admin, string issuerId)
    {
        var email = NewEmail("issuer");
        using var response = await PostJsonAsync($"/api/v1/admin/issuers/{issuerId}/admins", new { email, password = Password }, bearer: admin);
        await JsonAsync(response, HttpStatusCode.Created);
        return await AdminLoginAsync(email, Password);
    }

    protected Task<HttpResponseMessage> PutJsonAsync(string path, string json, string? bearer = null, string? apiKey = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, bearer, apiKey);

    protected Task<HttpResponseMessage> PostTextAsync(string path, string body, string mediaType, string? bearer = null, string? apiKey = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, mediaType) }, bearer, apiKey);

    protected static IEnumerable<string?> Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString());
}
