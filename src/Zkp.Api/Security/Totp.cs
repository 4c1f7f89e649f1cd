using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Zkp.Api.Security;

/// <summary>
/// RFC 6238 time-based one-time passwords (HOTP of RFC 4226 over T = floor(unix time / step)).
/// The service uses HMAC-SHA1, 6 digits, 30 s steps, T0 = 0; SHA-256/512 and 8 digits exist for the RFC vectors.
/// Replay protection is not here: the caller stores the matched step and refuses steps at or below it.
/// </summary>
public static class Totp
{
    public const int StepSeconds = 30;
    public const int Digits = 6;

    public static long TimeStep(DateTimeOffset time, int stepSeconds = StepSeconds) =>
        time.ToUnixTimeSeconds() / stepSeconds;

    public static string Compute(ReadOnlySpan<byte> secret, long timeStep, int digits = Digits, TotpAlgorithm algorithm = TotpAlgorithm.Sha1)
    {
        if (digits is < 6 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "RFC 4226 codes have 6 to 9 digits here.");
        }

        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> mac = stackalloc byte[64];
        var length = algorithm switch
        {
            TotpAlgorithm.Sha1 => HMACSHA1.HashData(secret, counter, mac),
            TotpAlgorithm.Sha256 => HMACSHA256.HashData(secret, counter, mac),
            TotpAlgorithm.Sha512 => HMACSHA512.HashData(secret, counter, mac),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
        };

        // RFC 4226 section 5.3 dynamic truncation.
        var offset = mac[length - 1] & 0x0F;
        var binary = ((mac[offset] & 0x7F) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        var modulus = 1;
        for (var i = 0; i < digits; i++)
        {
            modulus *= 10;
        }

        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// Finds the step in [current - skew, current + skew] whose code equals <paramref name="code"/>,
    /// comparing in constant time; returns null when none matches or the step is not after <paramref name="lastUsedStep"/>.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> secret, string code, long currentStep, long? lastUsedStep, int skewSteps = 1)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length != Digits)
        {
            return null;
        }

        long? matched = null;
        Span<byte> expected = stackalloc byte[Digits];
        Span<byte> given = stackalloc byte[Digits];
        for (var i = 0; i < Digits; i++)
        {
            given[i] = (byte)code[i];
        }

        for (var step = currentStep - skewSteps; step <= currentStep + skewSteps; step++)
        {
            var candidate = Compute(secret, step);
            for (var i = 0; i < Digits; i++)
            {
                expected[i] = (byte)candidate[i];
            }

            // No early exit, so timing does not say which step matched.
            if (CryptographicOperations.FixedTimeEquals(expected, given) && (lastUsedStep is null || step > lastUsedStep))
            {
                matched = step;
            }
        }

        return matched;
    }

    public static string ProvisioningUri(string issuer, string accountName, ReadOnlySpan<byte> secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(accountName)}?secret={Base32.Encode(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
}

public enum TotpAlgorithm
{
    Sha1,
    Sha256,
    Sha512,
}
