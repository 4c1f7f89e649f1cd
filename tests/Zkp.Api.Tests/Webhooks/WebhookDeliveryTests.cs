using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Model;
using Zkp.Testing;
using Zkp.Webhooks;

namespace Zkp.Api.Tests.Webhooks;

/// <summary>Delivery end to end: outbox row, dispatcher, real HTTP to a loopback receiver, verification with Zkp.Webhooks.</summary>
public sealed class WebhookDeliveryTests(PostgresCluster cluster) : WebhookTestBase(cluster)
{
    private static readonly object VerificationPayload = new { VerificationId = "ver_123", Status = "verified", Claims = new[] { new { Name = "income_at_least", Passed = true } } };

    private WebhookSignatureVerifier VerifierFor(string secret) => new(secret, WebhookSignatureVerifier.DefaultTolerance, Factory.Clock);

    private static Func<string, string?> HeadersOf(ReceivedWebhook request) => request.Header;

    [Fact]
    public async Task An_event_emits_exactly_one_signed_delivery_that_the_receiver_verifies()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        var subscription = await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.VerificationCompleted, WebhookEvents.VerificationFailed);
        await SubscribeAsync(apiKey, Receiver.Url.Replace("/hook", "/other", StringComparison.Ordinal), WebhookEvents.CredentialRevoked);

        Assert.Equal(1, await PublishAsync(organizationId, WebhookEvents.VerificationCompleted, VerificationPayload));
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Succeeded, "the delivery succeeded");
        await Task.Delay(500);

        var request = Assert.Single(Receiver.Received);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookVerificationResult.Valid, VerifierFor(Str(subscription, "secret")).Verify(request.Body, HeadersOf(request)));
        Assert.Equal(WebhookVerificationResult.Valid, VerifierFor(Str(subscription, "secret")).VerifyZkProva(request.Body, request.Header("X-ZKProva-Signature")));
        Assert.StartsWith("application/json", request.Header("content-type"), StringComparison.Ordinal);
        Assert.Equal(delivery.Id.ToString(), request.Header("webhook-id"));

        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal("verification.completed", Str(body, "event"));
        Assert.Equal(delivery.Id.ToString(), Str(body, "delivery_id"));
        Assert.Equal(delivery.CreatedUtc, DateTime.Parse(Str(body, "timestamp"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), TimeSpan.FromMilliseconds(1));
        Assert.Equal("ver_123", Str(body, "verification_id"));
        Assert.Equal("verified", Str(body, "status"));
        Assert.True(body.GetProperty("claims")[0].GetProperty("passed").GetBoolean());
        Assert.Equal(delivery.Payload, Encoding.UTF8.GetString(request.Body));

        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(200, delivery.LastResponseCode);
        Assert.Null(delivery.LastError);
        Assert.NotNull(delivery.CompletedUtc);
        Assert.Null(delivery.LeaseExpiresUtc);
        Assert.Equal(Guid.Parse(Str(subscription, "id")), delivery.SubscriptionId);
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_event_on_the_third_attempt_with_the_same_delivery_id()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        var subscription = await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.CredentialIssued);
        Receiver.Respond = n => n <= 2 ? 503 : 200;
        using var metrics = new MetricsRecorder(Factory.Services, Zkp.Api.Webhooks.WebhookDispatcher.MeterName);

        await PublishAsync(organizationId, WebhookEvents.CredentialIssued, new { CredentialId = "urn:uuid:1" });
        await WaitForDeliveryAsync(d => d.Attempts == 1 && d.Status == WebhookDeliveryStatus.Pending, "the first attempt was recorded");
        var afterFirst = Assert.Single(await DeliveriesAsync());
        Assert.Equal(503, afterFirst.LastResponseCode);
        Assert.Equal("HTTP 503.", afterFirst.LastError);
        var delay = afterFirst.NextAttemptUtc - afterFirst.LastAttemptUtc!.Value;
        Assert.InRange(delay, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(11)); // 10 s with 10 % jitter

        using (var listing = await GetAsync($"/api/v1/webhooks/{Str(subscription, "id")}/deliveries", apiKey: apiKey))
        {
            var row = (await JsonAsync(listing, HttpStatusCode.OK)).GetProperty("deliveries")[0];
            Assert.Equal("pending", Str(row, "status"));
            Assert.Equal(1, row.GetProperty("attempts").GetInt32());
            Assert.Equal(503, row.GetProperty("last_response_code").GetInt32());
            Assert.Equal(afterFirst.NextAttemptUtc, row.GetProperty("next_attempt_at").GetDateTime().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        }

        // The schedule lives in the database: nothing happens until the clock reaches next_attempt_utc.
        await Task.Delay(500);
        Assert.Single(Receiver.Received);

        Factory.Clock.Advance(TimeSpan.FromSeconds(12));
        await WaitForDeliveryAsync(d => d.Attempts == 2 && d.Status == WebhookDeliveryStatus.Pending, "the second attempt was recorded");
        Factory.Clock.Advance(TimeSpan.FromSeconds(23));
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Succeeded, "the third attempt succeeded");

        var requests = Receiver.Received.ToArray();
        Assert.Equal(3, requests.Length);
        var final = Assert.Single(await DeliveriesAsync());
        Assert.Equal(3, final.Attempts);
        Assert.Equal(200, final.LastResponseCode);
        Assert.All(requests, r => Assert.Equal(final.Id.ToString(), r.Header("webhook-id")));
        Assert.All(requests, r => Assert.Equal(final.Id.ToString(), Str(JsonDocument.Parse(r.Body).RootElement, "delivery_id")));
        Assert.All(requests, r => Assert.Equal(requests[0].Body, r.Body));
        Assert.All(requests, r => Assert.Equal(WebhookVerificationResult.Valid, VerifierFor(Str(subscription, "secret")).Verify(r.Body, HeadersOf(r))));
        // Each attempt is signed when it is made, so a retry carries a fresh timestamp.
        Assert.NotEqual(requests[0].Header("webhook-timestamp"), requests[2].Header("webhook-timestamp"));
        Assert.Equal(["zkp.webhooks.attempts result=will_retry", "zkp.webhooks.attempts result=will_retry", "zkp.webhooks.attempts result=succeeded"], metrics.Measurements);
    }

    [Fact]
    public async Task A_4xx_stops_retries_at_once_and_exhausting_the_schedule_marks_the_delivery_failed()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.CredentialRevoked);
        using var metrics = new MetricsRecorder(Factory.Services, Zkp.Api.Webhooks.WebhookDispatcher.MeterName);

        Receiver.Respond = _ => 410;
        await PublishAsync(organizationId, WebhookEvents.CredentialRevoked, new { CredentialId = "a" });
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Failed, "the 410 failed the delivery");
        var gone = Assert.Single(await DeliveriesAsync());
        Assert.Equal((1, 410, "HTTP 410."), (gone.Attempts, gone.LastResponseCode, gone.LastError));
        Assert.NotNull(gone.CompletedUtc);

        Receiver.Respond = _ => 500;
        await PublishAsync(organizationId, WebhookEvents.CredentialRevoked, new { CredentialId = "b" });
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var expected = attempt;
            await WaitForDeliveryAsync(d => d.Id != gone.Id && d.Attempts == expected && d.Status == WebhookDeliveryStatus.Pending, $"attempt {expected} was recorded");
            Factory.Clock.Advance(TimeSpan.FromSeconds(45));
        }

        await WaitForDeliveryAsync(d => d.Id != gone.Id && d.Status == WebhookDeliveryStatus.Failed, "the last attempt failed the delivery");
        var exhausted = (await DeliveriesAsync()).Single(d => d.Id != gone.Id);
        Assert.Equal((4, 500, "HTTP 500."), (exhausted.Attempts, exhausted.LastResponseCode, exhausted.LastError));
        Assert.Equal(5, Receiver.Received.Count);
        Assert.Equal("1|failed", await SqlAsync($"select count(*), min(status) from webhook_deliveries where id = '{exhausted.Id}' and completed_utc is not null and lease_expires_utc is null"));
        Assert.Equal(
            ["zkp.webhooks.attempts result=failed", "zkp.webhooks.attempts result=will_retry", "zkp.webhooks.attempts result=will_retry",
             "zkp.webhooks.attempts result=will_retry", "zkp.webhooks.attempts result=failed"],
            metrics.Measurements);
    }

    [Fact]
    public async Task Retry_after_from_the_receiver_is_honoured()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.VerificationFailed);
        Receiver.Respond = n => n == 1 ? 429 : 200;
        Receiver.RetryAfterSeconds = 120;

        await PublishAsync(organizationId, WebhookEvents.VerificationFailed, new { FailedStep = "PROOF" });
        await WaitForDeliveryAsync(d => d.Attempts == 1 && d.Status == WebhookDeliveryStatus.Pending, "the 429 was recorded");
        var throttled = Assert.Single(await DeliveriesAsync());
        Assert.Equal(429, throttled.LastResponseCode);
        Assert.Equal(TimeSpan.FromSeconds(120), throttled.NextAttemptUtc - throttled.LastAttemptUtc!.Value);

        Factory.Clock.Advance(TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        Assert.Single(Receiver.Received);
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Succeeded, "the retry after Retry-After succeeded");
    }

    [Fact]
    public async Task Events_queued_before_a_restart_are_delivered_after_it()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        var subscription = await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.VerificationCompleted);

        HostSettings["Webhooks:DispatcherEnabled"] = "false";
        await RestartAsync();
        Assert.Equal(3, await PublishManyAsync(organizationId, WebhookEvents.VerificationCompleted, [new { N = 1 }, new { N = 2 }, new { N = 3 }]));
        await Task.Delay(500);
        Assert.Empty(Receiver.Received);
        Assert.Equal("3|pending", await SqlAsync("select count(*), min(status) from webhook_deliveries group by status"));

        HostSettings["Webhooks:DispatcherEnabled"] = "true";
        await RestartAsync();
        await WaitUntilAsync(async () => (await DeliveriesAsync()).All(d => d.Status == WebhookDeliveryStatus.Succeeded), "all three were delivered");
        Assert.Equal(3, Receiver.Received.Count);
        Assert.Equal([1, 2, 3], Receiver.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("n").GetInt32()).Order());
        Assert.All(Receiver.Received, r => Assert.Equal(WebhookVerificationResult.Valid, VerifierFor(Str(subscription, "secret")).Verify(r.Body, HeadersOf(r))));
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_deliver_each_event_exactly_once()
    {
        HostSettings["Webhooks:BatchSize"] = "3";
        await RestartAsync();
        // Test clocks stand still; the second node's starts later, so rows stamped by the first are due for both.
        StartSecondHost();
        var (apiKey, organizationId, _) = await LenderAsync();
        await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.VerificationCompleted);
        Receiver.Delay = TimeSpan.FromMilliseconds(20);

        const int events = 60;
        Assert.Equal(events, await PublishManyAsync(organizationId, WebhookEvents.VerificationCompleted, Enumerable.Range(0, events).Select(n => (object)new { N = n })));
        await WaitUntilAsync(async () => (await DeliveriesAsync()).All(d => d.Status == WebhookDeliveryStatus.Succeeded), "every event was delivered");
        await Task.Delay(1000);

        Assert.Equal(events, Receiver.Received.Count);
        Assert.Equal(events, Receiver.Received.Select(r => r.Header("webhook-id")).Distinct().Count());
        var deliveries = await DeliveriesAsync();
        Assert.All(deliveries, d => Assert.Equal(1, d.Attempts));
        // Both nodes took part, so "exactly once" was decided by the row locks, not by one idle node.
        Assert.Equal(2, deliveries.Select(d => d.LeaseOwner).Distinct().Count());
    }

    [Fact]
    public async Task Rolled_back_producer_transactions_emit_nothing_and_only_matching_active_subscriptions_get_rows()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        var other = await LenderAsync();
        await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.CredentialRevoked);
        await SubscribeAsync(other.ApiKey, Receiver.Url, WebhookEvents.CredentialRevoked);

        await WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<Infrastructure.ZkpDbContext>();
            var publisher = services.GetRequiredService<Zkp.Api.Webhooks.IWebhookEventPublisher>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(1, await publisher.EnqueueAsync(db, organizationId, WebhookEvents.CredentialRevoked, new { CredentialId = "x" }));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
            await Assert.ThrowsAsync<ArgumentException>(() => publisher.EnqueueAsync(db, organizationId, "credential.exploded", new { }));
            await Assert.ThrowsAsync<ArgumentException>(() => publisher.EnqueueAsync(db, organizationId, WebhookEvents.CredentialRevoked, new { DeliveryId = "forged" }));
            await Assert.ThrowsAsync<ArgumentException>(() => publisher.EnqueueAsync(db, organizationId, WebhookEvents.CredentialRevoked, new[] { 1 }));
            return 0;
        });

        Assert.Equal(0, await PublishAsync(organizationId, WebhookEvents.VerificationCompleted, new { }));
        await Task.Delay(500);
        Assert.Empty(Receiver.Received);
        Assert.Equal("0", await SqlAsync("select count(*) from webhook_deliveries"));
    }

    [Fact]
    public async Task A_subscription_failing_for_the_configured_period_is_disabled_and_its_owner_emailed()
    {
        HostSettings["Webhooks:DisableAfterFailingFor"] = "00:01:00";
        await RestartAsync();
        var (apiKey, organizationId, email) = await LenderAsync();
        var subscription = await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.VerificationCompleted);
        Receiver.Respond = _ => 500;

        // Failing since the first attempt; the third comes 90 s later, past the 60 s limit.
        await PublishAsync(organizationId, WebhookEvents.VerificationCompleted, new { N = 1 });
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var expected = attempt;
            await WaitForDeliveryAsync(d => d.Attempts == expected && d.Status == WebhookDeliveryStatus.Pending, $"attempt {expected} was recorded");
            Assert.Contains("1|", await SqlAsync("select count(*) || '|' from webhook_subscriptions where is_active and failing_since_utc is not null"), StringComparison.Ordinal);
            Factory.Clock.Advance(TimeSpan.FromSeconds(45));
        }

        await WaitUntilAsync(async () => await SqlAsync("select is_active from webhook_subscriptions") == "f", "the subscription was disabled");
        Assert.StartsWith("Every delivery attempt failed", await SqlAsync("select disabled_reason from webhook_subscriptions where disabled_utc is not null"), StringComparison.Ordinal);
        var mail = Assert.Single(Mailbox.MessagesTo(Factory.MailDirectory, email));
        Assert.Contains("Subject: Webhook endpoint disabled", mail, StringComparison.Ordinal);
        Assert.Contains(Str(subscription, "id"), mail, StringComparison.Ordinal);
        Assert.DoesNotContain(Str(subscription, "secret"), mail, StringComparison.Ordinal);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Failed, 3, "The subscription was disabled."), (delivery.Status, delivery.Attempts, delivery.LastError));

        Assert.Equal(0, await PublishAsync(organizationId, WebhookEvents.VerificationCompleted, new { N = 2 }));
        using var list = await GetAsync("/api/v1/webhooks", apiKey: apiKey);
        var listed = (await JsonAsync(list, HttpStatusCode.OK)).GetProperty("webhooks")[0];
        Assert.False(listed.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.String, listed.GetProperty("disabled_at").ValueKind);
    }

    [Fact]
    public async Task A_subscription_registered_in_development_is_refused_at_delivery_time_in_production()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.VerificationCompleted);

        HostSettings["Webhooks:AllowDevelopmentUrls"] = "false";
        await RestartAsync();
        await PublishAsync(organizationId, WebhookEvents.VerificationCompleted, new { N = 1 });
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Failed, "the delivery was refused");

        var refused = Assert.Single(await DeliveriesAsync());
        Assert.Equal(1, refused.Attempts);
        Assert.Null(refused.LastResponseCode);
        Assert.Equal("Host '127.0.0.1' resolves to a non-public address.", refused.LastError);
        Assert.Empty(Receiver.Received);
    }
}
