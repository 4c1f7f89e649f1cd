using System.Text.Json.Nodes;
using Zkp.Credentials.Did;
using Zkp.Credentials.Status;
using Zkp.Credentials.Vc;

namespace Zkp.Credentials.Tests;

public sealed class DocumentationExampleTests
{
    // The JSON blocks of docs/credentials.md in order: DID document, credential, presentation, status list.
    private static List<JsonObject> Examples()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "credentials.md"));
        var blocks = new List<JsonObject>();
        foreach (var part in text.Split("```json\n").Skip(1))
        {
            blocks.Add(JsonNode.Parse(part[..part.IndexOf("```", StringComparison.Ordinal)])!.AsObject());
        }

        return blocks;
    }

    [Fact]
    public void Documentation_has_four_examples()
    {
        Assert.Equal(4, Examples().Count);
    }

    [Fact]
    public void Did_document_example_is_what_the_holder_did_resolves_to()
    {
        using var holder = TestKeys.FromByte(2);
        Assert.True(JsonNode.DeepEquals(DidKey.FromPublicKey(holder.PublicKey).ResolveDocument(), Examples()[0]));
    }

    [Fact]
    public void Credential_example_parses_and_its_issuer_signature_verifies()
    {
        var credential = Examples()[1];
        Assert.True(ClaimCredential.VerifyIssuerSignature(credential).Verified);
        Assert.Equal("Above $50,000", ClaimCredential.Parse(credential).Definition.AutoFillText(ClaimCredential.Parse(credential).Bounds));
    }

    [Fact]
    public void Presentation_example_verifies_for_its_challenge_and_domain()
    {
        var result = VerifiablePresentation.Verify(Examples()[2], "6f1d0a3c-9d2e-4d41-bf7b-2a4c0c3b9e11", "lender.example");
        Assert.True(result.Verified, result.Detail);
        Assert.Equal(ClaimCredential.Parse(Assert.Single(result.Credentials)).SubjectId, result.Holder);
    }

    [Fact]
    public void Status_list_example_verifies_and_has_only_bit_7_set()
    {
        var list = Examples()[3];
        using var issuer = TestKeys.FromByte(1);
        var at = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var seven = StatusListCredential.Check(CredentialStatusEntry.ForRevocation("https://issuer.example/status/1", 7), list, TestKeys.Did(issuer), at);
        Assert.True(seven.Succeeded, seven.Detail);
        Assert.True(seven.IsSet);
        var decoded = BitstringStatusList.Decode(list["credentialSubject"]!["encodedList"]!.GetValue<string>());
        Assert.Equal([7], Enumerable.Range(0, decoded.Length).Where(i => decoded[i]));
    }
}
