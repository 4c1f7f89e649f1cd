using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Webhooks;
using Zkp.Testing;

namespace Zkp.Api.Tests.Webhooks;

/// <summary>
/// Webhook tests on the shared PostgreSQL fixture: a fresh database per test, the application with a fast
/// dispatcher and a short retry schedule, a loopback receiver, and helpers to restart the application
/// or start a second one on the same database.
/// </summary>
[Collection(PostgresCollection.Name)]
public abstract class WebhookTestBase(PostgresCluster cluster) : ApiTestBase
{
    private readonly List<ZkpApiFactory> _extraHosts = [];
    private string _keysDirectory = "";

    protected PostgresCluster Cluster => cluster;

    protected string ConnectionString { get; private set; } = "";

    protected string DatabaseName { get; private set; } = "";

    protected WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>Settings for the next host started; tests change them before <see cref="RestartAsync"/>.</summary>
    protected Dictionary<string, string?> HostSettings { get; } = new(StringComparer.Ordinal)
    {
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RetrySchedule:0"] = "00:00:10",
        ["Webhooks:RetrySchedule:1"] = "00:00:20",
        ["Webhooks:RetrySchedule:2"] = "00:00:40",
        ["Webhooks:JitterFraction"] = "0.1",
        ["Webhooks:RequestTimeout"] = "00:00:05",
        ["RateLimits:Policies:webhook_writes:PermitLimit"] = "1000",
        ["RateLimits:Policies:webhook_writes:WindowSeconds"] = "60",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => HostSettings;

    public override async Task InitializeAsync()
    {
        ConnectionString = await cluster.CreateDatabaseAsync(GetType().Name);
        DatabaseName = ConnectionString.Split(';').Single(p => p.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
        Receiver = await WebhookReceiver.StartAsync();

        // Every host of this test shares one Data Protection key ring, as nodes of one deployment must.
        _keysDirectory = Path.Combine(Path.GetTempPath(), "zkp-webhook-keys-" + Guid.NewGuid().ToString("N")[..12]);
        HostSettings["Storage:KeysDirectory"] = _keysDirectory;
        Start(ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        foreach (var host in _extraHosts)
        {
            await host.DisposeAsync();
        }

        await base.DisposeAsync();
        await Receiver.DisposeAsync();
        if (Directory.Exists(_keysDirectory))
        {
            Directory.Delete(_keysDirectory, recursive: true);
        }
    }

    protected Task<string> SqlAsync(string sql) => cluster.QueryAsync(DatabaseName, sql);

    /// <summary>Stops the application (its dispatcher with it) and starts a new one on the same database.</summary>
    protected async Task RestartAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        Start(ConnectionString);
    }

    /// <summary>Another API node on the same database, with its own dispatcher.</summary>
    protected ZkpApiFactory StartSecondHost()
    {
        var host = new ZkpApiFactory(ConnectionString, HostSettings);
        host.CreateClient().Dispose();
        _extraHosts.Add(host);
        return host;
    }

    protected async Task<(string ApiKey, Guid OrganizationId, string Email)> LenderAsync()
    {
        var email = NewEmail("lender");
        var lender = await RegisterLenderAsync(email);
        return (Str(lender, "api_key"), Guid.Parse(Str(lender, "organization_id")), email);
    }

    protected async Task<JsonElement> SubscribeAsync(string apiKey, string url, params string[] events)
    {
        using var response = await PostJsonAsync("/api/v1/webhooks", new { url, events }, apiKey: apiKey);
        return await JsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>Emits an event the way producers will: through the publisher, committed with the caller's own change.</summary>
    protected Task<int> PublishAsync(Guid organizationId, string eventName, object payload, ZkpApiFactory? host = null) =>
        PublishManyAsync(organizationId, eventName, [payload], host);

    protected async Task<int> PublishManyAsync(Guid organizationId, string eventName, IEnumerable<object> payloads, ZkpApiFactory? host = null)
    {
        await using var scope = (host ?? Factory).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZkpDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IWebhookEventPublisher>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var rows = 0;
        foreach (var payload in payloads)
        {
            rows += await publisher.EnqueueAsync(db, organizationId, eventName, payload);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return rows;
    }

    protected async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ZkpDbContext>().WebhookDeliveries.AsNoTracking().OrderBy(d => d.CreatedUtc).ToListAsync();
    }

    /// <summary>Polls until the condition holds; fails after 30 s (generous: the machine is shared).</summary>
    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(50);
        }
    }

    protected Task WaitForRequestsAsync(int count) =>
        WaitUntilAsync(() => Task.FromResult(Receiver.Received.Count >= count), $"the receiver got {count} request(s)");

    protected Task WaitForDeliveryAsync(Func<WebhookDelivery, bool> condition, string what) =>
        WaitUntilAsync(async () => (await DeliveriesAsync()).Any(condition), what);
}
