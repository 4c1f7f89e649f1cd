using System.Net;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

/// <summary>The trust registry's own limit (60/min by default; lowered here to keep the test short).</summary>
public sealed class TrustRegistryRateLimitTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Policies:trust_registry:PermitLimit"] = "2",
        ["RateLimits:Policies:trust_registry:WindowSeconds"] = "60",
    };

    [Fact]
    public async Task The_third_read_in_a_window_is_refused_with_429()
    {
        var token = Str(await LoginMemberAsync(await RegisterMemberAsync(NewEmail())), "access_token");
        for (var i = 0; i < 2; i++)
        {
            using var ok = await GetAsync("/api/v1/trust-registry", bearer: token);
            Assert.Equal("[]", (await JsonAsync(ok, HttpStatusCode.OK)).GetRawText());
            Assert.Equal("2", ok.Headers.GetValues("X-RateLimit-Limit").Single());
        }

        using var limited = await GetAsync("/api/v1/trust-registry", bearer: token);
        await ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(limited.Headers.Contains("Retry-After"));
    }
}
