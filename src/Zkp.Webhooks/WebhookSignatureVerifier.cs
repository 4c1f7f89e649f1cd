using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Zkp.Webhooks;

/// <summary>
/// Verifies a Zkp webhook delivery against the subscription secret. <see cref="Verify"/> is the one
/// receivers should call: it requires the Standard Webhooks headers (whose signed timestamp defeats
/// replays of captured deliveries) and, when the delivery carries <c>X-ZKProva-Signature</c>, checks that
/// too. Every comparison of signature bytes is constant-time.
/// </summary>
/// <remarks>
/// Does NOT deduplicate: a delivery retried after a timeout arrives again, correctly signed, with the same
/// <c>webhook-id</c> (and payload <c>delivery_id</c>). Receivers store processed ids for at least the
/// tolerance window to make handling idempotent.
/// </remarks>
public sealed class WebhookSignatureVerifier
{
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const string ZkProvaPrefix = "sha256=";
    private const string StandardVersionPrefix = "v1,";

    private readonly byte[] _standardKey;
    private readonly byte[] _zkProvaKey;
    private readonly TimeSpan _tolerance;
    private readonly TimeProvider _time;

    /// <summary>Verifies with the default five-minute tolerance against the system clock.</summary>
    public WebhookSignatureVerifier(string secret)
        : this(secret, DefaultTolerance, TimeProvider.System)
    {
    }

    /// <param name="secret">The <c>whsec_...</c> secret returned when the subscription was created or rotated.</param>
    /// <param name="tolerance">How far <c>webhook-timestamp</c> may be from now, either way.</param>
    /// <param name="timeProvider">The receiver's clock.</param>
    public WebhookSignatureVerifier(string secret, TimeSpan tolerance, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        _standardKey = WebhookSecret.StandardWebhooksKey(secret);
        _zkProvaKey = WebhookSecret.ZkProvaKey(secret);
        _tolerance = tolerance;
        _time = timeProvider;
    }

    /// <summary>
    /// Verifies a delivery: the Standard Webhooks signature and timestamp are required; an
    /// <c>X-ZKProva-Signature</c>, when present, must match as well.
    /// </summary>
    /// <param name="body">The raw request body, byte for byte as received (never a re-serialised object).</param>
    /// <param name="header">Returns a header's value by name, or null/empty when absent (e.g. <c>name =&gt; request.Headers[name].ToString()</c>).</param>
    public WebhookVerificationResult Verify(ReadOnlySpan<byte> body, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var standard = VerifyStandard(body, header(WebhookHeaders.Id), header(WebhookHeaders.Timestamp), header(WebhookHeaders.Signature));
        if (standard != WebhookVerificationResult.Valid)
        {
            return standard;
        }

        var zkProva = header(WebhookHeaders.ZkProvaSignature);
        return string.IsNullOrEmpty(zkProva) ? WebhookVerificationResult.Valid : VerifyZkProva(body, zkProva);
    }

    /// <summary>
    /// Standard Webhooks: HMAC-SHA256 over <c>"{id}.{timestamp}.{body}"</c>, any one of the space-separated
    /// <c>v1,</c> entries may match; the timestamp must lie within the tolerance.
    /// </summary>
    public WebhookVerificationResult VerifyStandard(ReadOnlySpan<byte> body, string? id, string? timestamp, string? signature)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return WebhookVerificationResult.MissingHeader;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookVerificationResult.MalformedHeader;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((_time.GetUtcNow() - signedAt).Duration() > _tolerance)
        {
            return WebhookVerificationResult.TimestampOutOfTolerance;
        }

        var expected = StandardSignatureCore(_standardKey, id, timestamp, body);
        var sawVersionOne = false;
        foreach (var entry in signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Other versions (e.g. v1a asymmetric signatures) are skipped, as the specification requires.
            if (!entry.StartsWith(StandardVersionPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            sawVersionOne = true;
            var provided = TryDecodeBase64(entry.AsSpan(StandardVersionPrefix.Length));
            if (provided is not null && CryptographicOperations.FixedTimeEquals(provided, expected))
            {
                return WebhookVerificationResult.Valid;
            }
        }

        return sawVersionOne ? WebhookVerificationResult.SignatureMismatch : WebhookVerificationResult.MalformedHeader;
    }

    /// <summary>
    /// The integration guide's form: <c>sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>. It carries no timestamp,
    /// so on its own it cannot tell a replayed delivery from a fresh one; prefer <see cref="Verify"/>.
    /// </summary>
    public WebhookVerificationResult VerifyZkProva(ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return WebhookVerificationResult.MissingHeader;
        }

        if (!signature.StartsWith(ZkProvaPrefix, StringComparison.Ordinal))
        {
            return WebhookVerificationResult.MalformedHeader;
        }

        byte[] provided;
        try
        {
            provided = Convert.FromHexString(signature.AsSpan(ZkProvaPrefix.Length));
        }
        catch (FormatException)
        {
            return WebhookVerificationResult.MalformedHeader;
        }

        return CryptographicOperations.FixedTimeEquals(provided, HMACSHA256.HashData(_zkProvaKey, body))
            ? WebhookVerificationResult.Valid
            : WebhookVerificationResult.SignatureMismatch;
    }

    internal static byte[] StandardSignatureCore(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(id + "." + timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, message);
    }

    private static byte[]? TryDecodeBase64(ReadOnlySpan<char> encoded)
    {
        var buffer = new byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        return Convert.TryFromBase64Chars(encoded, buffer, out var written) ? buffer[..written] : null;
    }
}
