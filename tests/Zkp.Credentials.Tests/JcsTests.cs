using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Zkp.Credentials.Jcs;

namespace Zkp.Credentials.Tests;

public sealed class JcsTests
{
    private static readonly Dictionary<string, string> Blocks = ReadBlocks();

    // Blocks in the vector file are delimited by "=== title ===" ... "=== end ===".
    private static Dictionary<string, string> ReadBlocks()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = VectorFiles.ReadText("jcs-rfc8785.txt").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("=== ", StringComparison.Ordinal) || lines[i].StartsWith("=== end", StringComparison.Ordinal))
            {
                continue;
            }

            var title = lines[i];
            var body = new List<string>();
            for (i++; !lines[i].StartsWith("=== end", StringComparison.Ordinal); i++)
            {
                body.Add(lines[i]);
            }

            result[title] = string.Join('\n', body);
        }

        return result;
    }

    private static string Block(string titleStart) => Blocks.Single(b => b.Key.StartsWith("=== " + titleStart, StringComparison.Ordinal)).Value;

    [Fact]
    public void Rfc_sample_canonicalizes_to_the_printed_form_and_bytes()
    {
        var canonical = JsonCanonicalizer.Canonicalize(Block("3.2.2 sample input"));
        Assert.Equal(Block("3.2.3 canonical form"), canonical);
        var expectedBytes = Convert.FromHexString(Block("3.2.4 UTF-8 bytes").Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal(118, expectedBytes.Length);
        Assert.Equal(expectedBytes, JsonCanonicalizer.CanonicalizeToUtf8(JsonNode.Parse(Block("3.2.2 sample input"))));
    }

    [Fact]
    public void Property_sorting_follows_utf16_code_units()
    {
        var input = Block("3.2.3 property sorting test input");
        var canonical = JsonCanonicalizer.Canonicalize(input);
        var expectedOrder = Block("3.2.3 expected argument").Split('\n').Select(l => l.Trim('"')).ToArray();
        var actualOrder = JsonNode.Parse(canonical)!.AsObject().Select(p => p.Value!.GetValue<string>()).ToArray();
        Assert.Equal(expectedOrder, actualOrder);
        Assert.Equal(Convert.FromHexString(Block("DERIVED: canonical UTF-8 bytes of the 3.2.3")), Encoding.UTF8.GetBytes(canonical));
    }

    [Fact]
    public void Simple_names_order_empty_then_prefixes()
    {
        var canonical = JsonCanonicalizer.Canonicalize("""{"ab":1,"aa":2,"a":3,"":4}""");
        Assert.Equal("""{"":4,"a":3,"aa":2,"ab":1}""", canonical);
        Assert.Equal(["\"\"", "\"a\"", "\"aa\"", "\"ab\""], Block("3.2.3 ordering of simple names").Split('\n'));
    }

    [Fact]
    public void Appendix_e_and_c_outputs_match()
    {
        Assert.Equal(Block("Appendix E canonical output"), JsonCanonicalizer.Canonicalize(Block("Appendix E input object")));
        Assert.Equal(Block("DERIVED: Appendix C canonical output"), JsonCanonicalizer.Canonicalize(Block("Appendix C input")));
    }

    public static TheoryData<string, string, string> NumberSamples()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in Block("Appendix B number serialization samples").Split('\n'))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('|').Select(p => p.Trim()).ToArray();
            data.Add(parts[0], parts[1], parts[2]);
        }

        return data;
    }

    [Fact]
    public void All_26_number_samples_are_present()
    {
        Assert.Equal(26, NumberSamples().Count());
    }

    [Theory]
    [MemberData(nameof(NumberSamples))]
    public void Number_sample_serializes_as_ecmascript(string bits, string expected, string comment)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        if (expected.Length == 0)
        {
            Assert.Throws<JcsException>(() => JsonCanonicalizer.Canonicalize(JsonValue.Create(value)));
            Assert.False(double.IsFinite(value), comment);
            return;
        }

        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(JsonValue.Create(value)));

        // The same number read from its own JSON text must canonicalize identically.
        Assert.Equal(expected, JsonCanonicalizer.Canonicalize($"[{expected}]")[1..^1]);
    }

    [Theory]
    [InlineData("1E400")]
    [InlineData("-1e309")]
    public void Numbers_beyond_double_range_are_rejected(string json)
    {
        Assert.Throws<JcsException>(() => JsonCanonicalizer.Canonicalize(json));
    }

    [Fact]
    public void Lone_surrogate_is_rejected()
    {
        Assert.Throws<JcsException>(() => JsonCanonicalizer.Canonicalize(JsonValue.Create("a\ud800b")));
        Assert.Throws<JcsException>(() => JsonCanonicalizer.Canonicalize(new JsonObject { ["\udc00"] = 1 }));
    }

    [Fact]
    public void Escapes_match_json_stringify()
    {
        var value = JsonValue.Create("\b\f\n\r\t\u0001\u001f \"\\/\u007f\u2028");
        Assert.Equal("\"\\b\\f\\n\\r\\t\\u0001\\u001f \\\"\\\\/\u007f\u2028\"", JsonCanonicalizer.Canonicalize(value));
    }

    [Theory]
    [InlineData("x\ud83d\ude00", "\"x\ud83d\ude00\"")]
    [InlineData("\ud83d\ude00\ud83d\ude00\n", "\"\ud83d\ude00\ud83d\ude00\\n\"")]
    public void Surrogate_pairs_are_copied_whole(string value, string expected)
    {
        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(JsonValue.Create(value)));
    }

    [Fact]
    public void A_lone_surrogate_is_named_by_its_index()
    {
        // Built at run time: attribute arguments cannot carry lone surrogates (metadata stores UTF-8).
        foreach (var (value, index) in new[] { ("abc\ud83d", 3), ("\ud83d\ude00\ude00", 2), ("\"\ud800", 1) })
        {
            var ex = Assert.Throws<JcsException>(() => JsonCanonicalizer.Canonicalize(JsonValue.Create(value)));
            Assert.EndsWith($"at index {index}.", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void String_escaping_matches_a_character_by_character_reference_on_random_strings()
    {
        var random = new Random(8785);
        char[] alphabet = ['a', 'Z', '0', ' ', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u0001', '\u001f', '\u007f', '\u00e9', '\u2028', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff'];
        for (var round = 0; round < 2000; round++)
        {
            var value = new string(Enumerable.Range(0, random.Next(0, 40)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var expected = ReferenceEscape(value);
            if (expected is null)
            {
                Assert.Throws<JcsException>(() => JsonCanonicalizer.Canonicalize(JsonValue.Create(value)));
            }
            else
            {
                Assert.Equal(expected, JsonCanonicalizer.Canonicalize(JsonValue.Create(value)));
            }
        }
    }

    [Fact]
    public void Canonicalizing_without_a_member_equals_canonicalizing_an_edited_copy()
    {
        var document = JsonNode.Parse("""{"z": 1, "proof": {"a": 2}, "@context": ["x", "y"], "b": [true, null, "s"]}""")!.AsObject();
        var context = JsonNode.Parse("""["x"]""");

        var edited = document.DeepClone().AsObject();
        edited.Remove("proof");
        Assert.Equal(JsonCanonicalizer.CanonicalizeToUtf8(edited), JsonCanonicalizer.CanonicalizeToUtf8(document, "proof"));
        edited["@context"] = context!.DeepClone();
        Assert.Equal(JsonCanonicalizer.CanonicalizeToUtf8(edited), JsonCanonicalizer.CanonicalizeToUtf8(document, "proof", context));

        var withoutContext = JsonNode.Parse("""{"b": 1, "proof": 2}""")!.AsObject();
        Assert.Equal("""{"@context":["x"],"b":1}""", Encoding.UTF8.GetString(JsonCanonicalizer.CanonicalizeToUtf8(withoutContext, "proof", context)));
    }

    // JSON.stringify's escaping, written the slow obvious way; null where the string has a lone surrogate.
    private static string? ReferenceEscape(string value)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                return null;
            }
            else
            {
                builder.Append(c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    < ' ' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                    _ => c.ToString(),
                });
            }
        }

        return builder.Append('"').ToString();
    }

    [Fact]
    public void Clr_numeric_values_canonicalize_like_parsed_ones()
    {
        var node = new JsonObject { ["i"] = 10, ["l"] = 9007199254740993L, ["m"] = 4.50m, ["f"] = 0.1 };
        Assert.Equal("""{"f":0.1,"i":10,"l":9007199254740992,"m":4.5}""", JsonCanonicalizer.Canonicalize(node));
    }
}

public sealed class JcsNodeNumberTests
{
    [Fact]
    public void Random_doubles_serialize_exactly_as_node_json_stringify()
    {
        var mismatches = new List<string>();
        var count = 0;
        foreach (var line in VectorFiles.ReadText("jcs-node-numbers.txt").Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split(" | ");
            var value = BitConverter.Int64BitsToDouble(long.Parse(parts[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture));
            var actual = JsonCanonicalizer.Canonicalize(System.Text.Json.Nodes.JsonValue.Create(value));
            count++;
            if (actual != parts[1])
            {
                mismatches.Add($"{parts[0]}: expected {parts[1]}, got {actual}");
            }
        }

        Assert.Equal(3000, count);
        Assert.Empty(mismatches);
    }
}

public sealed class JcsNodeObjectTests
{
    [Fact]
    public void Random_objects_canonicalize_exactly_as_the_node_reference()
    {
        var cases = System.Text.Json.Nodes.JsonNode.Parse(VectorFiles.ReadText("jcs-node-objects.json"))!["cases"]!.AsArray();
        Assert.Equal(300, cases.Count);
        foreach (var item in cases)
        {
            var expected = item!["canonical"]!.GetValue<string>();
            Assert.Equal(expected, JsonCanonicalizer.Canonicalize(item["input"]!.GetValue<string>()));
        }
    }
}
