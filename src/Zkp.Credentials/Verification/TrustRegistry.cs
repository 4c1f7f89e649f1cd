using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Credentials.Did;
using Zkp.Credentials.Vc;

namespace Zkp.Credentials.Verification;

/// <summary>One issuer as the trust registry lists it; only <c>active</c> issuers are trusted.</summary>
public sealed record TrustedIssuer(string Did, string Name, string NcuaCharter, string Status)
{
    public const string Active = "active";

    public bool IsActive => string.Equals(Status, Active, StringComparison.Ordinal);
}

/// <summary>A read-only view of the trust registry: issuer DID to name, NCUA charter and status.</summary>
public sealed class TrustRegistry
{
    private readonly Dictionary<string, TrustedIssuer> byDid;

    public TrustRegistry(IEnumerable<TrustedIssuer> issuers)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        byDid = new Dictionary<string, TrustedIssuer>(StringComparer.Ordinal);
        foreach (var issuer in issuers)
        {
            if (!byDid.TryAdd(issuer.Did, issuer))
            {
                throw new ArgumentException($"The registry lists {issuer.Did} twice.", nameof(issuers));
            }
        }
    }

    public int Count => byDid.Count;

    public bool TryGet(string did, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TrustedIssuer? issuer) =>
        byDid.TryGetValue(did, out issuer);

    /// <summary>
    /// Reads the REST API's trust registry listing: an array of objects with <c>did</c>, <c>name</c>,
    /// <c>ncua_charter</c> and <c>status</c> (other fields, e.g. <c>id</c> or <c>created_at</c>, are ignored).
    /// </summary>
    /// <exception cref="CredentialFormatException">Not such an array, a DID that is not an Ed25519 did:key, or a duplicate.</exception>
    public static TrustRegistry Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CredentialFormatException($"trust registry: not JSON: {e.Message}", e);
        }

        if (root is not JsonArray array)
        {
            throw new CredentialFormatException("trust registry: must be an array of issuers");
        }

        var issuers = new List<TrustedIssuer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"trust registry[{i}]";
            var entry = array[i] as JsonObject ?? throw new CredentialFormatException($"{path} must be an object");
            var did = JsonFields.RequireString(entry, "did", path + ".did");
            if (!DidKey.TryParse(did, out _, out var error))
            {
                throw new CredentialFormatException($"{path}.did is not an Ed25519 did:key: {error}");
            }

            if (!seen.Add(did))
            {
                throw new CredentialFormatException($"{path}: {did} is listed twice");
            }

            issuers.Add(new TrustedIssuer(
                did,
                JsonFields.RequireString(entry, "name", path + ".name"),
                JsonFields.RequireString(entry, "ncua_charter", path + ".ncua_charter"),
                JsonFields.RequireString(entry, "status", path + ".status")));
        }

        return new TrustRegistry(issuers);
    }
}
