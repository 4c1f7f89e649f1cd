using System.Text.Json.Nodes;
using Zkp.Circuits;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Did;
using Zkp.Credentials.Status;
using Zkp.Credentials.Verification;
using Zkp.Credentials.Vc;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Cli.Tests;

/// <summary>One claim-circuit setup and one issued credential for the <c>zkp vc verify</c>/<c>sign</c> tests.</summary>
public sealed class VcVerifyFixture : IDisposable
{
    public static readonly DateTimeOffset ValidFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public VcVerifyFixture()
    {
        ProvingKey = Groth16Setup.Run(ClaimCircuits.Range.Compiled.R1cs);
        Credential = ClaimIssuance.Issue(new ClaimIssuanceRequest
        {
            IssuerKey = Issuer,
            MemberDid = Did(Member),
            ClaimType = ClaimCatalogue.IncomeRange,
            Threshold = 50_000,
            Value = 64_000,
            ProvingKey = ProvingKey,
            CredentialId = "urn:uuid:00000000-0000-4000-8000-00000000c11c",
            ValidFrom = ValidFrom,
            ValidUntil = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero),
            Status = CredentialStatusEntry.ForRevocation("https://issuer.example/status/1", 7),
        });
    }

    public Ed25519PrivateKey Issuer { get; } = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)1, 32).ToArray());

    public Ed25519PrivateKey Member { get; } = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)2, 32).ToArray());

    public ProvingKey ProvingKey { get; }

    public JsonObject Credential { get; }

    public static string Did(Ed25519PrivateKey key) => DidKey.FromPublicKey(key.PublicKey).Did;

    public JsonObject StatusList(params int[] revoked)
    {
        var list = new BitstringStatusList();
        foreach (var index in revoked)
        {
            list[index] = true;
        }

        return StatusListCredential.Sign(StatusListCredential.Create("https://issuer.example/status/1", Did(Issuer), "revocation", list, ValidFrom), Issuer, ValidFrom);
    }

    public void Dispose()
    {
        Issuer.Dispose();
        Member.Dispose();
    }
}

public sealed class VcVerifyTests(VcVerifyFixture fixture) : TempDirectoryTest, IClassFixture<VcVerifyFixture>
{
    private const string At = "2026-06-01T12:00:00Z";

    private string Registry(string status = "active") => WriteFile("registry.json", $$"""
        [{"id": "1", "did": "{{VcVerifyFixture.Did(fixture.Issuer)}}", "name": "Sample Credit Union", "ncua_charter": "12345", "status": "{{status}}", "created_at": "2026-01-15T12:00:00"}]
        """);

    private string Presentation(string challenge = "nonce-1", string domain = "lender.example")
    {
        var unsigned = VerifiablePresentation.Create(VcVerifyFixture.Did(fixture.Member), [fixture.Credential]);
        return WriteFile("presentation.json", VerifiablePresentation.Sign(unsigned, fixture.Member, challenge, domain, VcVerifyFixture.ValidFrom).ToJsonString());
    }

    private string Key() => WriteFile("vk.json", SnarkjsJson.WriteVerifyingKey(fixture.ProvingKey.VerifyingKey));

    private static string Passed(string step, string detail) => $"{step,-15} passed {detail}\n";

    private static readonly string AllPassed =
        Passed("DECODE", "W3C VC decoded") + Passed("FRESHNESS", "Credential valid") + Passed("ISSUER_AUTH", "Issuer signature valid") +
        Passed("ZKP_VERIFY", "Groth16 proof verified") + Passed("REVOCATION", "Not revoked") + Passed("HOLDER_BINDING", "DID matches");

    [Fact]
    public void Prints_six_passed_steps_and_the_auto_fill()
    {
        var status = WriteFile("status.json", fixture.StatusList(3).ToJsonString());
        var result = Cli.Run("vc", "verify", Presentation(), "--trust", Registry(), "--status", status, "--vk", Key(), "--challenge", "nonce-1", "--domain", "lender.example", "--at", At);

        Assert.Equal(
            new CliResult(0, AllPassed + $"all verified: member {VcVerifyFixture.Did(fixture.Member)}, issuer Sample Credit Union (NCUA 12345)\n  income_range: Above $50,000\n", string.Empty),
            result);
    }

    [Fact]
    public void Reads_the_key_from_a_directory_by_circuit_id_and_the_challenge_from_the_file()
    {
        var keys = System.IO.Directory.CreateDirectory(PathOf("keys")).FullName;
        File.WriteAllText(Path.Combine(keys, "zkp.claim-range.v1.json"), SnarkjsJson.WriteVerifyingKey(fixture.ProvingKey.VerifyingKey));
        var status = WriteFile("status.json", fixture.StatusList().ToJsonString());

        var result = Cli.Run("vc", "verify", Presentation(), "--trust", Registry(), "--status", status, "--vk", keys, "--at", At);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(AllPassed, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_revoked_credential_stops_at_revocation_with_exit_1()
    {
        var status = WriteFile("status.json", fixture.StatusList(7).ToJsonString());
        var result = Cli.Run("vc", "verify", Presentation(), "--trust", Registry(), "--status", status, "--vk", Key(), "--at", At);

        Assert.Equal(
            new CliResult(
                1,
                Passed("DECODE", "W3C VC decoded") + Passed("FRESHNESS", "Credential valid") + Passed("ISSUER_AUTH", "Issuer signature valid") +
                Passed("ZKP_VERIFY", "Groth16 proof verified") +
                "REVOCATION      failed CREDENTIAL_REVOKED: income_range: the credential is revoked: status bit 7 is set (revocation)\n",
                "zkp: verification failed at REVOCATION (CREDENTIAL_REVOKED)\n"),
            result);
    }

    [Fact]
    public void A_suspended_issuer_stops_at_issuer_auth()
    {
        var result = Cli.Run("vc", "verify", Presentation(), "--trust", Registry("suspended"), "--vk", Key(), "--at", At);
        Assert.Equal(
            new CliResult(
                1,
                Passed("DECODE", "W3C VC decoded") + Passed("FRESHNESS", "Credential valid") +
                "ISSUER_AUTH     failed ISSUER_NOT_ACTIVE: issuer Sample Credit Union is suspended\n",
                "zkp: verification failed at ISSUER_AUTH (ISSUER_NOT_ACTIVE)\n"),
            result);
    }

    [Fact]
    public void Without_a_key_zkp_verify_fails()
    {
        var result = Cli.Run("vc", "verify", Presentation(), "--trust", Registry(), "--at", At);
        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("ZKP_VERIFY      failed CIRCUIT_KEY_MISSING: income_range: no verifying key for circuit zkp.claim-range.v1\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_challenge_fails_holder_binding()
    {
        var status = WriteFile("status.json", fixture.StatusList().ToJsonString());
        var result = Cli.Run("vc", "verify", Presentation(), "--trust", Registry(), "--status", status, "--vk", Key(), "--challenge", "nonce-2", "--domain", "lender.example", "--at", At);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("zkp: verification failed at HOLDER_BINDING (CHALLENGE_MISMATCH)\n", result.Stderr);
    }

    [Fact]
    public void Malformed_presentation_json_fails_decode()
    {
        var result = Cli.Run("vc", "verify", WriteFile("bad.json", "{\"type\":"), "--trust", Registry(), "--at", At);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("DECODE          failed MALFORMED_JSON: ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_inputs_exit_2()
    {
        var presentation = Presentation();
        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: cannot read '{PathOf("missing.json")}': file not found\n"),
            Cli.Run("vc", "verify", PathOf("missing.json"), "--trust", Registry()));
        Assert.Equal(
            new CliResult(2, string.Empty, "zkp: vc verify: --trust is required (usage: zkp vc verify <presentation.json> --trust <registry.json> [--status <list.json>]... [--vk <dir|file>] [--challenge <c> --domain <d>] [--at <date-time>])\n"),
            Cli.Run("vc", "verify", presentation));
        var badRegistry = WriteFile("bad-registry.json", "{}");
        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {badRegistry}: trust registry: must be an array of issuers\n"),
            Cli.Run("vc", "verify", presentation, "--trust", badRegistry));
        Assert.Equal(2, Cli.Run("vc", "verify", presentation, "--trust", Registry(), "--challenge", "x").ExitCode);
        Assert.Equal(2, Cli.Run("vc", "verify", presentation, "--trust", Registry(), "--at", "yesterday").ExitCode);
        Assert.Equal(2, Cli.Run("vc", "verify", presentation, "--trust", Registry(), "--frobnicate", "1").ExitCode);
    }

    [Fact]
    public void Signs_a_credential_exactly_as_the_library()
    {
        var unsigned = fixture.Credential.DeepClone().AsObject();
        unsigned.Remove("proof");
        var document = WriteFile("credential.json", unsigned.ToJsonString());
        var seed = WriteFile("issuer.seed", Convert.ToHexStringLower(Enumerable.Repeat((byte)1, 32).ToArray()) + "\n");

        var result = Cli.Run("vc", "sign", document, seed, "--created", "2026-01-01T00:00:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(fixture.Credential, JsonNode.Parse(result.Stdout)));
    }

    [Fact]
    public void Signs_a_presentation_that_vc_verify_accepts()
    {
        var unsigned = VerifiablePresentation.Create(VcVerifyFixture.Did(fixture.Member), [fixture.Credential]);
        var document = WriteFile("unsigned.json", unsigned.ToJsonString());
        var seed = WriteFile("member.seed", Convert.ToHexStringLower(Enumerable.Repeat((byte)2, 32).ToArray()));

        var signed = Cli.Run("vc", "sign", document, seed, "--challenge", "n-42", "--domain", "lender.example", "--created", "2026-06-01T11:59:00Z");
        Assert.Equal(0, signed.ExitCode);
        var presentation = WriteFile("signed.json", signed.Stdout);
        var proof = JsonNode.Parse(signed.Stdout)!["proof"]!;
        Assert.Equal("authentication", proof["proofPurpose"]!.GetValue<string>());
        Assert.Equal("n-42", proof["challenge"]!.GetValue<string>());

        var status = WriteFile("status.json", fixture.StatusList().ToJsonString());
        var verified = Cli.Run("vc", "verify", presentation, "--trust", Registry(), "--status", status, "--vk", Key(), "--challenge", "n-42", "--domain", "lender.example", "--at", At);
        Assert.Equal(0, verified.ExitCode);
    }

    [Fact]
    public void Sign_refuses_a_key_that_is_not_the_issuers_and_a_bad_seed()
    {
        var document = WriteFile("credential.json", fixture.Credential.ToJsonString());
        var memberSeed = WriteFile("member.seed", Convert.ToHexStringLower(Enumerable.Repeat((byte)2, 32).ToArray()));
        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {document}: The signing key is not the issuer DID's key. (Parameter 'issuerKey')\n"),
            Cli.Run("vc", "sign", document, memberSeed));
        var badSeed = WriteFile("bad.seed", "abc");
        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {badSeed}: expected the 32-byte Ed25519 seed as 64 hex digits\n"),
            Cli.Run("vc", "sign", document, badSeed));
        Assert.Equal(
            new CliResult(2, string.Empty, "zkp: vc sign: --challenge and --domain apply to presentations only\n"),
            Cli.Run("vc", "sign", document, memberSeed, "--challenge", "x"));
    }
}
