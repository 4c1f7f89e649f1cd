using System.Text.Json.Nodes;
using Zkp.Circuits;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;
using Zkp.Credentials.Vc;

namespace Zkp.Cli.Tests;

public sealed class VcInspectTests : TempDirectoryTest
{
    private const string Commitment = "14744269619966411208579211824598458697587494354926760081771325075741142829156";
    private const string Binding = "7181604221086258825876318314164030211716227903962961283285332066712225302520";
    private static readonly DateTimeOffset ValidFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ValidUntil = new(2026, 12, 31, 23, 59, 59, TimeSpan.Zero);

    private static Ed25519PrivateKey Key(byte fill) => Ed25519PrivateKey.FromSeed(Enumerable.Repeat(fill, 32).ToArray());

    private static string Did(Ed25519PrivateKey key) => DidKey.FromPublicKey(key.PublicKey).Did;

    // Shape of a snarkjs proof.json; inspect never runs the pairing, so the numbers are arbitrary.
    private static JsonObject ProofShape() => JsonNode.Parse("""
        {"pi_a": ["1", "2", "1"], "pi_b": [["1", "2"], ["3", "4"], ["1", "0"]], "pi_c": ["5", "6", "1"], "protocol": "groth16", "curve": "bn128"}
        """)!.AsObject();

    private static JsonObject SignedCredential(Ed25519PrivateKey issuer, Ed25519PrivateKey subject) => new ClaimCredential
    {
        Id = "urn:uuid:3f1c2a9e-0b7d-4c55-9a61-2f4e8d1b6c70",
        Issuer = Did(issuer),
        ValidFrom = ValidFrom,
        ValidUntil = ValidUntil,
        Status = CredentialStatusEntry.ForRevocation("https://issuer.example/status/1", 42),
        SubjectId = Did(subject),
        ClaimType = "income_range",
        Bounds = new(50_000, ulong.MaxValue),
        Commitment = Commitment,
        CircuitId = ClaimCircuits.Range.Id,
        Binding = Binding,
        ZkProof = ProofShape(),
        PublicSignals = [Commitment, "50000", "18446744073709551615", Binding],
    }.Sign(issuer, ValidFrom);

    private static string CredentialSummary(string issuer, string subject, string indent, string signature) =>
        "Verifiable credential (ZkpClaimCredential)\n" +
        $"{indent}  id:               urn:uuid:3f1c2a9e-0b7d-4c55-9a61-2f4e8d1b6c70\n" +
        $"{indent}  issuer:           {issuer}\n" +
        $"{indent}  subject:          {subject}\n" +
        $"{indent}  claim:            income_range: Above $50,000 (lower 50000, upper 18446744073709551615, USD per year)\n" +
        $"{indent}  commitment:       {Commitment}\n" +
        $"{indent}  binding:          {Binding}\n" +
        $"{indent}  circuit:          zkp.claim-range.v1\n" +
        $"{indent}  public signals:   {Commitment}, 50000, 18446744073709551615, {Binding}\n" +
        $"{indent}  valid from:       2026-01-01T00:00:00Z\n" +
        $"{indent}  valid until:      2026-12-31T23:59:59Z\n" +
        $"{indent}  status:           revocation, index 42 in https://issuer.example/status/1 (not fetched)\n" +
        $"{indent}  issuer signature: {signature}\n";

    [Fact]
    public void Summarises_a_signed_credential()
    {
        using var issuer = Key(1);
        using var subject = Key(2);
        var path = WriteFile("vc.json", SignedCredential(issuer, subject).ToJsonString());

        Assert.Equal(
            new CliResult(0, CredentialSummary(Did(issuer), Did(subject), string.Empty, "valid"), string.Empty),
            Cli.Run("vc", "inspect", path));
    }

    [Fact]
    public void Shows_a_tampered_credential_signature_as_not_valid()
    {
        using var issuer = Key(1);
        using var subject = Key(2);
        var credential = SignedCredential(issuer, subject);
        credential["validUntil"] = "2030-01-01T00:00:00Z";
        var path = WriteFile("vc.json", credential.ToJsonString());

        var result = Cli.Run("vc", "inspect", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  valid until:      2030-01-01T00:00:00Z\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("  issuer signature: NOT VALID (SignatureMismatch: the Ed25519 signature does not match the document)\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarises_a_presentation_and_its_credentials()
    {
        using var issuer = Key(1);
        using var holder = Key(2);
        var presentation = VerifiablePresentation.Sign(
            VerifiablePresentation.Create(Did(holder), [SignedCredential(issuer, holder)], "urn:uuid:presentation-1"),
            holder, "challenge-123", "lender.example", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var path = WriteFile("vp.json", presentation.ToJsonString());

        Assert.Equal(
            new CliResult(0,
                "Verifiable presentation\n" +
                "  id:               urn:uuid:presentation-1\n" +
                $"  holder:           {Did(holder)}\n" +
                "  proof:            eddsa-jcs-2022, purpose authentication, challenge challenge-123, domain lender.example, " +
                "created 2026-03-01T12:00:00Z (not checked: needs the verifier's challenge)\n" +
                "  credentials:      1\n" +
                "\n[1] " + CredentialSummary(Did(issuer), Did(holder), "    ", "valid"),
                string.Empty),
            Cli.Run("vc", "inspect", path));
    }

    [Theory]
    [InlineData("{\"type\": ", "the document is not valid JSON: ")]
    [InlineData("[1]", "the document is not a JSON object")]
    [InlineData("{\"a\": 1, \"a\": 2}", "the document contains a duplicate property name")]
    public void Malformed_json_is_a_usage_error(string json, string expectedStart)
    {
        var path = WriteFile("bad.json", json);

        var result = Cli.Run("vc", "inspect", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith($"zkp: {path}: {expectedStart}", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_document_that_is_not_a_claim_credential_is_a_usage_error()
    {
        var path = WriteFile("other.json", """{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}""");

        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {path}: not a claim credential: type must include 'VerifiableCredential' and 'ZkpClaimCredential'\n"),
            Cli.Run("vc", "inspect", path));
    }
}
