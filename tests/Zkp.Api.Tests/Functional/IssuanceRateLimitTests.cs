using System.Net;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

/// <summary>POST /credentials/issue is limited to 10 requests a minute per member, as the guide's published limits say.</summary>
public sealed class IssuanceRateLimitTests(PostgresCluster cluster) : CredentialTestBase(cluster)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["RateLimits:Policies:account:PermitLimit"] = "10",
        ["RateLimits:Policies:account:WindowSeconds"] = "60",
    };

    [Fact]
    public async Task The_eleventh_request_in_a_minute_is_429_with_retry_after_and_other_members_are_not_affected()
    {
        for (var i = 1; i <= 10; i++)
        {
            using var refused = await IssueAsync(new { claim_type = "salary", threshold = 1 });
            await ProblemAsync(refused, HttpStatusCode.BadRequest, "unknown_claim_type");
            Assert.Equal("10", refused.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal((10 - i).ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using (var limited = await IssueAsync(new { claim_type = "income_range", threshold = 50000 }))
        {
            Assert.Equal("Rate limit exceeded. Please try again later.", Str(await ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited"), "detail"));
            Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }

        Assert.Equal("0", await SqlAsync("select count(*) from credentials"));
        var (_, _, other) = await MemberAsync(Attributes);
        using var fresh = await IssueAsync(new { claim_type = "income_range", threshold = 50000 }, other);
        await JsonAsync(fresh, HttpStatusCode.Created);
    }
}
