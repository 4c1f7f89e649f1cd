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

    private bool stopped;

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public string DataDirectory { get; }

    public static async Task<ApiHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?> settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "zkp-load-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        // Development: the claim circuit's proving key is generated on first start (a production node imports one).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development", ApplicationName = "Zkp.Api" });
        builder.Configuration.AddInMemoryCollection(Configuration(connectionString, dataDirectory, "http://127.0.0.1:0"));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddZkpApi();
        var app = builder.Build();
        await app.MigrateDatabaseAsync();
        app.UseZkpApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiHost(app, address.TrimEnd('/'), dataDirectory);
    }

    /// <summary>
    /// The API's settings for a load run, shared with <see cref="ApiProcess"/> so the in-process and the separate
    /// process API run with the same configuration.
    /// </summary>
    public static Dictionary<string, string?> Configuration(string connectionString, string dataDirectory, string urls) => new()
    {
        ["Urls"] = urls,
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
    };

    /// <summary>Stops the in-process API but keeps its data directory (keys, proving key) for an <see cref="ApiProcess"/>.</summary>
    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
