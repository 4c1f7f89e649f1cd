extern alias api;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using api::Zkp.Api.Extensions;
using api::Zkp.Api.Registry;
using Microsoft.Extensions.Configuration;

namespace Zkp.Benchmarks.Api;

/// <summary>
/// The real API on the in-memory test server, for benchmarks and load tools: the embedded SQLite default with the
/// seeded demo credit union (or PostgreSQL when a connection string is given), a generated development proving key,
/// rate limits out of the way, and helpers for the member flow. <see cref="IssueAsync"/> is the issuance path to call.
/// </summary>
public sealed partial class InProcessApi : IAsyncDisposable
{
    private const string Password = "benchmark member passphrase";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private InProcessApi(WebApplication app, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="postgresConnectionString">Null for the embedded SQLite default (demo credit union seeded).</param>
    /// <param name="settings">Extra configuration, applied last.</param>
    public static async Task<InProcessApi> StartAsync(string? postgresConnectionString = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "zkp-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Jwt:SigningKey"] = "benchmark-signing-key-0123456789abcdef-0123456789",
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimits:Enabled"] = "false",
            ["Credentials:WorkerEnabled"] = "false",
            ["Webhooks:DispatcherEnabled"] = "false",
        };
        if (postgresConnectionString is not null)
        {
            configuration["ConnectionStrings:Postgres"] = postgresConnectionString;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.WebHost.UseTestServer();
        builder.AddZkpApi();
        var app = builder.Build();
        await app.MigrateDatabaseAsync();
        app.UseZkpApi();
        await app.StartAsync();
        return new InProcessApi(app, dataDirectory);
    }

    /// <summary>Logs in the seeded demo credit union's admin (embedded default only).</summary>
    public Task<string> DemoIssuerAdminTokenAsync() =>
        LoginAsync("/api/v1/auth/admin/login", RegistrySeeder.DemoIssuerAdminEmail, RegistrySeeder.DemoIssuerAdminPassword);

    /// <summary>Registers and verifies a member, has the issuer write <paramref name="attributesJson"/>, and returns the member's access token.</summary>
    public async Task<string> MemberWithAttributesAsync(string issuerAdminToken, string attributesJson)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.com";
        using (var register = await Client.PostAsJsonAsync(new Uri("/api/v1/auth/member/register", UriKind.Relative), new { email, password = Password, full_name = "Bench Member" }))
        {
            Expect(register, HttpStatusCode.Created);
        }

        using (var verify = await Client.PostAsJsonAsync(new Uri("/api/v1/auth/email/verify", UriKind.Relative), new { code = VerificationCode(email), email }))
        {
            Expect(verify, HttpStatusCode.OK);
        }

        using (var put = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/issuer/members/{email}/attributes", UriKind.Relative))
        {
            Content = new StringContent(attributesJson, Encoding.UTF8, "application/json"),
        })
        {
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuerAdminToken);
            using var response = await Client.SendAsync(put);
            Expect(response, HttpStatusCode.OK);
        }

        return await LoginAsync("/api/v1/auth/member/login", email, Password);
    }

    /// <summary><c>POST /api/v1/credentials/issue</c> (synchronous); returns the credential id, throws unless 201.</summary>
    public async Task<Guid> IssueAsync(string memberToken, string claimType, ulong threshold, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/credentials/issue", UriKind.Relative))
        {
            Content = JsonContent.Create(new { claim_type = claimType, threshold }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", memberToken);
        using var response = await Client.SendAsync(request, cancellationToken);
        Expect(response, HttpStatusCode.Created);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("id").GetGuid();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<string> LoginAsync(string path, string email, string password)
    {
        using var response = await Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), new { email, password });
        Expect(response, HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("access_token").GetString()!;
    }

    private string VerificationCode(string email)
    {
        var mail = new DirectoryInfo(Path.Combine(_dataDirectory, "mail")).GetFiles("*.eml")
            .Select(f => File.ReadAllText(f.FullName))
            .Last(text => text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase));
        return CodePattern().Match(mail).Groups[1].Value;
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }
    }

    [GeneratedRegex(@"verification code is: (\d{6})")]
    private static partial Regex CodePattern();
}
