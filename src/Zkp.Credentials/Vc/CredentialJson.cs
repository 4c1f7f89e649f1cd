using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zkp.Credentials.Vc;

/// <summary>
/// Parses credential, presentation and status-list JSON for signing or verification. Duplicate property
/// names are rejected up front: two parsers that keep different duplicates would see different signed data.
/// </summary>
public static class CredentialJson
{
    public static JsonObject Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new CredentialFormatException("the document is not valid JSON: " + ex.Message, ex);
        }

        if (node is not JsonObject obj)
        {
            throw new CredentialFormatException("the document is not a JSON object");
        }

        if (!TryCheckTree(obj, out var error))
        {
            throw new CredentialFormatException(error);
        }

        return obj;
    }

    /// <summary>
    /// System.Text.Json builds a <see cref="JsonObject"/>'s dictionary lazily and only then notices a
    /// duplicate name (as an <see cref="ArgumentException"/>); walking the tree forces that check now.
    /// </summary>
    internal static bool TryCheckTree(JsonNode? node, out string error)
    {
        try
        {
            Walk(node);
        }
        catch (ArgumentException)
        {
            error = "the document contains a duplicate property name";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static void Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj)
                {
                    Walk(property.Value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(item);
                }

                break;
        }
    }
}
