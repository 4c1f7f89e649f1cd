using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;

namespace Zkp.Api.Tests.Unit;

public sealed class ApiKeyTests
{
    [Theory]
    [InlineData(false, "zkp_live_")]
    [InlineData(true, "zkp_test_")]
    public void Generated_keys_have_the_prefix_32_random_bytes_and_their_sha256(bool sandbox, string prefix)
    {
        var key = ApiKeys.Generate(sandbox);
        Assert.StartsWith(prefix, key.Key, StringComparison.Ordinal);
        Assert.Equal(32, Base64Url.DecodeFromChars(key.Key.AsSpan(prefix.Length)).Length);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)), key.Hash);
        Assert.Equal(key.Key[..13], key.DisplayPrefix);
        Assert.True(ApiKeys.HasValidShape(key.Key));
        Assert.NotEqual(key.Key, ApiKeys.Generate(sandbox).Key);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("zkp_live_short")]
    [InlineData("zkp_prod_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("zkp_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("zkp_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    public void Malformed_keys_fail_the_shape_check(string? key) => Assert.False(ApiKeys.HasValidShape(key));
}

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("securePassword123!", "member@example.com", 0)]
    [InlineData("short", "member@example.com", 1)]
    [InlineData("member@example.com", "member@example.com", 1)]
    [InlineData("xxMEMBER@example.comxx", "member@example.com", 1)]
    [InlineData("my-member-password", "member@example.com", 1)]
    [InlineData("abcdefghijk", "abc@example.com", 1)]
    public void Checks_length_and_email(string password, string email, int problems) =>
        Assert.Equal(problems, PasswordPolicy.Check(password, email).Count);

    [Fact]
    public void A_missing_password_is_one_problem() =>
        Assert.Equal(["Password is required."], PasswordPolicy.Check(null, "a@b.example"));
}

public sealed class FixedWindowCounterTests
{
    [Fact]
    public void Counts_within_a_window_and_resets_in_the_next()
    {
        var clock = new TestClock(DateTimeOffset.FromUnixTimeSeconds(1_000_040));
        var counters = new FixedWindowCounters(clock);
        Assert.Equal(new RateLimitDecision(true, 2, 1, 40), counters.Acquire("k", 2, 60));
        Assert.Equal(new RateLimitDecision(true, 2, 0, 40), counters.Acquire("k", 2, 60));
        Assert.Equal(new RateLimitDecision(false, 2, 0, 40), counters.Acquire("k", 2, 60));
        Assert.Equal(new RateLimitDecision(true, 2, 1, 40), counters.Acquire("other", 2, 60));
        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(new RateLimitDecision(true, 2, 1, 60), counters.Acquire("k", 2, 60));
    }
}

public sealed class JwtSigningKeyDerivationTests
{
    [Fact]
    public void Derived_keys_are_rfc5869_hkdf_sha256_of_the_signing_key_with_the_purpose_as_info()
    {
        var signingKey = System.Text.Encoding.UTF8.GetBytes("test-signing-key-0123456789abcdef-0123456789abcdef");
        var key = new Zkp.Api.Security.JwtSigningKey(signingKey);

        var derived = key.DeriveKey("Zkp.Api.RateLimits.KeyHash.v1");

        // RFC 5869 written out: PRK = HMAC(salt = 32 zero bytes, IKM); OKM = T(1) = HMAC(PRK, info || 0x01).
        var prk = System.Security.Cryptography.HMACSHA256.HashData(new byte[32], signingKey);
        byte[] infoAndCounter = [.. System.Text.Encoding.UTF8.GetBytes("Zkp.Api.RateLimits.KeyHash.v1"), 1];
        var expected = System.Security.Cryptography.HMACSHA256.HashData(prk, infoAndCounter);
        Assert.Equal(expected, derived);
        Assert.NotEqual(derived, key.DeriveKey("another purpose"));
        Assert.NotEqual(derived, new Zkp.Api.Security.JwtSigningKey([.. signingKey, 0]).DeriveKey("Zkp.Api.RateLimits.KeyHash.v1"));
    }
}
