using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Infrastructure;
using Zkp.Api.Security;
using Zkp.Testing;

namespace Zkp.Api.Tests;

/// <summary>
/// A functional test on PostgreSQL: a fresh database and application per test, with helpers for
/// the common flows and for reading the database behind the API.
/// </summary>
[Collection(PostgresCollection.Name)]
public abstract class PostgresApiTest(PostgresCluster cluster) : ApiTestBase
{
    private readonly List<ZkpApiFactory> _otherNodes = [];

    protected string DatabaseName { get; private set; } = "";

    /// <summary>This test's database, e.g. for a second API node on it.</summary>
    protected string ConnectionString { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        ConnectionString = await cluster.CreateDatabaseAsync(GetType().Name);
        DatabaseName = ConnectionString.Split(';').Single(p => p.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
        Start(ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        foreach (var node in _otherNodes)
        {
            await node.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>
    /// Starts another API node on this test's database (disposed with the test), its clock set to this node's so that
    /// both see the same time.
    /// </summary>
    protected ZkpApiFactory StartAnotherNode(IReadOnlyDictionary<string, string?> settings)
    {
        var node = new ZkpApiFactory(ConnectionString, settings);
        _otherNodes.Add(node);
        node.Clock.Advance(Factory.Clock.GetUtcNow() - node.Clock.GetUtcNow());
        node.CreateClient().Dispose();
        return node;
    }

    /// <summary>Runs SQL against this test's database through psql (independent of the application).</summary>
    protected Task<string> SqlAsync(string sql) => cluster.QueryAsync(DatabaseName, sql);
}

public abstract class ApiTestBase : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    protected ZkpApiFactory Factory { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Configuration this test class runs with (on top of <see cref="ZkpApiFactory"/>'s defaults).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public abstract Task InitializeAsync();

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    protected void Start(string? postgresConnectionString)
    {
        Factory = new ZkpApiFactory(postgresConnectionString, Settings);
        Client = Factory.CreateClient();
    }

    protected static string NewEmail(string prefix = "user") => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}@example.com";

    protected Task<HttpResponseMessage> PostJsonAsync(string path, object? body, string? bearer = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = body is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(body);
        }

        return SendAsync(request, bearer, apiKey);
    }

    protected Task<HttpResponseMessage> GetAsync(string path, string? bearer = null, string? apiKey = null) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), bearer, apiKey);

    protected async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? bearer = null, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (request)
        {
            if (bearer is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }

            if (apiKey is not null)
            {
                request.Headers.Add("X-API-Key", apiKey);
            }

            return await Client.SendAsync(request);
        }
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a problem+json response with this status and code; returns the body.</summary>
    protected static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await JsonAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()));
        return body;
    }

    protected static string Str(JsonElement element, string property) => element.GetProperty(property).GetString()!;

    protected async Task<string> RegisterMemberAsync(string email, bool verify = true)
    {
        using var response = await PostJsonAsync("/api/v1/auth/member/register", new { email, password = Password, full_name = "Jane Doe" });
        await JsonAsync(response, HttpStatusCode.Created);
        if (verify)
        {
            var code = Mailbox.LatestVerificationCode(Factory.MailDirectory, email);
            using var verified = await PostJsonAsync("/api/v1/auth/email/verify", new { code });
            await JsonAsync(verified, HttpStatusCode.OK);
        }

        return email;
    }

    protected async Task<JsonElement> LoginMemberAsync(string email, string password = Password)
    {
        using var response = await PostJsonAsync("/api/v1/auth/member/login", new { email, password });
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    protected async Task<JsonElement> RegisterLenderAsync(string email, bool sandbox = false)
    {
        using var response = await PostJsonAsync("/api/v1/auth/lender/register",
            new { email, password = Password, organization_name = "Acme Lending", verifier_type = "lender", sandbox });
        return await JsonAsync(response, HttpStatusCode.Created);
    }

    protected T WithDb<T>(Func<ZkpDbContext, T> query)
    {
        using var scope = Factory.Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<ZkpDbContext>());
    }

    protected async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    protected static string Sha256Hex(string secret) => Convert.ToHexStringLower(SecretHashing.Sha256(secret));
}
