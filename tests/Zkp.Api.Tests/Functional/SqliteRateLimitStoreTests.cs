using System.Net;

namespace Zkp.Api.Tests.Functional;

/// <summary><c>RateLimits:Store = database</c> on the embedded default: the same upserts and the sweep run on SQLite.</summary>
public sealed class SqliteRateLimitStoreTests : ApiTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Store"] = "database",
        ["RateLimits:Policies:trust_registry:PermitLimit"] = "2",
        ["RateLimits:Policies:trust_registry:WindowSeconds"] = "60",
    };

    public override Task InitializeAsync()
    {
        Start(postgresConnectionString: null);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_third_read_in_a_window_is_refused_and_ended_windows_are_swept()
    {
        var token = Str(await LoginMemberAsync(await RegisterMemberAsync(NewEmail())), "access_token");
        for (var i = 0; i < 2; i++)
        {
            using var ok = await GetAsync("/api/v1/trust-registry", bearer: token);
            await JsonAsync(ok, HttpStatusCode.OK);
        }

        using (var limited = await GetAsync("/api/v1/trust-registry", bearer: token))
        {
            await ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        }

        Assert.Equal(3, WithDb(db => db.RateLimitWindows.Max(w => w.Count)));

        // Two hours on (past the longest window, the sensitive policy's hour): the next request sweeps every ended
        // window before it counts its own.
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        using (var next = await GetAsync("/api/v1/trust-registry", bearer: token))
        {
            await JsonAsync(next, HttpStatusCode.OK);
        }

        // Left: only the new trust-registry window (a member's JWT carries no plan, so no plan window).
        Assert.Equal([(1, 60)], WithDb(db => db.RateLimitWindows.Select(w => new { w.Count, w.WindowSeconds }).AsEnumerable().Select(w => (w.Count, w.WindowSeconds)).ToList()));
    }
}
