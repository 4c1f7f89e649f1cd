using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Zkp.Api.Options;

namespace Zkp.Api.Security;

/// <summary>The HMAC key that signs and validates access tokens.</summary>
public sealed class JwtSigningKey
{
    private const int MinimumKeyBytes = 32;

    public JwtSigningKey(byte[] keyBytes)
    {
        ArgumentNullException.ThrowIfNull(keyBytes);
        if (keyBytes.Length < MinimumKeyBytes)
        {
            throw new InvalidOperationException($"Jwt:SigningKey must be at least {MinimumKeyBytes} bytes.");
        }

        Key = new SymmetricSecurityKey(keyBytes) { KeyId = Convert.ToHexStringLower(SHA256.HashData(keyBytes))[..16] };
    }

    public SymmetricSecurityKey Key { get; }

    /// <summary>
    /// A 32-byte key for another purpose, derived from this one with HKDF-SHA256 (the purpose as HKDF info), so that
    /// every node configured with the same <c>Jwt:SigningKey</c> derives the same key and the signing key itself is
    /// never used for anything but tokens.
    /// </summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Key.Key, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>
    /// Uses <c>Jwt:SigningKey</c> when set. Otherwise, in Development only, reads or creates a random key
    /// in <c>{DataDirectory}/jwt-signing.key</c> so tokens survive restarts; elsewhere a missing key stops start-up.
    /// </summary>
    public static JwtSigningKey Load(JwtOptions options, string dataDirectory, bool isDevelopment)
    {
        if (!string.IsNullOrEmpty(options.SigningKey))
        {
            return new JwtSigningKey(Encoding.UTF8.GetBytes(options.SigningKey));
        }

        if (!isDevelopment)
        {
            throw new InvalidOperationException("Jwt:SigningKey is not configured. Set it (at least 32 bytes) outside Development.");
        }

        var path = Path.Combine(dataDirectory, "jwt-signing.key");
        if (File.Exists(path))
        {
            return new JwtSigningKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
        }

        Directory.CreateDirectory(dataDirectory);
        var key = RandomNumberGenerator.GetBytes(64);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // Two processes starting together: the first rename wins and both read the winner.
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }

        return new JwtSigningKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }
}
