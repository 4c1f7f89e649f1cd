using System.Text.Json.Nodes;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;

namespace Zkp.Credentials.Tests;

internal static class TestKeys
{
    /// <summary>The W3C vc-di-eddsa test key (multicodec ed25519-priv 0x8026 + 32-byte seed).</summary>
    public static Ed25519PrivateKey W3cVectorKey()
    {
        var pair = JsonNode.Parse(VectorFiles.ReadText("vc-di-eddsa", "keyPair.json"))!;
        Assert.True(Multibase.TryDecodeBase58Btc(pair["privateKeyMultibase"]!.GetValue<string>(), out var secret, out _));
        return Ed25519PrivateKey.FromSeed(secret.AsSpan(2));
    }

    public static Ed25519PrivateKey FromByte(byte fill) => Ed25519PrivateKey.FromSeed(Enumerable.Repeat(fill, 32).ToArray());

    public static string VerificationMethod(Ed25519PrivateKey key) => DidKey.FromPublicKey(key.PublicKey).VerificationMethodId;

    public static string Did(Ed25519PrivateKey key) => DidKey.FromPublicKey(key.PublicKey).Did;
}
