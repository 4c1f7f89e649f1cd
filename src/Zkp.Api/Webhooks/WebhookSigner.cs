using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Zkp.Api.Webhooks;

/// <summary>
/// Produces the delivery headers. Deliberately independent of the client-side Zkp.Webhooks package:
/// the functional tests verify this signer's output with that package, so the two implementations
/// check each other (and the package is checked against the Standard Webhooks specification's vector).
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary><c>whsec_</c> + base64 of 32 bytes from the OS CSPRNG (the Standard Webhooks convention).</summary>
    public static string GenerateSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The headers for one attempt. <paramref name="timestamp"/> is the attempt's time, so a retry carries a fresh one.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(string secret, string deliveryId, DateTimeOffset timestamp, byte[] body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        ArgumentNullException.ThrowIfNull(body);
        var unixSeconds = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

        // The guide's clients key their HMAC with the secret string as shown to them.
        var guideSignature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

        // Standard Webhooks keys it with the bytes the secret's base64 part encodes.
        var standardKey = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var signedContent = Encoding.UTF8.GetBytes($"{deliveryId}.{unixSeconds}.").Concat(body).ToArray();
        var standardSignature = HMACSHA256.HashData(standardKey, signedContent);

        return
        [
            new("X-ZKProva-Signature", "sha256=" + Convert.ToHexStringLower(guideSignature)),
            new("webhook-id", deliveryId),
            new("webhook-timestamp", unixSeconds),
            new("webhook-signature", "v1," + Convert.ToBase64String(standardSignature)),
        ];
    }
}
