using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using SimpleBase;
using Zkp.Credentials.Crypto;

namespace Zkp.Credentials.Did;

/// <summary>Shapes of the DID document a did:key resolves to.</summary>
public enum DidDocumentFormat
{
    /// <summary>Current did:key spec: <c>Multikey</c> verification methods with <c>publicKeyMultibase</c>.</summary>
    Multikey,

    /// <summary>Legacy <c>Ed25519VerificationKey2018</c>/<c>X25519KeyAgreementKey2019</c> with <c>publicKeyBase58</c>.</summary>
    Ed25519VerificationKey2018,

    /// <summary><c>JsonWebKey2020</c> with <c>publicKeyJwk</c> (OKP Ed25519/X25519).</summary>
    JsonWebKey2020,
}

/// <summary>
/// A <c>did:key</c> for an Ed25519 public key: <c>did:key:z6Mk...</c> is multibase base58btc of the
/// multicodec varint 0xed01 followed by the 32 key bytes. Only Ed25519 is accepted.
/// </summary>
/// <remarks>
/// Parsing checks the prefix, multibase, multicodec and key length only; it does not check that the
/// key bytes are a valid curve point. A bad point never verifies (see <see cref="Ed25519PublicKey"/>).
/// </remarks>
public sealed class DidKey : IEquatable<DidKey>
{
    public const string Prefix = "did:key:";

    private DidKey(Ed25519PublicKey publicKey, string fingerprint)
    {
        PublicKey = publicKey;
        Fingerprint = fingerprint;
    }

    public Ed25519PublicKey PublicKey { get; }

    /// <summary>The multibase key, e.g. <c>z6Mk...</c>; also the fragment of the verification method id.</summary>
    public string Fingerprint { get; }

    public string Did => Prefix + Fingerprint;

    /// <summary>The verification method id, <c>did:key:z6Mk...#z6Mk...</c>.</summary>
    public string VerificationMethodId => Did + "#" + Fingerprint;

    public static DidKey FromPublicKey(Ed25519PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return new DidKey(publicKey, Multibase.EncodeBase58Btc(Multicodec.Prefix(Multicodec.Ed25519Public, publicKey.AsSpan())));
    }

    public static DidKey Parse(string did)
    {
        if (!TryParse(did, out var key, out var error))
        {
            throw new FormatException($"Invalid did:key '{did}': {error}.");
        }

        return key;
    }

    public static bool TryParse(string? did, [NotNullWhen(true)] out DidKey? key, out string error)
    {
        key = null;
        if (did is null || !did.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = "it does not start with 'did:key:'";
            return false;
        }

        var fingerprint = did[Prefix.Length..];
        if (fingerprint.Contains('#', StringComparison.Ordinal) || fingerprint.Contains('/', StringComparison.Ordinal)
            || fingerprint.Contains('?', StringComparison.Ordinal) || fingerprint.Contains(':', StringComparison.Ordinal))
        {
            error = "it has a path, query, fragment or version segment; a did:key is only 'did:key:<multibase key>'";
            return false;
        }

        return TryParseFingerprint(fingerprint, out key, out error);
    }

    /// <summary>Parses a verification method id <c>did:key:X#X</c>; the fragment must repeat the key.</summary>
    public static bool TryParseVerificationMethod(string? verificationMethod, [NotNullWhen(true)] out DidKey? key, out string error)
    {
        key = null;
        var hash = verificationMethod?.IndexOf('#', StringComparison.Ordinal) ?? -1;
        if (verificationMethod is null || hash < 0)
        {
            error = "the verification method has no '#' fragment";
            return false;
        }

        if (!TryParse(verificationMethod[..hash], out key, out error))
        {
            return false;
        }

        if (!string.Equals(verificationMethod[(hash + 1)..], key.Fingerprint, StringComparison.Ordinal))
        {
            error = "the verification method fragment does not name the DID's own key";
            key = null;
            return false;
        }

        return true;
    }

    private static bool TryParseFingerprint(string fingerprint, [NotNullWhen(true)] out DidKey? key, out string error)
    {
        key = null;
        if (!Multibase.TryDecodeBase58Btc(fingerprint, out var decoded, out error))
        {
            return false;
        }

        if (!Multicodec.TryReadVarint(decoded, out var codec, out var prefixLength))
        {
            error = "the key does not start with a valid multicodec varint";
            return false;
        }

        if (codec != Multicodec.Ed25519Public)
        {
            error = $"the key type is {Multicodec.NameOf(codec)} (0x{codec:x}); only ed25519-pub (0xed) is supported";
            return false;
        }

        var keyBytes = decoded.AsSpan(prefixLength);
        if (keyBytes.Length != Ed25519PublicKey.Size)
        {
            error = $"an Ed25519 key is {Ed25519PublicKey.Size} bytes, this one is {keyBytes.Length}";
            return false;
        }

        key = new DidKey(Ed25519PublicKey.FromBytes(keyBytes), fingerprint);
        error = string.Empty;
        return true;
    }

    /// <summary>The key-agreement key id fragment (<c>z6LS...</c>): X25519 derived from the Ed25519 key.</summary>
    public string KeyAgreementFingerprint =>
        Multibase.EncodeBase58Btc(Multicodec.Prefix(Multicodec.X25519Public, PublicKey.ToX25519()));

    /// <summary>Resolves the DID document (did:key resolution is purely a function of the key).</summary>
    public JsonObject ResolveDocument(DidDocumentFormat format = DidDocumentFormat.Multikey)
    {
        var did = Did;
        var x25519 = PublicKey.ToX25519();
        var signingId = VerificationMethodId;
        var agreementId = did + "#" + KeyAgreementFingerprint;

        JsonArray contexts;
        JsonObject signing;
        JsonObject agreement;
        switch (format)
        {
            case DidDocumentFormat.Multikey:
                contexts = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"];
                signing = Method(signingId, "Multikey", did, "publicKeyMultibase", Fingerprint);
                agreement = Method(agreementId, "Multikey", did, "publicKeyMultibase", KeyAgreementFingerprint);
                break;
            case DidDocumentFormat.Ed25519VerificationKey2018:
                contexts =
                [
                    "https://www.w3.org/ns/did/v1",
                    "https://w3id.org/security/suites/ed25519-2018/v1",
                    "https://w3id.org/security/suites/x25519-2019/v1",
                ];
                signing = Method(signingId, "Ed25519VerificationKey2018", did, "publicKeyBase58", Base58.Bitcoin.Encode(PublicKey.AsSpan()));
                agreement = Method(agreementId, "X25519KeyAgreementKey2019", did, "publicKeyBase58", Base58.Bitcoin.Encode(x25519));
                break;
            case DidDocumentFormat.JsonWebKey2020:
                contexts = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"];
                signing = JwkMethod(signingId, did, "Ed25519", PublicKey.AsSpan());
                agreement = JwkMethod(agreementId, did, "X25519", x25519);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown DID document format.");
        }

        return new JsonObject
        {
            ["@context"] = contexts,
            ["id"] = did,
            ["verificationMethod"] = new JsonArray(signing, agreement),
            ["assertionMethod"] = new JsonArray(signingId),
            ["authentication"] = new JsonArray(signingId),
            ["capabilityInvocation"] = new JsonArray(signingId),
            ["capabilityDelegation"] = new JsonArray(signingId),
            ["keyAgreement"] = new JsonArray(agreementId),
        };
    }

    private static JsonObject Method(string id, string type, string controller, string keyProperty, string keyValue) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["controller"] = controller,
        [keyProperty] = keyValue,
    };

    private static JsonObject JwkMethod(string id, string controller, string curve, ReadOnlySpan<byte> key) => new()
    {
        ["id"] = id,
        ["type"] = "JsonWebKey2020",
        ["controller"] = controller,
        ["publicKeyJwk"] = new JsonObject
        {
            ["kty"] = "OKP",
            ["crv"] = curve,
            ["x"] = Base64Url.EncodeToString(key),
        },
    };

    public bool Equals(DidKey? other) => other is not null && string.Equals(Did, other.Did, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as DidKey);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Did);

    public override string ToString() => Did;
}
