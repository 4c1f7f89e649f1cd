using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zkp.Credentials.Jcs;

/// <summary>JSON Canonicalization Scheme (RFC 8785) over <see cref="System.Text.Json"/> nodes.</summary>
/// <remarks>
/// Numbers are read as IEEE 754 doubles, as RFC 8785 requires: integers beyond 2^53 lose precision,
/// which is why this product carries field elements and 64-bit bounds as decimal strings.
/// A <see cref="JsonObject"/> parsed from text with duplicate property names throws
/// <see cref="ArgumentException"/> when first enumerated; verifiers screen for that first
/// (see <c>CredentialJson</c>) so it surfaces as a malformed document.
/// </remarks>
public static class JsonCanonicalizer
{
    public static string Canonicalize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    public static byte[] CanonicalizeToUtf8(JsonNode? node) => Encoding.UTF8.GetBytes(Canonicalize(node));

    /// <summary>Parses JSON text and canonicalizes it.</summary>
    public static string Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Canonicalize(JsonNode.Parse(json));
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj);
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
            default:
                throw new JcsException($"Unsupported JSON node {node.GetType().Name}.");
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj)
    {
        // Property names sort by UTF-16 code units, which is exactly ordinal string comparison in .NET.
        var properties = obj.ToList();
        properties.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        builder.Append('{');
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            WriteString(builder, properties[i].Key);
            builder.Append(':');
            Write(builder, properties[i].Value);
        }

        builder.Append('}');
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(builder, value.GetValue<string>());
                break;
            case JsonValueKind.Number:
                builder.Append(EcmaScriptNumber.Format(ReadDouble(value)));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new JcsException($"Unsupported JSON value kind {value.GetValueKind()}.");
        }
    }

    private static double ReadDouble(JsonValue value)
    {
        if (value.TryGetValue<double>(out var direct))
        {
            if (!double.IsFinite(direct))
            {
                throw new JcsException("NaN and Infinity are not permitted in JSON (RFC 8785 section 3.2.2.3).");
            }

            return direct;
        }

        // Values built from other CLR numeric types (decimal, long, ...) are read back from their JSON text.
        var text = value.ToJsonString();
        var parsed = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(parsed))
        {
            throw new JcsException($"The number {text} is outside the IEEE 754 double range.");
        }

        return parsed;
    }

    // ECMAScript JSON.stringify string escaping: the two-character escapes, \u00xx for other controls,
    // everything else literal. Lone surrogates cannot be encoded as UTF-8, so they are rejected.
    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        builder.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        throw new JcsException($"The string contains a lone surrogate U+{(int)c:X4} at index {i}.");
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
