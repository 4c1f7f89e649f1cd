using System.Globalization;
using System.Text;
using Zkp.Api.Security;

namespace Zkp.Api.Tests.Unit;

public sealed class TotpTests
{
    public static TheoryData<long, string, string> Rfc6238Vectors()
    {
        // Vectors/totp-rfc6238.txt is RFC 6238 Appendix B (all 18 rows, SHA-1/256/512, 8 digits).
        var data = new TheoryData<long, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "totp-rfc6238.txt")))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("SEED", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            data.Add(long.Parse(parts[0], CultureInfo.InvariantCulture), parts[3], parts[4]);
        }

        return data;
    }

    [Fact]
    public void The_vector_file_has_all_eighteen_rows() => Assert.Equal(18, Rfc6238Vectors().Count);

    [Theory]
    [MemberData(nameof(Rfc6238Vectors))]
    public void Matches_rfc6238_appendix_b(long unixSeconds, string expected, string mode)
    {
        var (seed, algorithm) = mode switch
        {
            "SHA1" => ("12345678901234567890", TotpAlgorithm.Sha1),
            "SHA256" => ("12345678901234567890123456789012", TotpAlgorithm.Sha256),
            "SHA512" => ("1234567890123456789012345678901234567890123456789012345678901234", TotpAlgorithm.Sha512),
            _ => throw new InvalidOperationException(mode),
        };
        var step = Totp.TimeStep(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        Assert.Equal(expected, Totp.Compute(Encoding.ASCII.GetBytes(seed), step, digits: 8, algorithm));
    }

    [Fact]
    public void Six_digit_codes_are_the_last_six_digits_of_the_truncated_value()
    {
        // RFC 4226 Appendix D, HOTP with the same SHA-1 seed: counter 0 -> 755224, counter 9 -> 520489.
        var seed = Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal("755224", Totp.Compute(seed, 0));
        Assert.Equal("520489", Totp.Compute(seed, 9));
    }

    [Fact]
    public void Match_accepts_one_step_of_skew_each_way_and_nothing_further()
    {
        var seed = Encoding.ASCII.GetBytes("12345678901234567890");
        const long now = 1000;
        Assert.Equal(999, Totp.Match(seed, Totp.Compute(seed, 999), now, lastUsedStep: null));
        Assert.Equal(1000, Totp.Match(seed, Totp.Compute(seed, 1000), now, lastUsedStep: null));
        Assert.Equal(1001, Totp.Match(seed, Totp.Compute(seed, 1001), now, lastUsedStep: null));
        Assert.Null(Totp.Match(seed, Totp.Compute(seed, 998), now, lastUsedStep: null));
        Assert.Null(Totp.Match(seed, Totp.Compute(seed, 1002), now, lastUsedStep: null));
    }

    [Fact]
    public void Match_refuses_a_step_at_or_before_the_last_used_one()
    {
        var seed = Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Null(Totp.Match(seed, Totp.Compute(seed, 1000), 1000, lastUsedStep: 1000));
        Assert.Null(Totp.Match(seed, Totp.Compute(seed, 999), 1000, lastUsedStep: 1000));
        Assert.Equal(1001, Totp.Match(seed, Totp.Compute(seed, 1001), 1000, lastUsedStep: 1000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    public void Match_refuses_codes_of_the_wrong_length(string code) =>
        Assert.Null(Totp.Match(Encoding.ASCII.GetBytes("12345678901234567890"), code, 1000, null));

    [Fact]
    public void Provisioning_uri_carries_the_base32_secret_and_issuer()
    {
        var uri = Totp.ProvisioningUri("Zkp", "a@b.example", Encoding.ASCII.GetBytes("12345678901234567890"));
        Assert.Equal("otpauth://totp/Zkp:a%40b.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Zkp&algorithm=SHA1&digits=6&period=30", uri);
    }
}

public sealed class Base32Tests
{
    [Theory]
    // RFC 4648 section 10 test vectors (padding stripped on output).
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Encodes_and_decodes_rfc4648_vectors(string plain, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(plain)));
        Assert.Equal(plain, Encoding.ASCII.GetString(Base32.Decode(encoded)));
        Assert.Equal(plain, Encoding.ASCII.GetString(Base32.Decode(encoded.ToLowerInvariant() + "======")[..plain.Length]));
    }

    [Fact]
    public void Decode_rejects_characters_outside_the_alphabet() =>
        Assert.Throws<FormatException>(() => Base32.Decode("MZ1W"));
}
