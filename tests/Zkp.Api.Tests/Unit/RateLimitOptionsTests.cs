using Zkp.Api.Options;

namespace Zkp.Api.Tests.Unit;

public sealed class RateLimitOptionsTests
{
    [Fact]
    public void Defaults_and_complete_overrides_are_valid()
    {
        var options = new RateLimitOptions();
        options.Policies["auth"] = new RateLimitRule { PermitLimit = 2, WindowSeconds = 1 };

        Assert.True(new RateLimitOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_rule_without_a_window_an_empty_limit_or_an_unknown_name_is_refused_with_each_problem_named()
    {
        var options = new RateLimitOptions();
        options.Policies["auth"] = new RateLimitRule { PermitLimit = 3 };
        options.Policies["analytics"] = new RateLimitRule { WindowSeconds = 60 };
        options.Policies["atuh"] = new RateLimitRule { PermitLimit = 1, WindowSeconds = 1 };

        var result = new RateLimitOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(
            [
                "RateLimits:Policies:auth:WindowSeconds must be at least 1.",
                "RateLimits:Policies:analytics:PermitLimit must be at least 1.",
                "RateLimits:Policies:atuh is not a known policy (known: auth, sensitive, account, analytics, trust_registry, webhook_writes, webhooks, qr_generate, verify).",
            ],
            result.Failures);
    }

    [Theory]
    [InlineData("memory", true)]
    [InlineData("database", true)]
    [InlineData("redis", false)]
    [InlineData("Database", false)]
    public void The_store_is_memory_or_database(string store, bool valid)
    {
        var result = new RateLimitOptionsValidator().Validate(null, new RateLimitOptions { Store = store });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Equal([$"RateLimits:Store must be \"memory\" or \"database\", not \"{store}\"."], result.Failures);
        }
    }

    [Fact]
    public void The_longest_window_counts_configured_and_default_policies_and_the_plans_minute()
    {
        var options = new RateLimitOptions();
        Assert.Equal(3600, options.LongestWindowSeconds());
        options.Policies["verify"] = new RateLimitRule { PermitLimit = 1, WindowSeconds = 7200 };
        Assert.Equal(7200, options.LongestWindowSeconds());
        options.Policies["verify"] = new RateLimitRule { PermitLimit = 1, WindowSeconds = 1 };
        options.Policies["sensitive"] = new RateLimitRule { PermitLimit = 1, WindowSeconds = 10 };
        Assert.Equal(60, options.LongestWindowSeconds());
    }
}
