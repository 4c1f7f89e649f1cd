using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Zkp.Credentials.Crypto;

namespace Zkp.Credentials.Tests;

public sealed partial class Ed25519Tests
{
    public sealed record Rfc8032Case(string Name, string SecretKey, string PublicKey, string Message, string Signature)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Rfc8032Case> Rfc8032Cases() => new(LoadCases());

    private static List<Rfc8032Case> LoadCases()
    {
        var text = VectorFiles.ReadText("ed25519-rfc8032.txt");
        var data = new List<Rfc8032Case>();
        foreach (var block in text.Split("-----TEST ").Skip(1))
        {
            string Field(string label) => FieldPattern(label).Match(block).Groups[1].Value.Trim();
            data.Add(new Rfc8032Case(
                block.Split('\n')[0].Trim(),
                Field("SECRET KEY"),
                Field("PUBLIC KEY"),
                MessagePattern().Match(block).Groups[1].Value.Trim(),
                Field("SIGNATURE")));
        }

        return data;
    }

    private static Regex FieldPattern(string label) => new("^" + Regex.Escape(label) + @":[ \t]*([0-9a-f]*)[ \t]*$", RegexOptions.Multiline);

    [GeneratedRegex(@"^MESSAGE \(length \d+ bytes?\):[ \t]*([0-9a-f]*)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex MessagePattern();

    [Fact]
    public void Vector_file_holds_the_four_rfc_tests()
    {
        Assert.Equal(["1", "2", "3", "SHA(abc)"], LoadCases().Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Rfc8032Cases))]
    public void Seed_derives_the_rfc_public_key(Rfc8032Case vector)
    {
        using var key = Ed25519PrivateKey.FromSeed(Convert.FromHexString(vector.SecretKey));
        Assert.Equal(vector.PublicKey, key.PublicKey.ToString());
    }

    [Theory]
    [MemberData(nameof(Rfc8032Cases))]
    public void Signature_matches_the_rfc_byte_for_byte(Rfc8032Case vector)
    {
        using var key = Ed25519PrivateKey.FromSeed(Convert.FromHexString(vector.SecretKey));
        var signature = key.Sign(Convert.FromHexString(vector.Message));
        Assert.Equal(vector.Signature, Convert.ToHexStringLower(signature));
    }

    [Theory]
    [MemberData(nameof(Rfc8032Cases))]
    public void Rfc_signature_verifies_and_every_single_bit_flip_is_rejected(Rfc8032Case vector)
    {
        var publicKey = Ed25519PublicKey.FromBytes(Convert.FromHexString(vector.PublicKey));
        var message = Convert.FromHexString(vector.Message);
        var signature = Convert.FromHexString(vector.Signature);
        Assert.True(publicKey.Verify(message, signature));

        for (var bit = 0; bit < signature.Length * 8; bit++)
        {
            var tampered = (byte[])signature.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(publicKey.Verify(message, tampered), $"bit {bit} flipped still verifies");
        }
    }

    [Fact]
    public void Sha_abc_message_is_sha512_of_abc()
    {
        var vector = LoadCases().Single(c => c.Name == "SHA(abc)");
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData("abc"u8)), vector.Message);
    }

    [Fact]
    public void Changed_message_or_other_key_does_not_verify()
    {
        using var key = Ed25519PrivateKey.FromSeed(new byte[32]);
        using var other = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)1, 32).ToArray());
        var signature = key.Sign("hello"u8);
        Assert.True(key.PublicKey.Verify("hello"u8, signature));
        Assert.False(key.PublicKey.Verify("hellp"u8, signature));
        Assert.False(other.PublicKey.Verify("hello"u8, signature));
    }

    [Fact]
    public void Wrong_length_signature_is_invalid_not_an_exception()
    {
        using var key = Ed25519PrivateKey.Generate();
        var signature = key.Sign("m"u8);
        Assert.False(key.PublicKey.Verify("m"u8, signature.AsSpan(0, 63)));
        Assert.False(key.PublicKey.Verify("m"u8, [.. signature, 0]));
    }

    [Fact]
    public void Wrong_length_keys_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Ed25519PrivateKey.FromSeed(new byte[31]));
        Assert.Throws<ArgumentException>(() => Ed25519PublicKey.FromBytes(new byte[33]));
    }

    [Fact]
    public void Disposed_key_refuses_to_sign_and_export()
    {
        var key = Ed25519PrivateKey.Generate();
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => key.Sign("m"u8));
        Assert.Throws<ObjectDisposedException>(() => key.ExportSeed(new byte[32]));
    }

    [Fact]
    public void Exported_seed_recreates_the_same_key()
    {
        using var key = Ed25519PrivateKey.Generate();
        var seed = new byte[32];
        key.ExportSeed(seed);
        using var again = Ed25519PrivateKey.FromSeed(seed);
        Assert.Equal(key.PublicKey, again.PublicKey);
    }

    [Fact]
    public void Dispose_zeroes_the_secret_key_buffer()
    {
        var key = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)0xab, 32).ToArray());
        var field = typeof(Ed25519PrivateKey).GetField("secretKey", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        var buffer = (byte[])field.GetValue(key)!;
        Assert.Equal(0xab, buffer[0]);
        key.Dispose();
        Assert.All(buffer, b => Assert.Equal(0, b));
    }
}
