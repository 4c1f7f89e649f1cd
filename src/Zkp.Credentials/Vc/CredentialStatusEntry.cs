using System.Globalization;
using System.Text.Json.Nodes;

namespace Zkp.Credentials.Vc;

/// <summary>A <c>BitstringStatusListEntry</c>: where this credential's revocation bit lives.</summary>
public sealed record CredentialStatusEntry(string Id, string StatusPurpose, ulong StatusListIndex, string StatusListCredential)
{
    public const string EntryType = "BitstringStatusListEntry";

    /// <summary>The conventional entry id: the list URL with the index as fragment.</summary>
    public static CredentialStatusEntry ForRevocation(string statusListCredential, ulong index) =>
        new(statusListCredential + "#" + index.ToString(CultureInfo.InvariantCulture), "revocation", index, statusListCredential);

    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["type"] = EntryType,
        ["statusPurpose"] = StatusPurpose,
        ["statusListIndex"] = StatusListIndex.ToString(CultureInfo.InvariantCulture),
        ["statusListCredential"] = StatusListCredential,
    };

    internal static CredentialStatusEntry Parse(JsonObject entry, string path)
    {
        var type = JsonFields.RequireString(entry, "type", path + ".type");
        if (type != EntryType)
        {
            throw new CredentialFormatException($"{path}.type '{type}' is not '{EntryType}'");
        }

        var indexText = JsonFields.RequireString(entry, "statusListIndex", path + ".statusListIndex");
        if (!Claims.ClaimBounds.TryParseCanonicalUInt64(indexText, out var index))
        {
            throw new CredentialFormatException($"{path}.statusListIndex '{indexText}' is not a non-negative base-10 integer");
        }

        return new CredentialStatusEntry(
            JsonFields.OptionalString(entry, "id", path + ".id") ?? string.Empty,
            JsonFields.RequireString(entry, "statusPurpose", path + ".statusPurpose"),
            index,
            JsonFields.RequireString(entry, "statusListCredential", path + ".statusListCredential"));
    }
}
