using System.Buffers;
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

    /// <summary>
    /// Canonicalizes <paramref name="obj"/> as if its member <paramref name="omittedMember"/> were absent and, when
    /// <paramref name="contextReplacement"/> is given, its <c>@context</c> were that value: what a Data Integrity
    /// verifier hashes, without cloning the document to edit it.
    /// </summary>
    internal static byte[] CanonicalizeToUtf8(JsonObject obj, string omittedMember, JsonNode? contextReplacement = null)
    {
        var builder = new StringBuilder();
        var properties = obj.Where(p => p.Key != omittedMember).ToList();
        if (contextReplacement is not null)
        {
            var index = properties.FindIndex(p => p.Key == "@context");
            var replaced = new KeyValuePair<string, JsonNode?>("@context", contextReplacement);
            if (index < 0)
            {
                properties.Add(replaced);
            }
            else
            {
                properties[index] = replaced;
            }
        }

        WriteMembers(builder, properties);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

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

    private static void WriteObject(StringBuilder builder, JsonObject obj) => WriteMembers(builder, obj.ToList());

    private static void WriteMembers(StringBuilder builder, List<KeyValuePair<string, JsonNode?>> properties)
    {
        // Property names sort by UTF-16 code units, which is exactly ordinal string comparison in .NET.
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

    // Characters that need more than a literal copy: the ones with escapes, other controls, and surrogates
    // (a valid pair is copied, a lone one rejected). Runs between them are appended in one call.
    private static readonly SearchValues<char> NeedsAttention = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\\" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    // ECMAScript JSON.stringify string escaping: the two-character escapes, \u00xx for other controls,
    // everything else literal. Lone surrogates cannot be encoded as UTF-8, so they are rejected.
    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        var offset = 0;
        while (true)
        {
            var rest = value.AsSpan(offset);
            var next = rest.IndexOfAny(NeedsAttention);
            if (next < 0)
            {
                builder.Append(rest);
                break;
            }

            builder.Append(rest[..next]);
            var i = offset + next;
            var c = value[i];
            offset = i + 1;
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
                        builder.Append(c).Append(value[i + 1]);
                        offset = i + 2;
                    }
                    else
                    {
                        throw new JcsException($"The string contains a lone surrogate U+{(int)c:X4} at index {i}.");
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
