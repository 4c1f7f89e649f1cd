using System.Text.Json.Nodes;
using Zkp.Credentials.Vc;

namespace Zkp.Credentials.Verification;

/// <summary>Finds the signed status list credential a <c>statusListCredential</c> URL names; null when unavailable.</summary>
public interface IStatusListResolver
{
    JsonObject? Resolve(string statusListCredential);
}

/// <summary>
/// Status list credentials held in memory, keyed by their <c>id</c>. Nothing is verified here: the pipeline
/// checks each list's signature, issuer, purpose and validity when it reads a bit.
/// </summary>
public sealed class StatusListSet : IStatusListResolver
{
    private readonly Dictionary<string, JsonObject> byId = new(StringComparer.Ordinal);

    public StatusListSet(IEnumerable<JsonObject> signedListCredentials)
    {
        ArgumentNullException.ThrowIfNull(signedListCredentials);
        foreach (var list in signedListCredentials)
        {
            var id = (list["id"] as JsonValue)?.TryGetValue<string>(out var text) == true ? text : null;
            if (string.IsNullOrEmpty(id))
            {
                throw new CredentialFormatException("status list credential has no string id");
            }

            if (!byId.TryAdd(id, list))
            {
                throw new CredentialFormatException($"status list {id} is given twice");
            }
        }
    }

    public JsonObject? Resolve(string statusListCredential) => byId.GetValueOrDefault(statusListCredential);
}
