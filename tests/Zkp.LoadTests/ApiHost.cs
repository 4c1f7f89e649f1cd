using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Zkp.Api.Extensions;

namespace Zkp.LoadTests;

/// <summary>The real API on Kestrel, loopback, an OS-assigned port, against the given PostgreSQL database.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    public const string AdminEmail = "load-admin@zkp.example";
    public const string AdminPassword = "load test admin passphrase";

    private ApiHost(WebApplication app, string baseUrl, string dataDirectory)
    {
        App = app;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public string DataDirectory { get; }

    public static async Task<ApiHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?> settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "zkp-load-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        // Development: the claim circuit's proving key is generated on first start (a production node imports one).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = "Zkp.Api" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Storage:DataDirectory"] = dataDirectory,
            ["Jwt:SigningKey"] = "load-test-signing-key-0123456789abcdef-0123456789",
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
            // The load measures the pipeline, not the limiter: 32 clients far exceed the guide's 30/min.
            ["RateLimits:Enabled"] = "false",
            ["Webhooks:DispatcherEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddZkpApi();
        var app = builder.Build();
        await app.MigrateDatabaseAsync();
        app.UseZkpApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiHost(app, address.TrimEnd('/'), dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
