using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Webhooks;
using Zkp.Webhooks;

namespace Zkp.Api.Tests.Webhooks;

/// <summary>The embedded default: the same delivery path on SQLite, with its single-process claim.</summary>
public sealed class SqliteWebhookTests : ApiTestBase
{
    private WebhookReceiver _receiver = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RetrySchedule:0"] = "00:00:10",
        ["RateLimits:Policies:webhook_writes:PermitLimit"] = "1000",
        ["RateLimits:Policies:webhook_writes:WindowSeconds"] = "60",
    };

    public override async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        Start(postgresConnectionString: null);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task An_event_is_retried_then_delivered_and_verifies()
    {
        var lender = await RegisterLenderAsync(NewEmail("lender"));
        using var create = await PostJsonAsync("/api/v1/webhooks", new { url = _receiver.Url, events = new[] { "credential.issued" } }, apiKey: Str(lender, "api_key"));
        var secret = Str(await JsonAsync(create, HttpStatusCode.Created), "secret");
        _receiver.Respond = n => n == 1 ? 502 : 204;

        await WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<ZkpDbContext>();
            Assert.Equal(1, await services.GetRequiredService<IWebhookEventPublisher>().EnqueueAsync(db, Guid.Parse(Str(lender, "organization_id")), "credential.issued", new { CredentialId = "c1" }));
            return await db.SaveChangesAsync();
        });

        await WaitAsync(d => d.Attempts == 1 && d.Status == WebhookDeliveryStatus.Pending);
        Factory.Clock.Advance(TimeSpan.FromSeconds(15));
        var delivery = await WaitAsync(d => d.Status == WebhookDeliveryStatus.Succeeded);
        Assert.Equal((2, 204), (delivery.Attempts, delivery.LastResponseCode));

        var requests = _receiver.Received.ToArray();
        Assert.Equal(2, requests.Length);
        var verifier = new WebhookSignatureVerifier(secret, TimeSpan.FromMinutes(5), Factory.Clock);
        Assert.All(requests, r => Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(r.Body, r.Header)));
        Assert.Equal(delivery.Id.ToString(), JsonDocument.Parse(requests[1].Body).RootElement.GetProperty("delivery_id").GetString());
    }

    private async Task<WebhookDelivery> WaitAsync(Func<WebhookDelivery, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var delivery = WithDb(db => db.WebhookDeliveries.AsNoTracking().Single());
            if (condition(delivery))
            {
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the delivery");
            await Task.Delay(50);
        }
    }
}
