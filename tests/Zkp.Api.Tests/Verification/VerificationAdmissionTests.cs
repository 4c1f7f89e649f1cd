using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Admission;
using Zkp.Testing;

namespace Zkp.Api.Tests.Verification;

/// <summary>
/// Admission of verification requests (<c>Admission</c> settings) with one place and two queue slots: the test holds
/// the place itself, so which request waits and which is refused does not depend on timing.
/// </summary>
public sealed class VerificationAdmissionTests(PostgresCluster cluster) : VerificationTestBase(cluster)
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Admission:VerificationPermitLimit"] = "1",
        ["Admission:VerificationQueueLimit"] = "2",
    };

    private System.Threading.RateLimiting.ConcurrencyLimiter Limiter =>
        Factory.Services.GetRequiredService<VerificationAdmission>().Limiter ?? throw new InvalidOperationException("admission is off");

    private async Task WaitForQueuedAsync(long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Limiter.GetStatistics()!.CurrentQueuedCount != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} queued, have {Limiter.GetStatistics()!.CurrentQueuedCount}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Over_the_queue_verify_proof_and_verify_token_get_503_server_busy_and_nothing_is_written()
    {
        var (id, _) = await IssueCredentialAsync();
        var token = await TokenForAsync(id);
        var before = await VerificationStateAsync();

        var held = await Limiter.AcquireAsync(1);
        Assert.True(held.IsAcquired);
        var queued = VerifyProofAsync(token);
        await WaitForQueuedAsync(1);
        var queuedToo = VerifyProofAsync(token);
        await WaitForQueuedAsync(2);

        foreach (var path in new[] { "/api/v1/verify/proof", "/api/v1/verify/token", "/api/v1/qr/resolve" })
        {
            using var refused = await PostJsonAsync(path, new { token }, apiKey: LenderKey);
            var problem = await ProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "server_busy");
            Assert.Equal(AdmissionMiddleware.BusyDetail, Str(problem, "detail"));
            Assert.Equal("1", Assert.Single(refused.Headers.GetValues("Retry-After")));
        }

        // The queued requests have not run either: nothing recorded, no challenge used, no quota counted.
        Assert.False(queued.IsCompleted || queuedToo.IsCompleted);
        Assert.Equal(before, await VerificationStateAsync());

        held.Dispose();
        foreach (var waiting in new[] { queued, queuedToo })
        {
            using var answered = await waiting;
            Assert.True((await JsonAsync(answered, HttpStatusCode.OK)).GetProperty("all_verified").GetBoolean());
        }

        Assert.Equal("2|2", await SqlAsync("select (select count(*) from verifications), (select sum(used) from quota_usage)"));

        // Places are free again: a refused request succeeds when retried.
        var retried = await VerifyProofOkAsync(token);
        Assert.True(retried.GetProperty("all_verified").GetBoolean());
        Assert.Equal("3|3", await SqlAsync("select (select count(*) from verifications), (select sum(used) from quota_usage)"));
    }

    [Fact]
    public async Task Queued_verifications_run_oldest_first()
    {
        var (id, _) = await IssueCredentialAsync();
        var first = await TokenForAsync(id);
        var second = await TokenForAsync(id);

        var held = await Limiter.AcquireAsync(1);
        var a = VerifyProofAsync(first);
        await WaitForQueuedAsync(1);
        var b = VerifyProofAsync(second);
        await WaitForQueuedAsync(2);
        held.Dispose();
        using (var answerA = await a)
        using (var answerB = await b)
        {
            Assert.Equal(HttpStatusCode.OK, answerA.StatusCode);
            Assert.Equal(HttpStatusCode.OK, answerB.StatusCode);
        }

        // With one place, the second request's transaction can only begin after the first one's committed, so the
        // transaction ids of the recorded rows give the order the requests were admitted in.
        Assert.Equal(
            $"{Hash(first)}\n{Hash(second)}",
            await SqlAsync("select encode(token_hash, 'hex') from verifications order by xmin::text::bigint"));
    }
}
