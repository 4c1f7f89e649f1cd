using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Credentials;
using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Credentials.Vc;
using Zkp.Testing;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Api.Tests.Functional;

/// <summary>An issuer with an admin, and a member with attributes on file: the starting point of every credential test.</summary>
public abstract class CredentialTestBase(PostgresCluster cluster) : RegistryTestBase(cluster)
{
    protected const string Attributes = """{"annual_income":85000,"credit_score":742,"account_opened_on":"2019-03-01","membership_status":"active","employment_status":"employed","employment_months":38,"dti_ratio_bps":2800}""";

    protected string PlatformAdmin { get; private set; } = "";

    protected string IssuerId { get; private set; } = "";

    protected string IssuerDid { get; private set; } = "";

    protected string IssuerAdmin { get; private set; } = "";

    protected string MemberEmail { get; private set; } = "";

    protected string MemberId { get; private set; } = "";

    protected string MemberToken { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        PlatformAdmin = await AdminLoginAsync();
        var issuer = await CreateIssuerAsync(PlatformAdmin);
        IssuerId = Str(issuer, "id");
        IssuerDid = Str(issuer, "did");
        IssuerAdmin = await IssuerAdminAsync(PlatformAdmin, IssuerId);
        (MemberEmail, MemberId, MemberToken) = await MemberAsync(Attributes);
    }

    /// <summary>Registers a member, writes <paramref name="attributes"/> (unless null) and logs in.</summary>
    protected async Task<(string Email, string Id, string Token)> MemberAsync(string? attributes)
    {
        var email = await RegisterMemberAsync(NewEmail("member"));
        if (attributes is not null)
        {
            using var put = await PutJsonAsync($"/api/v1/issuer/members/{email}/attributes", attributes, bearer: IssuerAdmin);
            await JsonAsync(put, HttpStatusCode.OK);
        }

        var id = await SqlAsync($"select id from accounts where email = '{email}'");
        return (email, id, Str(await LoginMemberAsync(email), "access_token"));
    }

    protected Task<HttpResponseMessage> IssueAsync(object body, string? token = null, bool asynchronous = false) =>
        PostJsonAsync("/api/v1/credentials/issue" + (asynchronous ? "?async=true" : ""), body, bearer: token ?? MemberToken);

    /// <summary>Everything issuance writes, as one string, to compare before and after a refusal.</summary>
    protected Task<string> IssuanceStateAsync() => SqlAsync(
        "select (select count(*) from credentials), (select count(*) from status_lists), (select coalesce(sum(allocated_count), 0) from status_lists), " +
        "(select count(*) from webhook_deliveries), (select count(*) from member_keys), (select count(*) from issuance_jobs where status in ('succeeded', 'running'))");

    /// <summary>The issuer's signature verifies and the Groth16 proof verifies under the server's key with exactly the signed public signals.</summary>
    protected void AssertCredentialVerifies(JsonElement credential)
    {
        var document = JsonNode.Parse(credential.GetRawText())!.AsObject();
        Assert.True(ClaimCredential.VerifyIssuerSignature(document).Verified);
        var parsed = ClaimCredential.Parse(document);
        var keys = Factory.Services.GetRequiredService<ClaimKeys>();
        var signals = ClaimCommitment.RangePublicSignals(Fr.Parse(parsed.Commitment), parsed.Bounds.Lower, parsed.Bounds.Upper, ClaimCommitment.BindingFor(parsed.Id!));
        Assert.Equal(parsed.PublicSignals, signals.Select(s => s.ToString()));
        var proof = SnarkjsJson.ReadProof(parsed.ZkProof.ToJsonString());
        Assert.True(Groth16Verifier.Verify(keys.VerifyingKey, ClaimCircuits.Range.CircuitHash, signals, proof));
    }
}
