using System.Net;
using System.Text.Json;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class OpenApiAndHealthTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    public static TheoryData<string, string> Operations() => new()
    {
        { "/api/v1/auth/member/register", "post" },
        { "/api/v1/auth/member/login", "post" },
        { "/api/v1/auth/lender/register", "post" },
        { "/api/v1/auth/lender/login", "post" },
        { "/api/v1/auth/lender/rotate-key", "post" },
        { "/api/v1/auth/email/verify", "post" },
        { "/api/v1/auth/email/resend", "post" },
        { "/api/v1/auth/password-reset/request", "post" },
        { "/api/v1/auth/password-reset/confirm", "post" },
        { "/api/v1/auth/refresh", "post" },
        { "/api/v1/auth/logout", "post" },
        { "/api/v1/auth/2fa/enable", "post" },
        { "/api/v1/auth/2fa/confirm", "post" },
        { "/api/v1/auth/2fa/verify-login", "post" },
        { "/api/v1/auth/2fa/disable", "post" },
        { "/api/v1/analytics/quota", "get" },
    };

    [Fact]
    public async Task The_document_lists_every_endpoint_with_an_example()
    {
        using var response = await GetAsync("/openapi/v1.json");
        var document = await JsonAsync(response, HttpStatusCode.OK);
        var paths = document.GetProperty("paths");
        foreach (var row in Operations())
        {
            var (path, method) = ((string)row[0], (string)row[1]);
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            var operation = item.GetProperty(method);
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
            var examples = FindExamples(operation).ToList();
            Assert.True(examples.Count > 0, $"{method} {path} has no example");
        }

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", Str(schemes.GetProperty("Bearer"), "scheme"));
        Assert.Equal("X-API-Key", Str(schemes.GetProperty("ApiKey"), "name"));
        var quotaSecurity = paths.GetProperty("/api/v1/analytics/quota").GetProperty("get").GetProperty("security");
        Assert.Equal(["Bearer", "ApiKey"], quotaSecurity.EnumerateArray().Select(r => r.EnumerateObject().Single().Name));
        var rotateSecurity = paths.GetProperty("/api/v1/auth/lender/rotate-key").GetProperty("post").GetProperty("security");
        Assert.Equal(["Bearer"], rotateSecurity.EnumerateArray().Select(r => r.EnumerateObject().Single().Name));
        Assert.False(paths.GetProperty("/api/v1/auth/member/login").GetProperty("post").TryGetProperty("security", out _));

        var login = paths.GetProperty("/api/v1/auth/lender/register").GetProperty("post");
        var requestExample = login.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("Acme Lending", requestExample.GetProperty("organization_name").GetString());
    }

    [Fact]
    public async Task Swagger_ui_is_served_in_development()
    {
        using var response = await GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_on_postgres()
    {
        using (var live = await GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("{\"status\":\"ok\"}", await live.Content.ReadAsStringAsync());
        }

        using var ready = await GetAsync("/health/ready");
        var body = await JsonAsync(ready, HttpStatusCode.OK);
        Assert.Equal("ready", Str(body, "status"));
        Assert.Equal("healthy", Str(body.GetProperty("checks").GetProperty("database"), "status"));
        Assert.Equal("healthy", Str(body.GetProperty("checks").GetProperty("keys"), "status"));
    }

    [Fact]
    public async Task Readiness_fails_when_the_schema_is_behind()
    {
        await SqlAsync("delete from schema_versions");
        using var ready = await GetAsync("/health/ready");
        var body = await JsonAsync(ready, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("unavailable", Str(body, "status"));
        Assert.Equal("schema not current", Str(body.GetProperty("checks").GetProperty("database"), "description"));
    }

    private static IEnumerable<JsonElement> FindExamples(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "example")
                {
                    yield return property.Value;
                }

                foreach (var nested in FindExamples(property.Value))
                {
                    yield return nested;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var nested in element.EnumerateArray().SelectMany(FindExamples))
            {
                yield return nested;
            }
        }
    }
}
