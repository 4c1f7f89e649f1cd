using System.Globalization;
using System.Text.Json.Nodes;
using Zkp.Circuits;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Verification;
using Zkp.Credentials.Vc;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Cli;

/// <summary><c>zkp vc verify</c> (the verifier pipeline, offline) and <c>zkp vc sign</c> (issuer or holder signature with a seed file).</summary>
internal static class VcVerifyCommands
{
    private const string VerifyUsage = "zkp vc verify <presentation.json> --trust <registry.json> [--status <list.json>]... [--vk <dir|file>] [--challenge <c> --domain <d>] [--at <date-time>]";
    private const string SignUsage = "zkp vc sign <document.json> <seed-file> [--challenge <c> --domain <d>] [--created <date-time>]";

    public static IEnumerable<CliCommand> All =>
    [
        new(["vc", "verify"], "<presentation.json> [options]", "run the six-step verifier pipeline on a presentation",
            "Prints one line per step (DECODE, FRESHNESS, ISSUER_AUTH, ZKP_VERIFY, REVOCATION, HOLDER_BINDING): the step,\n" +
            "passed or failed, and the detail (a failure also names its code). The run stops at the first failing step.\n" +
            "  --trust <file>      trust registry: JSON array of {did, name, ncua_charter, status} (required)\n" +
            "  --status <file>     a signed status list credential; repeat for several lists\n" +
            "  --vk <dir|file>     snarkjs verification_key.json of zkp.claim-range.v1, or a directory holding\n" +
            "                      <circuit-id>.json; the key is bound to the built-in circuit's hash\n" +
            "  --challenge, --domain  what the verifier asked for; without them the presentation's own are used,\n" +
            "                      which checks the holder's signature but not that the challenge is the verifier's\n" +
            "  --at <date-time>    verify as of this instant (default: now)\n" +
            "Exit codes: 0 all verified, 1 a step failed, 2 unreadable input or options.", CliOptions.ParsesOwnOptions, Verify),
        new(["vc", "sign"], "<document.json> <seed-file> [options]", "sign a claim credential (issuer) or a presentation (holder)",
            "The seed file holds the 32-byte Ed25519 seed as 64 hex digits. A credential is signed with an\n" +
            "assertionMethod proof (the key must be the issuer's did:key); a presentation with an authentication\n" +
            "proof bound to --challenge and --domain (the key must be the holder's). An existing proof is replaced.\n" +
            "Writes the signed document to stdout.\n" +
            "  --created <date-time>  the proof's created time (default: now)", CliOptions.ParsesOwnOptions, Sign),
    ];

    private static void Verify(CliContext context, string[] arguments)
    {
        var options = CliOptions.Parse("vc verify", VerifyUsage, arguments, 1, ["--trust", "--status", "--vk", "--challenge", "--domain", "--at"], ["--status"]);
        var presentationPath = options.Positional[0];
        var presentationJson = CliFiles.ReadText(presentationPath);
        var trustPath = options.Single("--trust") ?? throw new CliUsageException($"vc verify: --trust is required (usage: {VerifyUsage})");
        var registry = ParseOrUsage(trustPath, () => TrustRegistry.Parse(CliFiles.ReadText(trustPath)));
        var lists = options.All("--status").Select(path => ParseOrUsage(path, () => CredentialJson.Parse(CliFiles.ReadText(path)))).ToList();
        var statusLists = ParseOrUsage("--status", () => new StatusListSet(lists));
        var keys = ReadKeys(options.Single("--vk"));
        var (challenge, domain) = ChallengeAndDomain(options, presentationJson);
        var clock = options.Single("--at") is { } at ? new FixedClock(ParseDateTime("--at", at)) : TimeProvider.System;

        var result = VerifierPipeline.Verify(
            new VerificationRequest { PresentationJson = presentationJson, Challenge = challenge, Domain = domain },
            new VerifierContext { TrustRegistry = registry, StatusLists = statusLists, VerifyingKeys = keys, Challenges = new InMemoryChallengeStore(), Clock = clock });

        var output = context.Stdout;
        foreach (var step in result.Steps)
        {
            var detail = step.Code is null ? step.Detail : $"{step.Code}: {step.Detail}";
            output.WriteLine($"{step.Step,-15} {(step.Passed ? "passed" : "failed"),-7}{detail}");
        }

        if (result.FailedStep is { } failed)
        {
            throw new CliNegativeResultException($"verification failed at {failed.Step} ({failed.Code})");
        }

        output.WriteLine($"all verified: member {result.MemberDid}, issuer {result.IssuerInfo!.Name} (NCUA {result.IssuerInfo.NcuaCharter})");
        foreach (var fill in result.AutoFill)
        {
            output.WriteLine($"  {fill.Field}: {fill.Value}");
        }
    }

    private static void Sign(CliContext context, string[] arguments)
    {
        var options = CliOptions.Parse("vc sign", SignUsage, arguments, 2, ["--challenge", "--domain", "--created"], []);
        var documentPath = options.Positional[0];
        var document = ParseOrUsage(documentPath, () => CredentialJson.Parse(CliFiles.ReadText(documentPath)));
        using var key = ReadSeed(options.Positional[1]);
        var created = options.Single("--created") is { } text ? ParseDateTime("--created", text) : DateTimeOffset.UtcNow;
        document.Remove("proof");

        JsonObject signed;
        var isPresentation = document["type"] is JsonArray types && types.Any(t => t?.GetValueKind() == System.Text.Json.JsonValueKind.String && t.GetValue<string>() == VerifiablePresentation.PresentationType);
        try
        {
            if (isPresentation)
            {
                var challenge = options.Single("--challenge");
                var domain = options.Single("--domain");
                if (string.IsNullOrEmpty(challenge) || string.IsNullOrEmpty(domain))
                {
                    throw new CliUsageException("vc sign: a presentation needs --challenge and --domain");
                }

                signed = VerifiablePresentation.Sign(document, key, challenge, domain, created);
            }
            else
            {
                if (options.Single("--challenge") is not null || options.Single("--domain") is not null)
                {
                    throw new CliUsageException("vc sign: --challenge and --domain apply to presentations only");
                }

                signed = ParseOrUsage(documentPath, () => ClaimCredential.Parse(document)).Sign(key, created);
            }
        }
        catch (ArgumentException e)
        {
            throw new CliUsageException($"{documentPath}: {e.Message}");
        }

        context.Stdout.WriteLine(signed.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    // A snarkjs verification_key.json carries no circuit; the CLI binds it to the built-in claim circuit's
    // hash, so verification fails (pairing) if the key was made for another circuit.
    private static Dictionary<string, VerifyingKey> ReadKeys(string? path)
    {
        var keys = new Dictionary<string, VerifyingKey>(StringComparer.Ordinal);
        if (path is null)
        {
            return keys;
        }

        if (Directory.Exists(path))
        {
            foreach (var circuit in ClaimCircuits.All)
            {
                var file = Path.Combine(path, circuit.Id + ".json");
                if (File.Exists(file))
                {
                    keys[circuit.Id] = ReadKey(file, circuit);
                }
            }

            return keys;
        }

        keys[ClaimCircuits.Range.Id] = ReadKey(path, ClaimCircuits.Range);
        return keys;
    }

    private static VerifyingKey ReadKey(string path, BuiltInCircuit circuit) =>
        CliFiles.Parse(path, () => SnarkjsJson.ReadVerifyingKey(CliFiles.ReadText(path))).BindTo(circuit.CircuitHash);

    private static (string Challenge, string Domain) ChallengeAndDomain(CliOptions options, string presentationJson)
    {
        var challenge = options.Single("--challenge");
        var domain = options.Single("--domain");
        if ((challenge is null) != (domain is null))
        {
            throw new CliUsageException("vc verify: --challenge and --domain go together");
        }

        if (challenge is not null)
        {
            return (challenge, domain!);
        }

        // Offline check of a file: take the signed values so HOLDER_BINDING checks the signature itself.
        // A presentation without them fails HOLDER_BINDING on the placeholder.
        JsonObject? proof = null;
        try
        {
            proof = CredentialJson.Parse(presentationJson)["proof"] as JsonObject;
        }
        catch (CredentialFormatException)
        {
            // DECODE reports it.
        }

        return (ProofString(proof, "challenge"), ProofString(proof, "domain"));
    }

    private static string ProofString(JsonObject? proof, string name) =>
        proof?[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : "(none)";

    private static Ed25519PrivateKey ReadSeed(string path)
    {
        var text = CliFiles.ReadText(path).Trim();
        if (text.Length != 2 * Ed25519PrivateKey.SeedSize || !text.All(char.IsAsciiHexDigit))
        {
            throw new CliUsageException($"{path}: expected the 32-byte Ed25519 seed as 64 hex digits");
        }

        var seed = Convert.FromHexString(text);
        try
        {
            return Ed25519PrivateKey.FromSeed(seed);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static DateTimeOffset ParseDateTime(string option, string text) =>
        XmlDateTime.TryParse(text, out var value)
            ? value
            : throw new CliUsageException($"{option}: '{text}' is not an XML Schema date-time with a zone (e.g. 2026-06-01T12:00:00Z)");

    private static T ParseOrUsage<T>(string path, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (CredentialFormatException e)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
