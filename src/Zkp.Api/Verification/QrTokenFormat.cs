using System.Security.Cryptography;
using Zkp.Api.Security;

namespace Zkp.Api.Verification;

/// <summary>
/// QR tokens: <c>qr_</c> followed by 128 random bits in lower-case RFC 4648 base32 (26 characters, no padding).
/// Base32 survives being read aloud, typed, or upper-cased by a scanner, and is URL-safe; the server stores only
/// the SHA-256 of the canonical (lower-case) form.
/// </summary>
public static class QrTokenFormat
{
    public const string Prefix = "qr_";

    private const int RandomBytes = 16;
    private const int BodyLength = 26;

    public static string NewToken() => Prefix + Base32.Encode(RandomNumberGenerator.GetBytes(RandomBytes)).ToLowerInvariant();

    /// <summary>
    /// The canonical form of something a client sent as a token (surrounding whitespace removed, lower case), or
    /// null when it cannot be a token at all; such input is answered exactly like an unknown token.
    /// </summary>
    public static string? Canonicalize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.Length != Prefix.Length + BodyLength || !trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var canonical = trimmed.ToLowerInvariant();
        foreach (var c in canonical.AsSpan(Prefix.Length))
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '2' and <= '7')))
            {
                return null;
            }
        }

        return canonical;
    }

    public static byte[] Hash(string canonicalToken) => SecretHashing.Sha256(canonicalToken);
}
