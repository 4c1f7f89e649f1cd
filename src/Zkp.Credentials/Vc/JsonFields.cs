using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Credentials.DataIntegrity;

namespace Zkp.Credentials.Vc;

/// <summary>Strict field readers that name the offending path in their error.</summary>
internal static class JsonFields
{
    // BN254 scalar field modulus r: public signals and field-valued claims must be below it.
    internal static readonly BigInteger ScalarFieldModulus = BigInteger.Parse(
        "21888242871839275222246405745257275088548364400416034343698204186575808495617",
        System.Globalization.CultureInfo.InvariantCulture);

    internal static JsonObject RequireObject(JsonObject parent, string name, string path) =>
        parent[name] switch
        {
            JsonObject obj => obj,
            null => throw Missing(path),
            _ => throw new CredentialFormatException($"{path} must be an object"),
        };

    internal static string RequireString(JsonObject parent, string name, string path) =>
        OptionalString(parent, name, path) ?? throw Missing(path);

    internal static string? OptionalString(JsonObject parent, string name, string path)
    {
        var node = parent[name];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            throw new CredentialFormatException($"{path} must be a string");
        }

        var text = value.GetValue<string>();
        return text.Length == 0 ? throw new CredentialFormatException($"{path} must not be empty") : text;
    }

    internal static DateTimeOffset RequireDate(JsonObject parent, string name, string path) =>
        OptionalDate(parent, name, path) ?? throw Missing(path);

    internal static DateTimeOffset? OptionalDate(JsonObject parent, string name, string path)
    {
        var text = OptionalString(parent, name, path);
        if (text is null)
        {
            return null;
        }

        return XmlDateTime.TryParse(text, out var value)
            ? value
            : throw new CredentialFormatException($"{path} '{text}' is not an XML Schema date-time with a time zone (e.g. 2026-01-01T00:00:00Z)");
    }

    internal static IReadOnlyList<string> RequireStringArray(JsonObject parent, string name, string path)
    {
        var node = parent[name] ?? throw Missing(path);
        if (node is JsonValue single && single.GetValueKind() == JsonValueKind.String)
        {
            return [single.GetValue<string>()];
        }

        if (node is not JsonArray array)
        {
            throw new CredentialFormatException($"{path} must be a string or an array of strings");
        }

        var result = new List<string>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                throw new CredentialFormatException($"{path}[{i}] must be a string");
            }

            result.Add(v.GetValue<string>());
        }

        return result;
    }

    /// <summary>A canonical decimal (no sign, no leading zero) strictly below the BN254 scalar field modulus.</summary>
    internal static bool IsFieldElement(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 77 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return BigInteger.Parse(text, System.Globalization.CultureInfo.InvariantCulture) < ScalarFieldModulus;
    }

    internal static string RequireFieldElement(JsonObject parent, string name, string path)
    {
        var text = RequireString(parent, name, path);
        return IsFieldElement(text)
            ? text
            : throw new CredentialFormatException($"{path} '{text}' is not a canonical decimal below the BN254 scalar field modulus");
    }

    internal static CredentialFormatException Missing(string path) => new($"{path} is missing");
}
