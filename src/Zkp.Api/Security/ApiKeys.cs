using System.Buffers.Text;
using System.Security.Cryptography;

namespace Zkp.Api.Security;

/// <summary>API key format: <c>zkp_live_</c> or <c>zkp_test_</c> followed by 32 random bytes in base64url (43 characters).</summary>
public static class ApiKeys
{
    public const string LivePrefix = "zkp_live_";
    public const string TestPrefix = "zkp_test_";
    public const int RandomBytes = 32;

    public static GeneratedApiKey Generate(bool sandbox)
    {
        var key = (sandbox ? TestPrefix : LivePrefix) + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        return new GeneratedApiKey(key, SecretHashing.Sha256(key), DisplayPrefix(key));
    }

    /// <summary>Cheap shape check before touching the database; says nothing about validity.</summary>
    public static bool HasValidShape(string? key) =>
        key is not null
        && (key.StartsWith(LivePrefix, StringComparison.Ordinal) || key.StartsWith(TestPrefix, StringComparison.Ordinal))
        && key.Length == LivePrefix.Length + 43
        && key.AsSpan(LivePrefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    /// <summary>The scheme prefix and the first four random characters; not enough to guess the key.</summary>
    public static string DisplayPrefix(string key) => key[..(LivePrefix.Length + 4)];
}

public sealed record GeneratedApiKey(string Key, byte[] Hash, string DisplayPrefix);
