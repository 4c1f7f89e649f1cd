using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Vc;

namespace Zkp.Cli;

internal static class VcCommands
{
    public static IEnumerable<CliCommand> All =>
    [
        new(["vc", "inspect"], "<file>", "summarise a claim credential or a presentation",
            "Prints type, issuer, subject, claim and bounds, commitment, circuit, validity and status entry.\n" +
            "A credential's issuer signature is checked (did:key needs no network); the Groth16 proof, the status\n" +
            "list and the validity window against the current time are NOT checked, and neither is a presentation's\n" +
            "holder signature (that needs the verifier's challenge and domain).", 1, Inspect),
    ];

    private static void Inspect(CliContext context, string[] arguments)
    {
        var path = arguments[0];
        JsonObject document;
        try
        {
            document = CredentialJson.Parse(CliFiles.ReadText(path));
        }
        catch (CredentialFormatException e)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }

        var output = context.Stdout;
        if (HasType(document, VerifiablePresentation.PresentationType))
        {
            WritePresentation(output, document, path);
        }
        else
        {
            WriteCredential(output, document, path, indent: string.Empty);
        }
    }

    private static void WritePresentation(TextWriter output, JsonObject presentation, string path)
    {
        var credentials = presentation["verifiableCredential"] switch
        {
            null => [],
            JsonObject single => [single],
            JsonArray array => array.Select((item, i) => item as JsonObject
                ?? throw new CliUsageException($"{path}: verifiableCredential[{i}] is not an object")).ToList(),
            _ => throw new CliUsageException($"{path}: verifiableCredential must be an object or an array"),
        };

        output.WriteLine("Verifiable presentation");
        WriteField(output, string.Empty, "id", Text(presentation["id"]) ?? "(none)");
        WriteField(output, string.Empty, "holder", Text(presentation["holder"]) ?? "(missing)");
        var proof = presentation["proof"] as JsonObject;
        WriteField(output, string.Empty, "proof", proof is null
            ? "(none)"
            : $"{Text(proof["cryptosuite"]) ?? Text(proof["type"]) ?? "?"}, purpose {Text(proof["proofPurpose"]) ?? "?"}, " +
              $"challenge {Text(proof["challenge"]) ?? "(none)"}, domain {Text(proof["domain"]) ?? "(none)"}, " +
              $"created {Text(proof["created"]) ?? "(none)"} (not checked: needs the verifier's challenge)");
        WriteField(output, string.Empty, "credentials", credentials.Count.ToString(CultureInfo.InvariantCulture));
        for (int i = 0; i < credentials.Count; i++)
        {
            output.WriteLine();
            output.Write(string.Create(CultureInfo.InvariantCulture, $"[{i + 1}] "));
            WriteCredential(output, credentials[i], $"{path}: verifiableCredential[{i}]", indent: "    ");
        }
    }

    private static void WriteCredential(TextWriter output, JsonObject document, string what, string indent)
    {
        ClaimCredential credential;
        try
        {
            credential = ClaimCredential.Parse(document);
        }
        catch (CredentialFormatException e)
        {
            throw new CliUsageException($"{what}: not a claim credential: {e.Message}");
        }

        var bounds = credential.Bounds;
        output.WriteLine($"Verifiable credential ({ClaimCredential.CredentialType})");
        WriteField(output, indent, "id", credential.Id ?? "(none)");
        WriteField(output, indent, "issuer", credential.Issuer);
        WriteField(output, indent, "subject", credential.SubjectId);
        WriteField(output, indent, "claim", $"{credential.ClaimType}: {credential.Definition.AutoFillText(bounds)} (lower {bounds.LowerText}, upper {bounds.UpperText}, {credential.Definition.Unit})");
        WriteField(output, indent, "commitment", credential.Commitment);
        WriteField(output, indent, "binding", credential.Binding);
        WriteField(output, indent, "circuit", credential.CircuitId);
        WriteField(output, indent, "public signals", string.Join(", ", credential.PublicSignals));
        WriteField(output, indent, "valid from", EddsaJcs2022.FormatDateTime(credential.ValidFrom));
        WriteField(output, indent, "valid until", credential.ValidUntil is { } until ? EddsaJcs2022.FormatDateTime(until) : "(no expiry)");
        WriteField(output, indent, "status", credential.Status is { } status
            ? string.Create(CultureInfo.InvariantCulture, $"{status.StatusPurpose}, index {status.StatusListIndex} in {status.StatusListCredential} (not fetched)")
            : "(none)");
        var signature = ClaimCredential.VerifyIssuerSignature(document);
        WriteField(output, indent, "issuer signature", signature.Verified ? "valid" : $"NOT VALID ({signature.Failure}: {signature.Detail})");
    }

    private static void WriteField(TextWriter output, string indent, string name, string value) =>
        output.WriteLine($"{indent}  {name + ":",-18}{value}");

    private static bool HasType(JsonObject document, string type) => document["type"] switch
    {
        JsonArray types => types.Any(t => Text(t) == type),
        var single => Text(single) == type,
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
