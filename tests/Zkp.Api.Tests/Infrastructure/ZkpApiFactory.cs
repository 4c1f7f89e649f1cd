using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Zkp.Api.Tests;

/// <summary>
/// The real application on the in-memory test server, configured for one test: its own database
/// (PostgreSQL connection string, or a temporary SQLite file), a temporary data directory whose
/// <c>mail</c> folder receives the .eml files, a fixed JWT key, and rate limits high enough not to
/// interfere unless a test lowers them.
/// </summary>
public sealed class ZkpApiFactory : WebApplicationFactory<Program>
{
    public const string SigningKey = "test-signing-key-0123456789abcdef-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;

    public ZkpApiFactory(string? postgresConnectionString, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "zkp-api-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataDirectory);
        MailDirectory = Path.Combine(DataDirectory, "mail");
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Email:PickupDirectory"] = MailDirectory,
            ["Jwt:SigningKey"] = SigningKey,
            ["RateLimits:Policies:auth:PermitLimit"] = "1000",
            ["RateLimits:Policies:auth:WindowSeconds"] = "60",
            ["RateLimits:Policies:sensitive:PermitLimit"] = "1000",
            ["RateLimits:Policies:sensitive:WindowSeconds"] = "60",
            ["RateLimits:Policies:account:PermitLimit"] = "1000",
            ["RateLimits:Policies:account:WindowSeconds"] = "60",
            ["RateLimits:Policies:analytics:PermitLimit"] = "1000",
            ["RateLimits:Policies:analytics:WindowSeconds"] = "60",
            ["RateLimits:Policies:trust_registry:PermitLimit"] = "1000",
            ["RateLimits:Policies:trust_registry:WindowSeconds"] = "60",
            ["Plans:Free:RequestsPerMinute"] = "1000",
            ["Zk:ProvingKeyPath"] = TestProvingKey.Path,
            ["Credentials:WorkerEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (postgresConnectionString is not null)
        {
            _settings["ConnectionStrings:Postgres"] = postgresConnectionString;
        }
        else
        {
            _settings["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(DataDirectory, "zkp.db")}";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public string MailDirectory { get; }

    /// <summary>Starts ten minutes behind the wall clock so tokens it stamps are never "not yet valid" for the JWT handler.</summary>
    public TestClock Clock { get; } = new(DateTimeOffset.UtcNow.AddMinutes(-10));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();

            // Every test has its own database, so its pooled connections would otherwise idle on until the
            // cluster's connection limit is reached a few dozen tests later.
            if (_settings.TryGetValue("ConnectionStrings:Postgres", out var postgres) && postgres is not null)
            {
                // The pool is keyed by the string the API connects with, which adds Max Auto Prepare.
                using var connection = new Npgsql.NpgsqlConnection(Zkp.Api.Extensions.ServiceRegistration.WithAutoPrepare(postgres));
                Npgsql.NpgsqlConnection.ClearPool(connection);
            }
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
