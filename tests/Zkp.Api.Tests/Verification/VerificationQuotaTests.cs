using System.Net;
using Zkp.Api.Verification;
using Zkp.Testing;

namespace Zkp.Api.Tests.Verification;

/// <summary>
/// verify/proof counts against the plan's monthly quota; a refused run records and counts nothing, and once refused a
/// lender is refused again without a pipeline run until the count allows one.
/// </summary>
public sealed class VerificationQuotaTests(PostgresCluster cluster) : VerificationTestBase(cluster)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Plans:Free:MonthlyQuota"] = "2" };

    [Fact]
    public async Task Verify_proof_beyond_the_monthly_quota_is_429_and_records_nothing()
    {
        var token = await UseUpQuotaAsync();
        var before = await VerificationStateAsync();

        using var refused = await VerifyProofAsync(token);

        var problem = await ProblemAsync(refused, (HttpStatusCode)429, "quota_exceeded");
        Assert.Equal(QuotaDetail, Str(problem, "detail"));
        Assert.Equal(ExpectedRetryAfter(), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(before, await VerificationStateAsync());
        Assert.Equal("2|2", await SqlAsync("select (select count(*) from verifications), (select sum(used) from quota_usage)"));
        Assert.Equal(2, await QuotaUsedAsync());
    }

    [Fact]
    public async Task A_refused_run_on_a_fresh_token_leaves_its_challenge_unused()
    {
        // The count is taken last in the run's transaction, so a refused run was rolled back after the pipeline
        // consumed the challenge: nothing of it may remain, and the token verifies once the quota allows.
        var (id, _) = await IssueCredentialAsync();
        await VerifyProofOkAsync(await TokenForAsync(id));
        await VerifyProofOkAsync(await TokenForAsync(id));
        var fresh = await TokenForAsync(id);
        var before = await VerificationStateAsync();

        using var refused = await VerifyProofAsync(fresh);

        await ProblemAsync(refused, (HttpStatusCode)429, "quota_exceeded");
        Assert.Equal(before, await VerificationStateAsync());
        Assert.Equal("0", await SqlAsync($"select count(*) from used_challenges where token_hash = decode('{Hash(fresh)}', 'hex')"));
        await SqlAsync("update quota_usage set used = 0");
        await VerifyProofOkAsync(fresh);
        Assert.Equal("1", await SqlAsync($"select count(*) from used_challenges where token_hash = decode('{Hash(fresh)}', 'hex')"));
    }

    [Fact]
    public async Task Once_refused_a_lender_over_quota_is_refused_again_without_a_pipeline_run()
    {
        using var metrics = new MetricsRecorder(Factory.Services, VerificationMetrics.MeterName);
        var token = await UseUpQuotaAsync();
        using var refusedAfterRun = await VerifyProofAsync(token);
        await ProblemAsync(refusedAfterRun, (HttpStatusCode)429, "quota_exceeded");
        var before = await VerificationStateAsync();

        using var refusedBeforeRun = await VerifyProofAsync(token);

        var problem = await ProblemAsync(refusedBeforeRun, (HttpStatusCode)429, "quota_exceeded");
        Assert.Equal(QuotaDetail, Str(problem, "detail"));
        Assert.Equal(ExpectedRetryAfter(), refusedBeforeRun.Headers.RetryAfter?.Delta);
        Assert.Equal(before, await VerificationStateAsync());
        Assert.Equal(2, await QuotaUsedAsync());
        Assert.Equal(
            ["zkp.verification.runs outcome=verified", "zkp.verification.runs outcome=verified", "zkp.verification.runs outcome=verified",
             "zkp.verification.quota_refusals stage=after_run", "zkp.verification.quota_refusals stage=before_run"],
            metrics.Measurements);
    }

    [Fact]
    public async Task A_refused_lender_whose_count_is_lowered_runs_again_at_once()
    {
        using var metrics = new MetricsRecorder(Factory.Services, VerificationMetrics.MeterName);
        var token = await UseUpQuotaAsync();
        using var refused = await VerifyProofAsync(token);
        await ProblemAsync(refused, (HttpStatusCode)429, "quota_exceeded");

        await SqlAsync("update quota_usage set used = 1");
        var body = await VerifyProofOkAsync(token);
        using var refusedAgainAfterRun = await VerifyProofAsync(token);

        Assert.True(body.GetProperty("all_verified").GetBoolean());
        await ProblemAsync(refusedAgainAfterRun, (HttpStatusCode)429, "quota_exceeded");
        Assert.Equal(2, await QuotaUsedAsync());
        Assert.Equal(
            ["zkp.verification.runs outcome=verified", "zkp.verification.runs outcome=verified", "zkp.verification.runs outcome=verified",
             "zkp.verification.quota_refusals stage=after_run", "zkp.verification.runs outcome=verified",
             "zkp.verification.runs outcome=verified", "zkp.verification.quota_refusals stage=after_run"],
            metrics.Measurements);
    }

    private const string QuotaDetail = "The monthly verification quota of your plan is used up. It resets at the start of next month (UTC).";

    // A token whose two verifications used up the plan's quota of two; its next verification is refused.
    private async Task<string> UseUpQuotaAsync()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        await VerifyProofOkAsync(token);
        await VerifyProofOkAsync(token);
        return token;
    }

    private TimeSpan ExpectedRetryAfter() => TimeSpan.FromSeconds(Zkp.Api.Quotas.QuotaService.SecondsUntilReset(Factory.Clock.GetUtcNow()));
}
