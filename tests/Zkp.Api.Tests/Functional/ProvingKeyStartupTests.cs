using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Credentials;
using Zkp.Circuits;
using Zkp.Zk.Formats;
using Zkp.Zk.Frontend;
using Zkp.Zk.Groth16;

namespace Zkp.Api.Tests.Functional;

/// <summary>The whole host with each proving-key situation: it starts only with a key of the claim circuit.</summary>
public sealed class ProvingKeyStartupTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "zkp-keystart-" + Guid.NewGuid().ToString("N")[..12]);

    public ProvingKeyStartupTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Development_without_a_key_generates_one_next_to_the_database_and_a_restart_reuses_it()
    {
        var generated = Path.Combine(_directory, "zkp.claim-range.v1.zkey");
        byte[] first;
        using (var host = new HostFactory("Development", _directory, provingKeyPath: null))
        {
            using var client = host.CreateClient();
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var keys = host.Services.GetRequiredService<ClaimKeys>();
            Assert.True(keys.Generated);
            Assert.Equal(generated, keys.KeyPath);
            Assert.True(File.Exists(Path.Combine(_directory, "zkp.db")));
            first = File.ReadAllBytes(generated);
        }

        using (var restarted = new HostFactory("Development", _directory, provingKeyPath: null))
        {
            using var client = restarted.CreateClient();
            var keys = restarted.Services.GetRequiredService<ClaimKeys>();
            Assert.False(keys.Generated);
            Assert.Equal(first, File.ReadAllBytes(generated));
        }
    }

    [Fact]
    public void Production_without_a_configured_key_does_not_start()
    {
        using var host = new HostFactory("Production", _directory, provingKeyPath: null);
        var refused = Assert.Throws<ClaimKeyException>(() => host.CreateClient());
        Assert.StartsWith("Zk:ProvingKeyPath is not set.", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "zkp.claim-range.v1.zkey")));
    }

    [Fact]
    public void Production_with_a_configured_claim_circuit_key_starts()
    {
        using var host = new HostFactory("Production", _directory, TestProvingKey.Path);
        using var client = host.CreateClient();
        Assert.Equal(TestProvingKey.Path, host.Services.GetRequiredService<ClaimKeys>().KeyPath);
    }

    [Fact]
    public void A_key_for_another_circuit_stops_the_start_naming_both_circuits()
    {
        var path = Path.Combine(_directory, "other.zkey");
        var square = CircuitCompiler.Compile(new SquareCircuit()).R1cs;
        ZkeyFile.WriteFile(Groth16Setup.Run(square), path);
        using var host = new HostFactory("Development", _directory, path);
        var refused = Assert.Throws<ClaimKeyException>(() => host.CreateClient());
        Assert.StartsWith(
            $"The proving key '{path}' does not belong to the compiled claim circuit zkp.claim-range.v1: expected circuit hash {ClaimCircuits.Range.CircuitHash}, found a key for a circuit with {square.WireCount} wires, 1 public signals",
            refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "zkp.db")), "nothing is migrated before the key is checked");
    }

    private sealed class SquareCircuit : Circuit
    {
        public override string Name => "test.square";

        public override void Define(ICircuitApi api)
        {
            var x = api.SecretInput("x");
            api.PublicOutput("y", api.Mul(x, x));
        }
    }

    private sealed class HostFactory(string environment, string dataDirectory, string? provingKeyPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.UseSetting("Email:PickupDirectory", Path.Combine(dataDirectory, "mail"));
            builder.UseSetting("Jwt:SigningKey", ZkpApiFactory.SigningKey);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Zk:ProvingKeyPath", provingKeyPath);
            if (environment != "Development")
            {
                // A configured store: the embedded-default exception to the key rule does not apply.
                builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(dataDirectory, "zkp.db")}");
            }
        }
    }
}
