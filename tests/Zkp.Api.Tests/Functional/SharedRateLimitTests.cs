using System.Net;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

/// <summary>
/// <c>RateLimits:Store = database</c>: API nodes on one database count the same windows, so a limit holds behind a load
/// balancer; with the default in-memory store each node counts alone.
/// </summary>
public sealed class SharedRateLimitTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    private const int Limit = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Store"] = "database",
        ["RateLimits:Policies:trust_registry:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:Policies:trust_registry:WindowSeconds"] = "60",
    };

    [Fact]
    public async Task Two_nodes_share_one_window_and_the_table_holds_only_key_hashes()
    {
        var token = Str(await LoginMemberAsync(await RegisterMemberAsync(NewEmail())), "access_token");
        using var secondClient = StartAnotherNode(Settings).CreateClient();

        var remaining = new List<string>();
        foreach (var client in new[] { Client, secondClient, Client })
        {
            using var ok = await TrustRegistryAsync(client, token);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            remaining.Add(ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var limited = await TrustRegistryAsync(secondClient, token);

        Assert.Equal(["2", "1", "0"], remaining);
        await ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), limited.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.NotNull(limited.Headers.RetryAfter);
        // The trust registry's window, counted on both nodes, and the auth windows of register and login: each row keyed
        // by a 32-byte hash, so no user id or IP address is stored.
        Assert.Equal("4|32|32", await SqlAsync("select max(count), min(octet_length(key_hash)), max(octet_length(key_hash)) from rate_limit_windows"));
    }

    [Fact]
    public async Task With_the_memory_store_each_node_counts_alone()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["RateLimits:Store"] = "memory" };
        using var firstClient = StartAnotherNode(settings).CreateClient();
        using var secondClient = StartAnotherNode(settings).CreateClient();
        var token = Str(await LoginMemberAsync(await RegisterMemberAsync(NewEmail())), "access_token");
        const string Windows = "select count(*), coalesce(sum(count), 0) from rate_limit_windows";
        var windowsBefore = await SqlAsync(Windows);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Limit + 1; i++)
        {
            foreach (var client in new[] { firstClient, secondClient })
            {
                using var response = await TrustRegistryAsync(client, token);
                statuses.Add(response.StatusCode);
            }
        }

        Assert.Equal(Limit * 2, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses[^2..]);
        Assert.Equal(windowsBefore, await SqlAsync(Windows));
    }

    private static async Task<HttpResponseMessage> TrustRegistryAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/trust-registry", UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
