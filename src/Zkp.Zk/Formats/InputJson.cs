using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Bn254;

namespace Zkp.Zk.Formats;

/// <summary>
/// circom/snarkjs <c>input.json</c> for <see cref="Constraints.CompiledCircuit.Solve"/>: an object of
/// signal name to value, where a value is a decimal string or a non-negative JSON integer, and
/// arrays (nested to any depth) name their elements <c>name[i]</c>, <c>name[i][j]</c>, as the
/// circuits declare them. Values must be canonical: below r, no sign, no leading zeros; nothing
/// is reduced.
/// </summary>
public static class InputJson
{
    private const string Kind = "input.json";

    /// <exception cref="ZkFormatException">Not an object, or a value that is not a canonical field element.</exception>
    public static Dictionary<string, Fr> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ZkFormatException($"{Kind}: not valid JSON: {e.Message}", e);
        }

        if (root is not JsonObject obj)
        {
            throw new ZkFormatException($"{Kind}: expected an object of signal names to values");
        }

        var result = new Dictionary<string, Fr>(StringComparer.Ordinal);
        foreach (var (name, value) in obj)
        {
            Flatten(name, value, result);
        }

        return result;
    }

    private static void Flatten(string name, JsonNode? node, Dictionary<string, Fr> result)
    {
        switch (node)
        {
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Flatten(name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", array[i], result);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                result[name] = Fr.TryParse(text, out var parsed)
                    ? parsed
                    : throw new ZkFormatException($"{Kind}: {name} is not a canonical decimal below r");
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                var raw = value.ToJsonString();
                if (!BigInteger.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var integer) || integer >= Fr.Modulus)
                {
                    throw new ZkFormatException($"{Kind}: {name} must be a non-negative integer below r");
                }

                result[name] = Fr.FromBigInteger(integer);
                break;
            default:
                throw new ZkFormatException($"{Kind}: {name} must be a decimal string, an integer or an array of them");
        }
    }
}
