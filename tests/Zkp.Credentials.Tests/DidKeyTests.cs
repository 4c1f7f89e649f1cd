using System.Buffers.Text;
using System.Text.Json.Nodes;
using SimpleBase;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;
using Multibase = Zkp.Credentials.Did.Multibase;

namespace Zkp.Credentials.Tests;

public sealed class DidKeyTests
{
    private static JsonObject Vectors => JsonNode.Parse(VectorFiles.ReadText("did-key-ed25519-x25519.json"))!.AsObject();

    public static TheoryData<string> VectorDids() => new(Vectors.Select(p => p.Key));

    private static JsonObject Vector(string did) => Vectors[did]!.AsObject();

    [Fact]
    public void Vector_file_holds_five_dids()
    {
        Assert.Equal(5, Vectors.Count);
    }

    [Theory]
    [MemberData(nameof(VectorDids))]
    public void Seed_gives_the_vector_did(string did)
    {
        using var key = Ed25519PrivateKey.FromSeed(Convert.FromHexString(Vector(did)["seed"]!.GetValue<string>()));
        Assert.Equal(did, DidKey.FromPublicKey(key.PublicKey).Did);
    }

    [Theory]
    [MemberData(nameof(VectorDids))]
    public void Parsed_did_carries_the_vector_verification_key(string did)
    {
        var parsed = DidKey.Parse(did);
        var vector = Vector(did)["verificationKeyPair"]!;
        var expected = vector["publicKeyBase58"] is { } base58
            ? Base58.Bitcoin.Decode(base58.GetValue<string>())
            : Base64Url.DecodeFromChars(vector["publicKeyJwk"]!["x"]!.GetValue<string>());
        Assert.Equal(expected, parsed.PublicKey.ToArray());
        Assert.Equal(did, parsed.Did);
    }

    [Theory]
    [MemberData(nameof(VectorDids))]
    public void Resolved_document_equals_the_vector_document(string did)
    {
        var expected = Vector(did)["didDocument"]!;
        var format = expected.ToJsonString().Contains("JsonWebKey2020", StringComparison.Ordinal)
            ? DidDocumentFormat.JsonWebKey2020
            : DidDocumentFormat.Ed25519VerificationKey2018;
        var actual = DidKey.Parse(did).ResolveDocument(format);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}\nactual   {actual.ToJsonString()}");
    }

    [Theory]
    [MemberData(nameof(VectorDids))]
    public void Derived_x25519_private_key_matches_the_vector(string did)
    {
        var vector = Vector(did);
        using var key = Ed25519PrivateKey.FromSeed(Convert.FromHexString(vector["seed"]!.GetValue<string>()));
        var agreement = vector["keyAgreementKeyPair"]!;
        var expected = agreement["privateKeyBase58"] is { } base58
            ? Base58.Bitcoin.Decode(base58.GetValue<string>())
            : Base64Url.DecodeFromChars(agreement["privateKeyJwk"]!["d"]!.GetValue<string>());
        Assert.Equal(expected, key.ToX25519());
    }

    [Fact]
    public void Multikey_document_names_the_key_in_every_relationship()
    {
        var did = DidKey.Parse("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp");
        var expected = JsonNode.Parse("""
            {
              "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
              "id": "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
              "verificationMethod": [
                {"id": "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
                 "type": "Multikey", "controller": "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
                 "publicKeyMultibase": "z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"},
                {"id": "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW",
                 "type": "Multikey", "controller": "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
                 "publicKeyMultibase": "z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW"}
              ],
              "assertionMethod": ["did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"],
              "authentication": ["did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"],
              "capabilityInvocation": ["did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"],
              "capabilityDelegation": ["did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"],
              "keyAgreement": ["did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW"]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, did.ResolveDocument()));
    }

    [Fact]
    public void Di_vector_key_pair_public_key_is_an_ed25519_did_key()
    {
        var pair = JsonNode.Parse(VectorFiles.ReadText("vc-di-eddsa", "keyPair.json"))!;
        var publicMultibase = pair["publicKeyMultibase"]!.GetValue<string>();
        Assert.True(Multibase.TryDecodeBase58Btc(pair["privateKeyMultibase"]!.GetValue<string>(), out var secret, out _));
        Assert.Equal([0x80, 0x26], secret[..2]);
        using var key = Ed25519PrivateKey.FromSeed(secret.AsSpan(2));
        Assert.Equal("did:key:" + publicMultibase, DidKey.FromPublicKey(key.PublicKey).Did);
    }

    [Theory]
    [InlineData("did:web:example.com", "it does not start with 'did:key:'")]
    [InlineData("did:key:", "the multibase value is empty")]
    [InlineData("did:key:m7QEB", "multibase prefix 'm' is not 'z' (base58btc)")]
    [InlineData("did:key:z6Mk0OIl", "the value is not valid base58btc")]
    [InlineData("did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW", "the key type is x25519-pub (0xec); only ed25519-pub (0xed) is supported")]
    [InlineData("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", "the key type is secp256k1-pub (0xe7); only ed25519-pub (0xed) is supported")]
    [InlineData("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#frag", "it has a path, query, fragment or version segment; a did:key is only 'did:key:<multibase key>'")]
    public void Malformed_or_foreign_dids_are_rejected_with_their_reason(string did, string reason)
    {
        Assert.False(DidKey.TryParse(did, out var key, out var error));
        Assert.Null(key);
        Assert.Equal(reason, error);
        var thrown = Assert.Throws<FormatException>(() => DidKey.Parse(did));
        Assert.Contains(reason, thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void Ed25519_codec_with_wrong_key_length_is_rejected(int length)
    {
        var encoded = Multibase.EncodeBase58Btc([0xed, 0x01, .. new byte[length]]);
        Assert.False(DidKey.TryParse("did:key:" + encoded, out _, out var error));
        Assert.Equal($"an Ed25519 key is 32 bytes, this one is {length}", error);
    }

    [Fact]
    public void Verification_method_must_name_the_dids_own_key()
    {
        const string did = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp";
        Assert.True(DidKey.TryParseVerificationMethod(did + "#z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", out var key, out _));
        Assert.Equal(did, key.Did);
        Assert.False(DidKey.TryParseVerificationMethod(did + "#z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG", out _, out var error));
        Assert.Equal("the verification method fragment does not name the DID's own key", error);
        Assert.False(DidKey.TryParseVerificationMethod(did, out _, out error));
        Assert.Equal("the verification method has no '#' fragment", error);
    }
}
