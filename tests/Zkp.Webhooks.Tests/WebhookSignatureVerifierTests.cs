using System.Text;

namespace Zkp.Webhooks.Tests;

/// <summary>
/// Checked against the Standard Webhooks specification's published vector and against HMAC values
/// computed independently with Python's <c>hmac</c> module.
/// </summary>
public sealed class WebhookSignatureVerifierTests
{
    // The Standard Webhooks specification's test vector.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string Timestamp = "1614265330";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // python3: hmac.new(b"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", b'{"test": 2432232314}', hashlib.sha256).hexdigest()
    private const string ZkProvaSignature = "sha256=80ec8a89ce3cd22133a1066caecb4d04fea7467657c8514d717ec42c38a5c94c";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"test": 2432232314}""");

    private static WebhookSignatureVerifier At(long unixSeconds, string secret = Secret) =>
        new(secret, WebhookSignatureVerifier.DefaultTolerance, new FixedClock(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    private static Func<string, string?> Headers(string? id = Id, string? timestamp = Timestamp, string? signature = Signature, string? zkProva = ZkProvaSignature) =>
        name => name switch
        {
            WebhookHeaders.Id => id,
            WebhookHeaders.Timestamp => timestamp,
            WebhookHeaders.Signature => signature,
            WebhookHeaders.ZkProvaSignature => zkProva,
            _ => null,
        };

    [Fact]
    public void Specification_vector_is_valid_in_both_forms()
    {
        var verifier = At(1614265330);
        Assert.Equal(WebhookVerificationResult.Valid, verifier.VerifyStandard(Body, Id, Timestamp, Signature));
        Assert.Equal(WebhookVerificationResult.Valid, verifier.VerifyZkProva(Body, ZkProvaSignature));
        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Body, Headers()));
    }

    [Fact]
    public void Standard_key_is_the_base64_payload_and_zkprova_key_is_the_whole_string()
    {
        Assert.Equal(Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), WebhookSecret.StandardWebhooksKey(Secret));
        Assert.Equal(Encoding.UTF8.GetBytes(Secret), WebhookSecret.ZkProvaKey(Secret));
    }

    [Theory]
    [InlineData(1614265330 + 300, WebhookVerificationResult.Valid)]
    [InlineData(1614265330 - 300, WebhookVerificationResult.Valid)]
    [InlineData(1614265330 + 301, WebhookVerificationResult.TimestampOutOfTolerance)]
    [InlineData(1614265330 - 301, WebhookVerificationResult.TimestampOutOfTolerance)]
    public void Timestamp_must_be_within_five_minutes_either_way(long now, WebhookVerificationResult expected) =>
        Assert.Equal(expected, At(now).VerifyStandard(Body, Id, Timestamp, Signature));

    [Fact]
    public void Any_change_to_body_id_or_timestamp_breaks_the_signature()
    {
        var verifier = At(1614265330);
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, verifier.VerifyStandard(Encoding.UTF8.GetBytes("""{"test": 2432232315}"""), Id, Timestamp, Signature));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, verifier.VerifyStandard(Body, "msg_other", Timestamp, Signature));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, verifier.VerifyStandard(Body, Id, "1614265331", Signature));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, verifier.VerifyZkProva(Encoding.UTF8.GetBytes("{}"), ZkProvaSignature));
    }

    [Fact]
    public void Another_secret_does_not_verify()
    {
        var verifier = At(1614265330, "whsec_" + Convert.ToBase64String(new byte[32]));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, verifier.VerifyStandard(Body, Id, Timestamp, Signature));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, verifier.VerifyZkProva(Body, ZkProvaSignature));
    }

    [Fact]
    public void One_matching_entry_among_several_is_enough_and_unknown_versions_are_skipped()
    {
        var verifier = At(1614265330);
        var list = "v1a,AAAA v1," + Convert.ToBase64String(new byte[32]) + " " + Signature;
        Assert.Equal(WebhookVerificationResult.Valid, verifier.VerifyStandard(Body, Id, Timestamp, list));
        Assert.Equal(WebhookVerificationResult.MalformedHeader, verifier.VerifyStandard(Body, Id, Timestamp, "v1a,AAAA"));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, verifier.VerifyStandard(Body, Id, Timestamp, "v1,not*base64"));
    }

    [Fact]
    public void Missing_and_malformed_headers_are_named()
    {
        var verifier = At(1614265330);
        Assert.Equal(WebhookVerificationResult.MissingHeader, verifier.VerifyStandard(Body, null, Timestamp, Signature));
        Assert.Equal(WebhookVerificationResult.MissingHeader, verifier.VerifyStandard(Body, Id, "", Signature));
        Assert.Equal(WebhookVerificationResult.MissingHeader, verifier.VerifyStandard(Body, Id, Timestamp, null));
        Assert.Equal(WebhookVerificationResult.MalformedHeader, verifier.VerifyStandard(Body, Id, "-1614265330", Signature));
        Assert.Equal(WebhookVerificationResult.MalformedHeader, verifier.VerifyStandard(Body, Id, "1614265330.5", Signature));
        Assert.Equal(WebhookVerificationResult.MalformedHeader, verifier.VerifyStandard(Body, Id, "99999999999999999999", Signature));
        Assert.Equal(WebhookVerificationResult.MissingHeader, verifier.VerifyZkProva(Body, null));
        Assert.Equal(WebhookVerificationResult.MalformedHeader, verifier.VerifyZkProva(Body, ZkProvaSignature[7..]));
        Assert.Equal(WebhookVerificationResult.MalformedHeader, verifier.VerifyZkProva(Body, "sha256=xyz"));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, verifier.VerifyZkProva(Body, ZkProvaSignature[..^2]));
    }

    [Fact]
    public void Verify_requires_the_standard_headers_and_checks_zkprova_when_present()
    {
        var verifier = At(1614265330);
        Assert.Equal(WebhookVerificationResult.MissingHeader, verifier.Verify(Body, Headers(signature: null)));
        Assert.Equal(WebhookVerificationResult.Valid, verifier.Verify(Body, Headers(zkProva: null)));
        Assert.Equal(WebhookVerificationResult.SignatureMismatch, verifier.Verify(Body, Headers(zkProva: "sha256=" + new string('0', 64))));
        Assert.Equal(WebhookVerificationResult.TimestampOutOfTolerance, At(1614265330 + 3600).Verify(Body, Headers()));
    }

    [Fact]
    public void Generated_secrets_carry_32_random_bytes()
    {
        var first = WebhookSecret.Generate();
        var second = WebhookSecret.Generate();
        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(32, WebhookSecret.StandardWebhooksKey(first).Length);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Constructor_rejects_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => new WebhookSignatureVerifier(""));
        Assert.Throws<FormatException>(() => new WebhookSignatureVerifier("whsec_***"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WebhookSignatureVerifier(Secret, TimeSpan.FromSeconds(-1), TimeProvider.System));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
