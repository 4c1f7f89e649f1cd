using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Infrastructure;
using Zkp.Api.Options;
using Zkp.Api.Registry;
using Zkp.Credentials.Verification;

namespace Zkp.Api.Verification;

/// <summary>
/// Builds the pipeline's database-backed inputs for one verification: the trust registry as the issuers table says
/// now, and the signed status lists the presented credentials name.
/// </summary>
public sealed class VerifierInputs(ZkpDbContext db, CompiledQueries queries, StatusListService statusLists, SignedStatusListCache cache, IOptions<RegistryOptions> registry)
{
    /// <summary>Every issuer with its current status; read per verification so a suspension applies at once.</summary>
    public async Task<TrustRegistry> TrustRegistryAsync(CancellationToken cancellationToken)
    {
        return new TrustRegistry(await CompiledQueries.ToListAsync(queries.TrustedIssuers(db), cancellationToken));
    }

    /// <summary>
    /// The signed status list credentials named by the presentation's credentials that this platform serves.
    /// Nothing is checked here (the pipeline verifies each list's signature, issuer and purpose); a URL of another
    /// origin, or of a list that does not exist, stays unresolved and fails REVOCATION with STATUS_LIST_UNAVAILABLE.
    /// </summary>
    public async Task<IStatusListResolver> StatusListsAsync(string presentationJson, CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<Guid, string>();
        foreach (var url in StatusListUrls(presentationJson))
        {
            if (ListId(url) is { } id)
            {
                wanted.TryAdd(id, url);
            }
        }

        var resolved = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return new Resolver(resolved);
        }

        var versions = await CompiledQueries.ToListAsync(queries.StatusListVersions(db, [.. wanted.Keys]), cancellationToken);
        foreach (var version in versions)
        {
            var json = cache.Get(version.Id, version.UpdatedUtc, version.Bits);
            if (json is null)
            {
                // Signing a list compresses 16 KiB and signs it; the cache keeps the bytes until the list changes.
                var signed = await statusLists.GetSignedAsync(version.Id, cancellationToken);
                if (signed is null)
                {
                    continue;
                }

                json = signed.Json;
                cache.Put(version.Id, version.UpdatedUtc, version.Bits, json);
            }

            // A fresh tree per verification: JsonObject is not safe for concurrent readers.
            resolved[wanted[version.Id]] = JsonNode.Parse(json)!.AsObject();
        }

        return new Resolver(resolved);
    }

    private Guid? ListId(string url)
    {
        var prefix = registry.Value.PublicBaseUrl.TrimEnd('/') + "/api/v1/status-lists/";
        return url.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(url.AsSpan(prefix.Length), out var id) ? id : null;
    }

    // Reads only what is needed to prefetch; a presentation that does not parse yields nothing and fails DECODE.
    private static IEnumerable<string> StatusListUrls(string presentationJson)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(presentationJson);
        }
        catch (JsonException)
        {
            yield break;
        }

        var credentials = (root as JsonObject)?["verifiableCredential"] switch
        {
            JsonObject single => [single],
            JsonArray array => array.ToList(),
            _ => [],
        };
        foreach (var credential in credentials)
        {
            if ((credential as JsonObject)?["credentialStatus"] is JsonObject status
                && status["statusListCredential"] is JsonValue value && value.TryGetValue<string>(out var url))
            {
                yield return url;
            }
        }
    }

    private sealed class Resolver(Dictionary<string, JsonObject> lists) : IStatusListResolver
    {
        public JsonObject? Resolve(string statusListCredential) => lists.GetValueOrDefault(statusListCredential);
    }
}

/// <summary>
/// Signed status list credentials by list id, valid while the list's bits and last-change time are what they were
/// when it was signed. The bits themselves are compared (2 KiB to 16 KiB, read with the version anyway), not only
/// the time: two changes within one clock tick must not leave a revocation unseen.
/// </summary>
public sealed class SignedStatusListCache
{
    private readonly ConcurrentDictionary<Guid, (DateTime UpdatedUtc, byte[] Bits, byte[] Json)> lists = new();

    public byte[]? Get(Guid listId, DateTime updatedUtc, byte[] bits) =>
        lists.TryGetValue(listId, out var entry) && entry.UpdatedUtc == updatedUtc && entry.Bits.AsSpan().SequenceEqual(bits) ? entry.Json : null;

    public void Put(Guid listId, DateTime updatedUtc, byte[] bits, byte[] json) => lists[listId] = (updatedUtc, bits, json);
}
