using System.Security.Cryptography;
using System.Text;

namespace Zkp.Webhooks;

/// <summary>
/// The two HMAC keys derived from one subscription secret (<c>whsec_</c> + base64 of 32 random bytes).
/// Standard Webhooks keys its HMAC with the base64-decoded bytes after <c>whsec_</c>; the integration
/// guide's <c>X-ZKProva-Signature</c> is keyed with the secret string exactly as shown (its UTF-8 bytes),
/// which is what receivers written against the guide compute.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>Creates a fresh secret from 32 bytes of the operating system's CSPRNG.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The Standard Webhooks key: the base64 payload of the secret (a bare base64 secret is accepted too).</summary>
    /// <exception cref="FormatException">The secret is not base64 after the optional prefix, or decodes to nothing.</exception>
    public static byte[] StandardWebhooksKey(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encoded = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret;
        var key = Convert.FromBase64String(encoded);
        return key.Length == 0 ? throw new FormatException("The webhook secret is empty.") : key;
    }

    /// <summary>The <c>X-ZKProva-Signature</c> key: the UTF-8 bytes of the whole secret string.</summary>
    public static byte[] ZkProvaKey(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Encoding.UTF8.GetBytes(secret);
    }
}
