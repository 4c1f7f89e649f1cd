using System.Net;
using System.Text.Json;
using Zkp.Api.Model;
using Zkp.Testing;
using Zkp.Webhooks;

namespace Zkp.Api.Tests.Webhooks;

/// <summary>The subscription endpoints: validation, secret handling, ownership, deliveries and redelivery.</summary>
public sealed class WebhookSubscriptionTests(PostgresCluster cluster) : WebhookTestBase(cluster)
{
    [Fact]
    public async Task Create_returns_the_secret_once_and_stores_it_encrypted()
    {
        var (apiKey, _, _) = await LenderAsync();
        var created = await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.VerificationCompleted, WebhookEvents.CredentialRevoked, WebhookEvents.VerificationCompleted);
        var secret = Str(created, "secret");
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal(Receiver.Url, Str(created, "url"));
        Assert.Equal(["verification.completed", "credential.revoked"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(created.GetProperty("active").GetBoolean());

        using var list = await GetAsync("/api/v1/webhooks", apiKey: apiKey);
        var listText = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        var listed = Assert.Single(JsonDocument.Parse(listText).RootElement.GetProperty("webhooks").EnumerateArray());
        Assert.Equal(Str(created, "id"), Str(listed, "id"));
        Assert.False(listed.TryGetProperty("secret", out _));

        var stored = await SqlAsync("select secret_protected from webhook_subscriptions");
        Assert.DoesNotContain(secret["whsec_".Length..], stored, StringComparison.Ordinal);
        Assert.True(stored.Length > 60);
    }

    [Fact]
    public async Task Unknown_events_are_rejected_naming_them()
    {
        var (apiKey, _, _) = await LenderAsync();
        using var response = await PostJsonAsync("/api/v1/webhooks",
            new { url = Receiver.Url, events = new[] { "verification.completed", "verification.done", "payment.sent" } }, apiKey: apiKey);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "unknown_webhook_event");
        Assert.Equal("Unknown event(s): verification.done, payment.sent. Known events: credential.issued, credential.revoked, verification.completed, verification.failed.",
            Str(problem, "detail"));

        using var none = await PostJsonAsync("/api/v1/webhooks", new { url = Receiver.Url, events = Array.Empty<string>() }, apiKey: apiKey);
        await ProblemAsync(none, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("0", await SqlAsync("select count(*) from webhook_subscriptions"));
    }

    [Theory]
    [InlineData("http://example.com/hook", "url must use https (http is allowed only for localhost in development).")]
    [InlineData("ftp://example.com/hook", "url must use https.")]
    [InlineData("https://user:pass@example.com/hook", "url must not contain credentials.")]
    [InlineData("not a url", "url must be an absolute URL of at most 2048 characters.")]
    [InlineData("/relative", "url must use https.")]
    [InlineData("", "url is required.")]
    public async Task Non_https_and_malformed_urls_are_rejected(string url, string detail)
    {
        var (apiKey, _, _) = await LenderAsync();
        using var response = await PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "verification.completed" } }, apiKey: apiKey);
        Assert.Equal(detail, Str(await ProblemAsync(response, HttpStatusCode.BadRequest, "webhook_url_refused"), "detail"));
    }

    [Fact]
    public async Task Endpoints_need_a_lender_and_only_see_their_own_organisation()
    {
        var (apiKey, _, _) = await LenderAsync();
        var (otherKey, _, _) = await LenderAsync();
        var created = await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.CredentialIssued);
        var id = Str(created, "id");

        using (var anonymous = await PostJsonAsync("/api/v1/webhooks", new { url = Receiver.Url, events = new[] { "credential.issued" } }))
        {
            await ProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (var otherList = await GetAsync("/api/v1/webhooks", apiKey: otherKey))
        {
            Assert.Equal(0, (await JsonAsync(otherList, HttpStatusCode.OK)).GetProperty("webhooks").GetArrayLength());
        }

        using (var otherDeliveries = await GetAsync($"/api/v1/webhooks/{id}/deliveries", apiKey: otherKey))
        {
            await ProblemAsync(otherDeliveries, HttpStatusCode.NotFound, "not_found");
        }

        using (var otherRotate = await PostJsonAsync($"/api/v1/webhooks/{id}/rotate-secret", null, apiKey: otherKey))
        {
            await ProblemAsync(otherRotate, HttpStatusCode.NotFound, "not_found");
        }

        using (var otherDelete = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/webhooks/{id}", UriKind.Relative)), apiKey: otherKey))
        {
            await ProblemAsync(otherDelete, HttpStatusCode.NotFound, "not_found");
        }

        Assert.Equal("1", await SqlAsync("select count(*) from webhook_subscriptions"));
    }

    [Fact]
    public async Task Rotate_secret_changes_the_signing_key()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        var created = await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.VerificationFailed);
        using var rotate = await PostJsonAsync($"/api/v1/webhooks/{Str(created, "id")}/rotate-secret", null, apiKey: apiKey);
        var rotated = await JsonAsync(rotate, HttpStatusCode.OK);
        Assert.NotEqual(Str(created, "secret"), Str(rotated, "secret"));

        await PublishAsync(organizationId, WebhookEvents.VerificationFailed, new { FailedStep = "SIGNATURE" });
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Succeeded, "the delivery succeeded");
        var request = Assert.Single(Receiver.Received);
        Assert.Equal(WebhookVerificationResult.Valid, new WebhookSignatureVerifier(Str(rotated, "secret"), TimeSpan.FromMinutes(5), Factory.Clock).Verify(request.Body, request.Header));
        var old = new WebhookSignatureVerifier(Str(created, "secret"), TimeSpan.FromMinutes(5), Factory.Clock);
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, old.Verify(request.Body, request.Header));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, old.VerifyZkProva(request.Body, request.Header("X-ZKProva-Signature")));
    }

    [Fact]
    public async Task Deliveries_are_listed_and_a_delivery_can_be_redelivered_with_the_same_id()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        var created = await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.CredentialRevoked);
        var id = Str(created, "id");
        await PublishAsync(organizationId, WebhookEvents.CredentialRevoked, new { CredentialId = "urn:uuid:7" });
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Succeeded, "the delivery succeeded");

        using (var listing = await GetAsync($"/api/v1/webhooks/{id}/deliveries", apiKey: apiKey))
        {
            var row = Assert.Single((await JsonAsync(listing, HttpStatusCode.OK)).GetProperty("deliveries").EnumerateArray());
            Assert.Equal("succeeded", Str(row, "status"));
            Assert.Equal("credential.revoked", Str(row, "event"));
            Assert.Equal(1, row.GetProperty("attempts").GetInt32());
            Assert.Equal(200, row.GetProperty("last_response_code").GetInt32());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("next_attempt_at").ValueKind);
            Assert.Equal(JsonValueKind.String, row.GetProperty("completed_at").ValueKind);
        }

        var deliveryId = Assert.Single(await DeliveriesAsync()).Id;
        using (var redeliver = await PostJsonAsync($"/api/v1/webhooks/deliveries/{deliveryId}/redeliver", null, apiKey: apiKey))
        {
            var body = await JsonAsync(redeliver, HttpStatusCode.Accepted);
            Assert.Equal("pending", Str(body, "status"));
        }

        await WaitForRequestsAsync(2);
        await WaitForDeliveryAsync(d => d.Status == WebhookDeliveryStatus.Succeeded, "the redelivery succeeded");
        var requests = Receiver.Received.ToArray();
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.All(requests, r => Assert.Equal(deliveryId.ToString(), r.Header("webhook-id")));
        Assert.Equal(1, Assert.Single(await DeliveriesAsync()).Attempts);

        using (var missing = await PostJsonAsync($"/api/v1/webhooks/deliveries/{Guid.NewGuid()}/redeliver", null, apiKey: apiKey))
        {
            await ProblemAsync(missing, HttpStatusCode.NotFound, "not_found");
        }
    }

    [Fact]
    public async Task Delete_removes_the_subscription_and_its_deliveries()
    {
        var (apiKey, organizationId, _) = await LenderAsync();
        var created = await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.CredentialRevoked);
        HostSettings["Webhooks:DispatcherEnabled"] = "false";
        await RestartAsync();
        Assert.Equal(1, await PublishAsync(organizationId, WebhookEvents.CredentialRevoked, new { CredentialId = "z" }));

        using (var delete = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/webhooks/{Str(created, "id")}", UriKind.Relative)), apiKey: apiKey))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        Assert.Equal("0|0", await SqlAsync("select (select count(*) from webhook_subscriptions) || '|' || (select count(*) from webhook_deliveries)"));
        using var again = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/v1/webhooks/{Str(created, "id")}", UriKind.Relative)), apiKey: apiKey);
        await ProblemAsync(again, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, await PublishAsync(organizationId, WebhookEvents.CredentialRevoked, new { CredentialId = "z" }));
    }
}

/// <summary>The published limits: create 10/min, list 30/min per organisation.</summary>
public sealed class WebhookRateLimitTests(PostgresCluster cluster) : WebhookTestBase(cluster)
{
    public override Task InitializeAsync()
    {
        HostSettings.Remove("RateLimits:Policies:webhook_writes:PermitLimit");
        HostSettings.Remove("RateLimits:Policies:webhook_writes:WindowSeconds");
        return base.InitializeAsync();
    }

    [Fact]
    public async Task The_eleventh_create_in_a_minute_is_429_and_listing_allows_thirty()
    {
        var (apiKey, _, _) = await LenderAsync();
        for (var i = 0; i < 10; i++)
        {
            await SubscribeAsync(apiKey, Receiver.Url, WebhookEvents.CredentialIssued);
        }

        using (var eleventh = await PostJsonAsync("/api/v1/webhooks", new { url = Receiver.Url, events = new[] { "credential.issued" } }, apiKey: apiKey))
        {
            await ProblemAsync(eleventh, HttpStatusCode.TooManyRequests, "rate_limited");
            Assert.True(eleventh.Headers.Contains("Retry-After"));
        }

        for (var i = 0; i < 30; i++)
        {
            using var list = await GetAsync("/api/v1/webhooks", apiKey: apiKey);
            Assert.Equal("30", list.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal(10, (await JsonAsync(list, HttpStatusCode.OK)).GetProperty("webhooks").GetArrayLength());
        }

        using var thirtyFirst = await GetAsync("/api/v1/webhooks", apiKey: apiKey);
        await ProblemAsync(thirtyFirst, HttpStatusCode.TooManyRequests, "rate_limited");
    }
}

/// <summary>Production mode: only https endpoints whose addresses are public.</summary>
public sealed class WebhookProductionUrlTests(PostgresCluster cluster) : WebhookTestBase(cluster)
{
    public override Task InitializeAsync()
    {
        HostSettings["environment"] = "Production";
        return base.InitializeAsync();
    }

    [Theory]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://172.16.0.1/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    public async Task Subscriptions_to_private_addresses_are_refused(string url)
    {
        var (apiKey, _, _) = await LenderAsync();
        using var response = await PostJsonAsync("/api/v1/webhooks", new { url, events = new[] { "verification.completed" } }, apiKey: apiKey);
        var detail = Str(await ProblemAsync(response, HttpStatusCode.BadRequest, "webhook_url_refused"), "detail");
        Assert.EndsWith("resolves to a private, loopback, link-local or otherwise non-public address.", detail, StringComparison.Ordinal);
        Assert.Equal("0", await SqlAsync("select count(*) from webhook_subscriptions"));
    }

    [Fact]
    public async Task Http_is_refused_even_for_localhost_and_a_public_https_address_is_accepted()
    {
        var (apiKey, _, _) = await LenderAsync();
        using (var http = await PostJsonAsync("/api/v1/webhooks", new { url = Receiver.Url, events = new[] { "verification.completed" } }, apiKey: apiKey))
        {
            Assert.Equal("url must use https.", Str(await ProblemAsync(http, HttpStatusCode.BadRequest, "webhook_url_refused"), "detail"));
        }

        // A literal public address needs no DNS (the test machine has none beyond package registries).
        var created = await SubscribeAsync(apiKey, "https://93.184.215.14/hook", WebhookEvents.VerificationCompleted);
        Assert.Equal("https://93.184.215.14/hook", Str(created, "url"));
    }
}
