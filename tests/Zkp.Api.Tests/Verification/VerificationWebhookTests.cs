using System.Net;
using System.Text.Json;
using Zkp.Api.Tests.Webhooks;
using Zkp.Testing;
using Zkp.Webhooks;

namespace Zkp.Api.Tests.Verification;

/// <summary>Issue 8: a verification emits exactly one signed delivery that a real loopback receiver verifies.</summary>
public sealed class VerificationWebhookTests(PostgresCluster cluster) : VerificationTestBase(cluster)
{
    private WebhookReceiver receiver = null!;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["RateLimits:Policies:webhook_writes:PermitLimit"] = "1000",
        ["RateLimits:Policies:webhook_writes:WindowSeconds"] = "60",
    };

    public override async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await receiver.DisposeAsync();
    }

    private async Task<string> SubscribeAsync()
    {
        using var response = await PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "verification.completed", "verification.failed" } }, apiKey: LenderKey);
        return Str(await JsonAsync(response, HttpStatusCode.Created), "secret");
    }

    private async Task<(ReceivedWebhook Delivery, JsonElement Payload)> SingleDeliveryAsync(string secret)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (receiver.Received.IsEmpty)
        {
            Assert.True(DateTime.UtcNow < deadline, "no delivery within 30 s");
            await Task.Delay(50);
        }

        // Give a duplicate time to show up before asserting there is none.
        await Task.Delay(1500);
        var delivery = Assert.Single(receiver.Received);
        // The application signs with its (test) clock, ten minutes behind the wall clock.
        var verifier = new WebhookSignatureVerifier(secret, WebhookSignatureVerifier.DefaultTolerance, Factory.Clock);
        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(delivery.Body, delivery.Header));
        Assert.Equal(WebhookVerificationResult.Valid, verifier.VerifyZkProva(delivery.Body, delivery.Header(WebhookHeaders.ZkProvaSignature)));
        Assert.Equal(WebhookVerificationResult.Valid, verifier.VerifyStandard(delivery.Body, delivery.Header(WebhookHeaders.Id), delivery.Header(WebhookHeaders.Timestamp), delivery.Header(WebhookHeaders.Signature)));
        var payload = JsonDocument.Parse(delivery.Body).RootElement.Clone();
        Assert.Equal(delivery.Header(WebhookHeaders.Id), Str(payload, "delivery_id"));
        Assert.Equal("1|succeeded", await SqlAsync("select count(*), string_agg(status, ',') from webhook_deliveries"));
        return (delivery, payload);
    }

    [Fact]
    public async Task A_passed_verification_emits_one_signed_verification_completed()
    {
        var secret = await SubscribeAsync();
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        var result = await VerifyProofOkAsync(token);

        var (_, payload) = await SingleDeliveryAsync(secret);
        Assert.Equal(
            ["event", "delivery_id", "timestamp", "verification_id", "member_did", "claims_verified", "all_verified", "failed_step", "failure_code", "claims", "issuer_info", "verified_at"],
            payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal("verification.completed", Str(payload, "event"));
        Assert.Equal(Str(result, "verification_id"), Str(payload, "verification_id"));
        Assert.Equal(Str(result, "member_did"), Str(payload, "member_did"));
        Assert.Equal("""{"income_range":true}""", payload.GetProperty("claims_verified").GetRawText());
        Assert.True(payload.GetProperty("all_verified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, payload.GetProperty("failed_step").ValueKind);
        Assert.Equal(result.GetProperty("issuer_info").GetRawText(), payload.GetProperty("issuer_info").GetRawText());
        Assert.Equal(Factory.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), Str(payload, "verified_at"));
    }

    [Fact]
    public async Task A_failed_verification_emits_one_signed_verification_failed()
    {
        var secret = await SubscribeAsync();
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        using (var suspend = await PostJsonAsync($"/api/v1/admin/issuers/{IssuerId}/status", new { status = "suspended" }, bearer: PlatformAdmin))
        {
            await JsonAsync(suspend, HttpStatusCode.OK);
        }

        var result = await VerifyProofOkAsync(token);
        var (_, payload) = await SingleDeliveryAsync(secret);
        Assert.Equal("verification.failed", Str(payload, "event"));
        Assert.Equal(Str(result, "verification_id"), Str(payload, "verification_id"));
        Assert.False(payload.GetProperty("all_verified").GetBoolean());
        Assert.Equal("ISSUER_AUTH", Str(payload, "failed_step"));
        Assert.Equal("ISSUER_NOT_ACTIVE", Str(payload, "failure_code"));
        Assert.Equal("""{"income_range":false}""", payload.GetProperty("claims_verified").GetRawText());
        var claim = Assert.Single(payload.GetProperty("claims").EnumerateArray());
        Assert.Equal("not verified: ISSUER_AUTH failed", Str(claim, "reason"));
    }

    [Fact]
    public async Task A_lender_that_verified_a_credential_gets_credential_revoked_and_no_one_else_does()
    {
        string secret;
        using (var subscribe = await PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "credential.revoked" } }, apiKey: LenderKey))
        {
            secret = Str(await JsonAsync(subscribe, HttpStatusCode.Created), "secret");
        }

        var (bystanderKey, _) = await NewLenderAsync();
        using (var subscribe = await PostJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "credential.revoked" } }, apiKey: bystanderKey))
        {
            await JsonAsync(subscribe, HttpStatusCode.Created);
        }

        var (verified, _) = await IssueCredentialAsync();
        var (neverVerified, _) = await IssueCredentialAsync(threshold: 40000);
        await VerifyProofOkAsync(await TokenForAsync(verified));
        await VerifyProofOkAsync(await TokenForAsync(verified));
        await TokenForAsync(neverVerified);

        await RevokeCredentialAsync(neverVerified);
        await RevokeCredentialAsync(verified);

        var (_, payload) = await SingleDeliveryAsync(secret);
        Assert.Equal(["event", "delivery_id", "timestamp", "credential_id", "claim_type", "revoked_at"], payload.EnumerateObject().Select(p => p.Name));
        Assert.Equal("credential.revoked", Str(payload, "event"));
        Assert.Equal(verified, Str(payload, "credential_id"));
        Assert.Equal("income_range", Str(payload, "claim_type"));
        Assert.Equal(LenderId.ToString(), await SqlAsync("select s.organization_id from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id"));
    }
}
