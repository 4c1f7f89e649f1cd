using System.Net;
using Zkp.Testing;

namespace Zkp.Api.Tests.Verification;

/// <summary>verify/proof counts against the plan's monthly quota; a refused run records and counts nothing.</summary>
public sealed class VerificationQuotaTests(PostgresCluster cluster) : VerificationTestBase(cluster)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Plans:Free:MonthlyQuota"] = "2" };

    [Fact]
    public async Task Verify_proof_beyond_the_monthly_quota_is_429_and_records_nothing()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        await VerifyProofOkAsync(token);
        await VerifyProofOkAsync(token);
        var before = await VerificationStateAsync();

        using var refused = await VerifyProofAsync(token);

        var problem = await ProblemAsync(refused, (HttpStatusCode)429, "quota_exceeded");
        Assert.Equal("The monthly verification quota of your plan is used up. It resets at the start of next month (UTC).", Str(problem, "detail"));
        Assert.Equal(before, await VerificationStateAsync());
        Assert.Equal("2|2", await SqlAsync("select (select count(*) from verifications), (select sum(used) from quota_usage)"));
        Assert.Equal(2, await QuotaUsedAsync());
    }
}
