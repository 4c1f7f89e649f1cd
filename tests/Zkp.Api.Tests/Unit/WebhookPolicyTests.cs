using System.Net;
using System.Text;
using Zkp.Api.Options;
using Zkp.Api.Webhooks;
using Zkp.Webhooks;

namespace Zkp.Api.Tests.Unit;

public sealed class WebhookPolicyTests
{
    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("93.184.215.14", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("100.128.0.0", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.32.0.0", true)]
    [InlineData("223.255.255.255", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.255.255.254", false)]
    [InlineData("100.64.0.0", false)]
    [InlineData("100.127.255.255", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.0.1", false)]
    [InlineData("192.0.0.8", false)]
    [InlineData("198.18.0.1", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("febf::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fdff::1", false)]
    [InlineData("ff02::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("::10.0.0.1", false)]
    public void Only_public_unicast_addresses_are_allowed(string address, bool expected) =>
        Assert.Equal(expected, WebhookAddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData(200, false)]
    [InlineData(301, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(410, false)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(null, true)]
    public void Timeouts_connection_errors_408_429_and_5xx_are_retried(int? status, bool expected) =>
        Assert.Equal(expected, WebhookRetryPolicy.IsRetryable(status));

    [Fact]
    public void Default_schedule_spans_about_a_day_in_eight_attempts()
    {
        var total = WebhookOptions.DefaultRetrySchedule.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay);
        Assert.Equal(new TimeSpan(23, 35, 5), total);
        Assert.Equal(7, WebhookOptions.DefaultRetrySchedule.Count);
    }

    [Fact]
    public void Next_attempt_follows_the_schedule_with_bounded_jitter_and_stops_after_the_last()
    {
        var options = new WebhookOptions { RetrySchedule = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(100)], JitterFraction = 0.2 };
        var now = new DateTime(2026, 11, 22, 4, 0, 0, DateTimeKind.Utc);
        Assert.Equal(now.AddSeconds(8), WebhookRetryPolicy.NextAttemptUtc(options, 1, now, null, 0.0));
        Assert.Equal(now.AddSeconds(10), WebhookRetryPolicy.NextAttemptUtc(options, 1, now, null, 0.5));
        Assert.Equal(now.AddSeconds(120), WebhookRetryPolicy.NextAttemptUtc(options, 2, now, null, 1.0));
        Assert.Null(WebhookRetryPolicy.NextAttemptUtc(options, 3, now, null, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => WebhookRetryPolicy.NextAttemptUtc(options, 0, now, null, 0.5));
    }

    [Fact]
    public void A_longer_retry_after_wins_up_to_the_cap_and_a_shorter_one_does_not_shorten_the_schedule()
    {
        var options = new WebhookOptions { RetrySchedule = [TimeSpan.FromSeconds(10)], JitterFraction = 0, MaxRetryAfter = TimeSpan.FromHours(1) };
        var now = new DateTime(2026, 11, 22, 4, 0, 0, DateTimeKind.Utc);
        Assert.Equal(now.AddSeconds(120), WebhookRetryPolicy.NextAttemptUtc(options, 1, now, TimeSpan.FromSeconds(120), 0.5));
        Assert.Equal(now.AddSeconds(10), WebhookRetryPolicy.NextAttemptUtc(options, 1, now, TimeSpan.FromSeconds(1), 0.5));
        Assert.Equal(now.AddHours(1), WebhookRetryPolicy.NextAttemptUtc(options, 1, now, TimeSpan.FromDays(3), 0.5));
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date()
    {
        var now = new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "120");
        Assert.Equal(TimeSpan.FromSeconds(120), WebhookRetryPolicy.RetryAfter(seconds, now));
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", "Sun, 22 Nov 2026 04:05:00 GMT");
        Assert.Equal(TimeSpan.FromMinutes(5), WebhookRetryPolicy.RetryAfter(date, now));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.Null(WebhookRetryPolicy.RetryAfter(none, now));
    }

    [Fact]
    public void Server_signer_reproduces_the_standard_webhooks_vector_and_the_guide_form()
    {
        // The Standard Webhooks specification's vector; the hex value is from Python's hmac module.
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        var body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");
        var headers = WebhookSigner.Headers(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", DateTimeOffset.FromUnixTimeSeconds(1614265330), body)
            .ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", headers["webhook-signature"]);
        Assert.Equal("1614265330", headers["webhook-timestamp"]);
        Assert.Equal("msg_p5jXN8AQM9LWM0D4loKWxJek", headers["webhook-id"]);
        Assert.Equal("sha256=80ec8a89ce3cd22133a1066caecb4d04fea7467657c8514d717ec42c38a5c94c", headers["X-ZKProva-Signature"]);
    }

    [Fact]
    public void Generated_secrets_verify_with_the_client_package()
    {
        var secret = WebhookSigner.GenerateSecret();
        var body = Encoding.UTF8.GetBytes("{\"event\":\"credential.issued\"}");
        var now = DateTimeOffset.UtcNow;
        var headers = WebhookSigner.Headers(secret, "d1", now, body).ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(WebhookVerificationResult.Valid, new WebhookSignatureVerifier(secret).Verify(body, name => headers.GetValueOrDefault(name)));
    }
}

public sealed class WebhookOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void A_lease_no_longer_than_the_request_timeout_and_other_nonsense_are_refused()
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions
        {
            LeaseDuration = TimeSpan.FromSeconds(10),
            RequestTimeout = TimeSpan.FromSeconds(10),
            BatchSize = 0,
            JitterFraction = 1,
            RetrySchedule = [TimeSpan.FromSeconds(-1)],
        });
        Assert.True(result.Failed);
        Assert.Equal(
            [
                "Webhooks:LeaseDuration must be longer than Webhooks:RequestTimeout.",
                "Webhooks:BatchSize must be between 1 and 1000.",
                "Webhooks:JitterFraction must be at least 0 and below 1.",
                "Webhooks:RetrySchedule delays must not be negative.",
            ],
            result.Failures);
    }
}
