using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Bn254;
using Zkp.Zk.Groth16;

namespace Zkp.Zk.Formats;

/// <summary>
/// snarkjs's JSON files: <c>verification_key.json</c>, <c>proof.json</c>, <c>public.json</c>.
/// Numbers are decimal strings; G1 points are [x, y, "1"], G2 points [[x_c0, x_c1], [y_c0, y_c1], ["1", "0"]].
/// Reading checks everything a verifier relies on: protocol and curve, canonical decimals (public
/// signals &lt; r, coordinates &lt; p), points on their curves, G2 points in the subgroup, IC length =
/// nPublic + 1, and gamma != delta; any failure is a <see cref="ZkFormatException"/> naming the field.
/// </summary>
public static class SnarkjsJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string WriteVerifyingKey(VerifyingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ic = new JsonArray();
        foreach (var point in key.IC)
        {
            ic.Add(G1(point));
        }

        var json = new JsonObject
        {
            ["protocol"] = "groth16",
            ["curve"] = "bn128",
            ["nPublic"] = key.PublicSignalCount,
            ["vk_alpha_1"] = G1(key.Alpha1),
            ["vk_beta_2"] = G2(key.Beta2),
            ["vk_gamma_2"] = G2(key.Gamma2),
            ["vk_delta_2"] = G2(key.Delta2),
            ["IC"] = ic,
        };
        return json.ToJsonString(Indented);
    }

    /// <exception cref="ZkFormatException">Malformed or unsafe key.</exception>
    public static VerifyingKey ReadVerifyingKey(string json)
    {
        const string Kind = "verification_key.json";
        var root = ParseObject(json, Kind);
        CheckProtocol(root, Kind);
        var ic = root["IC"] as JsonArray ?? throw new ZkFormatException($"{Kind}: missing IC array");
        var nPublic = root["nPublic"] is JsonValue n && n.TryGetValue<int>(out var count) ? count : throw new ZkFormatException($"{Kind}: missing or non-integer nPublic");
        if (nPublic < 0 || ic.Count != nPublic + 1)
        {
            throw new ZkFormatException($"{Kind}: IC has {ic.Count} points, expected nPublic + 1 = {nPublic + 1}");
        }

        var icPoints = ic.Select((node, i) => ReadG1(node, Kind, $"IC[{i}]")).ToArray();
        var gamma = ReadG2(root["vk_gamma_2"], Kind, "vk_gamma_2");
        var delta = ReadG2(root["vk_delta_2"], Kind, "vk_delta_2");
        if (gamma == delta)
        {
            throw new ZkFormatException($"{Kind}: vk_gamma_2 equals vk_delta_2: the key has no phase-2 contribution and proofs for it can be forged");
        }

        return new VerifyingKey(ReadG1(root["vk_alpha_1"], Kind, "vk_alpha_1"), ReadG2(root["vk_beta_2"], Kind, "vk_beta_2"), gamma, delta, icPoints);
    }

    public static string WriteProof(Proof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var json = new JsonObject
        {
            ["pi_a"] = G1(proof.A),
            ["pi_b"] = G2(proof.B),
            ["pi_c"] = G1(proof.C),
            ["protocol"] = "groth16",
            ["curve"] = "bn128",
        };
        return json.ToJsonString(Indented);
    }

    /// <exception cref="ZkFormatException">Malformed proof or a point not on its curve / not in the subgroup.</exception>
    public static Proof ReadProof(string json) => ReadProof(ParseObject(json, "proof.json"));

    /// <summary>Reads a proof already parsed, e.g. one embedded in a credential, without a round trip through text.</summary>
    /// <exception cref="ZkFormatException">Malformed proof or a point not on its curve / not in the subgroup.</exception>
    public static Proof ReadProof(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        const string Kind = "proof.json";
        CheckProtocol(root, Kind);
        return new Proof(ReadG1(root["pi_a"], Kind, "pi_a"), ReadG2(root["pi_b"], Kind, "pi_b"), ReadG1(root["pi_c"], Kind, "pi_c"));
    }

    public static string WritePublicSignals(ReadOnlySpan<Fr> signals)
    {
        var array = new JsonArray();
        foreach (var signal in signals)
        {
            array.Add(signal.ToString());
        }

        return array.ToJsonString(Indented);
    }

    /// <exception cref="ZkFormatException">Not an array of canonical decimal strings below r.</exception>
    public static Fr[] ReadPublicSignals(string json)
    {
        const string Kind = "public.json";
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ZkFormatException($"{Kind}: not valid JSON: {e.Message}", e);
        }

        if (root is not JsonArray array)
        {
            throw new ZkFormatException($"{Kind}: expected an array of decimal strings");
        }

        var result = new Fr[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            var text = array[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (!Fr.TryParse(text, out result[i]))
            {
                throw new ZkFormatException($"{Kind}: public signal {i} is not a canonical decimal below r");
            }
        }

        return result;
    }

    private static JsonObject ParseObject(string json, string kind)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new ZkFormatException($"{kind}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new ZkFormatException($"{kind}: not valid JSON: {e.Message}", e);
        }
    }

    private static void CheckProtocol(JsonObject root, string kind)
    {
        var protocol = root["protocol"] is JsonValue p && p.TryGetValue<string>(out var ps) ? ps : null;
        if (protocol != "groth16")
        {
            throw new ZkFormatException($"{kind}: protocol is '{protocol}', expected 'groth16'");
        }

        // snarkjs omits "curve" in some older proofs; when present it must be BN254.
        if (root["curve"] is JsonValue c && (!c.TryGetValue<string>(out var curve) || curve != "bn128"))
        {
            throw new ZkFormatException($"{kind}: curve is not 'bn128'");
        }
    }

    private static JsonArray G1(in G1Affine point) => [.. PointEncoding.EncodeG1Snarkjs(point).Select(s => (JsonNode)s)];

    private static JsonArray G2(in G2Affine point) =>
        [.. PointEncoding.EncodeG2Snarkjs(point).Select(pair => (JsonNode)new JsonArray([.. pair.Select(s => (JsonNode)s)]))];

    private static G1Affine ReadG1(JsonNode? node, string kind, string field)
    {
        var strings = Strings(node, kind, field);
        try
        {
            return PointEncoding.DecodeG1Snarkjs(strings);
        }
        catch (FormatException e)
        {
            throw new ZkFormatException($"{kind}: {field}: {e.Message}", e);
        }
    }

    private static G2Affine ReadG2(JsonNode? node, string kind, string field)
    {
        if (node is not JsonArray outer)
        {
            throw new ZkFormatException($"{kind}: {field} is missing or not an array");
        }

        var pairs = outer.Select((inner, i) => (IReadOnlyList<string>)Strings(inner, kind, $"{field}[{i.ToString(CultureInfo.InvariantCulture)}]")).ToArray();
        try
        {
            return PointEncoding.DecodeG2Snarkjs(pairs);
        }
        catch (FormatException e)
        {
            throw new ZkFormatException($"{kind}: {field}: {e.Message}", e);
        }
    }

    private static string[] Strings(JsonNode? node, string kind, string field)
    {
        if (node is not JsonArray array)
        {
            throw new ZkFormatException($"{kind}: {field} is missing or not an array");
        }

        var result = new string[array.Count];
        for (int i = 0; i < array.Count; i++)
        {
            result[i] = array[i] is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw new ZkFormatException($"{kind}: {field}[{i}] is not a decimal string");
        }

        return result;
    }
}
