using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Zkp.Bn254;

namespace Zkp.Cli;

/// <summary>
/// snarkjs-style <c>input.json</c>: an object of signal name to value, each a non-negative integer given
/// as a JSON number, a decimal string or a 0x-prefixed hex string, and below the BN254 scalar field
/// order r. Unlike snarkjs, values are not reduced mod r and negative values are refused: an input that
/// only "fits" after reduction is almost always a mistake. Arrays are refused (no built-in circuit has
/// array signals).
/// </summary>
internal static class InputJson
{
    public static Dictionary<string, Fr> Parse(string json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"{path}: not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliUsageException($"{path}: expected a JSON object of signal names to values");
            }

            var inputs = new Dictionary<string, Fr>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                inputs[property.Name] = ParseValue(property.Value, $"{path}: input '{property.Name}'");
            }

            return inputs;
        }
    }

    private static Fr ParseValue(JsonElement element, string what)
    {
        string text = element.ValueKind switch
        {
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.Number => element.GetRawText(),
            _ => throw new CliUsageException($"{what} must be an integer (a number, a decimal string or a 0x hex string), not {element.ValueKind.ToString().ToLowerInvariant()}"),
        };

        BigInteger value = BigInteger.Zero;
        bool parsed = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? text.Length > 2 && text.Skip(2).All(char.IsAsciiHexDigit)
                && BigInteger.TryParse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : text.Length > 0 && text.All(char.IsAsciiDigit)
                && BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!parsed)
        {
            throw new CliUsageException($"{what} '{text}' is not a non-negative integer");
        }

        if (value >= Fr.Modulus)
        {
            throw new CliUsageException($"{what} is not below the BN254 scalar field order r");
        }

        return Fr.FromBigInteger(value);
    }
}
