using System.Net;
using System.Net.Sockets;
using Zkp.Api.Model;
using Zkp.Testing;

namespace Zkp.Api.Tests.Webhooks;

/// <summary>Connection failures, timeouts, redirects and abandoned claims, checked in the database.</summary>
public sealed class WebhookFailureModeTests(PostgresCluster cluster) : WebhookTestBase(cluster)
{
    [Fact]
    public async Task A_refused_connection_is_retried()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        await SubscribeAsync(apiKey, $"http://127.0.0.1:{UnusedPort()}/hook", WebhookEvents.CredentialIssued);

        await PublishAsync(organizationId, WebhookEvents.CredentialIssued, new { CredentialId = "a" });
        await WaitForDeliveryAsync(d => d.Attempts == 1, "the attempt was recorded");
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Pending, (int?)null, "Connection failed (ConnectionError)."), (delivery.Status, delivery.LastResponseCode, delivery.LastError));
        Assert.InRange(delivery.NextAttemptUtc - delivery.LastAttemptUtc!.Value, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(11));
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_is_retried()
    {
        HostSettings["Webhooks:RequestTimeout"] = "00:00:00.500";
        await RestartAsync();
        var (apiKey, organizationId, _) = await LenderAsync();
        await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.CredentialIssued);
        Receiver.Delay = TimeSpan.FromSeconds(3);

        await PublishAsync(organizationId, WebhookEvents.CredentialIssued, new { CredentialId = "a" });
        await WaitForDeliveryAsync(d => d.Attempts == 1, "the attempt was recorded");
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Pending, (int?)null, "Timed out after 0.5 s."), (delivery.Status, delivery.LastResponseCode, delivery.LastError));
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_fails_the_delivery()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.CredentialIssued);
        Receiver.Respond = _ => 302;

        await PublishAsync(organizationId, WebhookEvents.CredentialIssued, new { CredentialId = "a" });
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Failed, "the redirect failed the delivery");
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((1, 302, "HTTP 302 (redirects are not followed)."), (delivery.Attempts, delivery.LastResponseCode, delivery.LastError));
        Assert.Single(Receiver.Received);
    }

    [Fact]
    public async Task A_claim_whose_lease_expired_is_taken_over_and_a_live_one_is_left_alone()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.VerificationCompleted);
        HostSettings["Webhooks:DispatcherEnabled"] = "false";
        await RestartAsync();
        await PublishManyAsync(organizationId, WebhookEvents.VerificationCompleted, [new { N = 1 }, new { N = 2 }]);

        // Two claims by a node that died: one lease long expired, one still running for an hour.
        var dead = Guid.NewGuid();
        await SqlAsync($"""
            update webhook_deliveries set status = 'in_flight', lease_owner = '{dead}',
              lease_expires_utc = case when payload like '%"n":1%' then timestamptz '2000-01-01' else now() + interval '1 hour' end
            """);

        HostSettings["Webhooks:DispatcherEnabled"] = "true";
        await RestartAsync();
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Succeeded, "the abandoned claim was delivered");
        await Task.Delay(500);

        var deliveries = await DeliveriesAsync();
        var taken = Assert.Single(deliveries, d => d.Status == WebhookDeliveryStatus.Succeeded);
        Assert.Contains("\"n\":1", taken.Payload, StringComparison.Ordinal);
        Assert.NotEqual(dead, taken.LeaseOwner);
        var live = Assert.Single(deliveries, d => d.Status == WebhookDeliveryStatus.InFlight);
        Assert.Equal(dead, live.LeaseOwner);
        Assert.Single(Receiver.Received);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
