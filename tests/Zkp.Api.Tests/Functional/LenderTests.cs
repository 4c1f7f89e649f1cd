using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Quotas;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class LenderTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    [Fact]
    public async Task Register_returns_the_guide_fields_and_stores_only_the_key_hash()
    {
        var email = NewEmail("lender");
        var body = await RegisterLenderAsync(email);
        Assert.Equal("bearer", Str(body, "token_type"));
        Assert.StartsWith("eyJ", Str(body, "access_token"), StringComparison.Ordinal);
        var key = Str(body, "api_key");
        Assert.Matches("^zkp_live_[A-Za-z0-9_-]{43}$", key);

        var organizationId = Str(body, "organization_id");
        Assert.Equal($"Acme Lending|lender|free|f", await SqlAsync($"select name, verifier_type, plan, is_sandbox from organizations where id = '{organizationId}'"));
        Assert.Equal($"\\x{Sha256Hex(key)}|{key[..13]}|", await SqlAsync("select key_hash, display_prefix, expires_utc from api_keys"));
        Assert.Equal("0", await SqlAsync($"select count(*) from (select row_to_json(k)::text j from api_keys k union all select row_to_json(a)::text from accounts a union all select row_to_json(o)::text from organizations o) x where j like '%{key[13..]}%'"));
        Assert.Equal("lender|t", await SqlAsync($"select role, organization_id = '{organizationId}' from accounts where email = '{email}'"));
    }

    [Fact]
    public async Task A_sandbox_organisation_gets_test_keys()
    {
        var body = await RegisterLenderAsync(NewEmail("sandbox"), sandbox: true);
        Assert.Matches("^zkp_test_[A-Za-z0-9_-]{43}$", Str(body, "api_key"));
    }

    [Fact]
    public async Task Register_validates_organization_and_verifier_type()
    {
        using var response = await PostJsonAsync("/api/v1/auth/lender/register",
            new { email = NewEmail(), password = Password, organization_name = " ", verifier_type = "pawnbroker" });
        var body = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty("organization_name", out _));
        Assert.Equal(["verifier_type must be one of: bank, credit_union, fintech, lender, other."], errors.GetProperty("verifier_type").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("0|0|0", await SqlAsync("select (select count(*) from accounts), (select count(*) from organizations), (select count(*) from api_keys)"));
    }

    [Fact]
    public async Task Login_gives_a_jwt_and_a_member_cannot_use_the_lender_login()
    {
        var email = NewEmail("lender");
        await RegisterLenderAsync(email);
        using (var ok = await PostJsonAsync("/api/v1/auth/lender/login", new { email, password = Password }))
        {
            Assert.Equal("bearer", Str(await JsonAsync(ok, HttpStatusCode.OK), "token_type"));
        }

        using (var wrong = await PostJsonAsync("/api/v1/auth/lender/login", new { email, password = "not the password" }))
        {
            await ProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        Assert.Equal("1", await SqlAsync($"select failed_login_count from accounts where email = '{email}'"));
        var member = await RegisterMemberAsync(NewEmail());
        using var memberAsLender = await PostJsonAsync("/api/v1/auth/lender/login", new { email = member, password = Password });
        await ProblemAsync(memberAsLender, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Api_key_reads_the_quota_and_bad_keys_are_401()
    {
        var body = await RegisterLenderAsync(NewEmail("lender"));
        var key = Str(body, "api_key");
        using (var quota = await GetAsync("/api/v1/analytics/quota", apiKey: key))
        {
            var q = await JsonAsync(quota, HttpStatusCode.OK);
            Assert.Equal("free", Str(q, "plan"));
            Assert.Equal(100, q.GetProperty("monthly_quota").GetInt32());
            Assert.Equal(0, q.GetProperty("used").GetInt32());
            Assert.Equal(100, q.GetProperty("remaining").GetInt32());
            Assert.Equal(Factory.Clock.GetUtcNow().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), Str(q, "month_key"));
        }

        using (var byJwt = await GetAsync("/api/v1/analytics/quota", bearer: Str(body, "access_token")))
        {
            await JsonAsync(byJwt, HttpStatusCode.OK);
        }

        var forged = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        foreach (var bad in new[] { forged, "zkp_live_nonsense", "" })
        {
            using var response = await GetAsync("/api/v1/analytics/quota", apiKey: bad);
            await ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var none = await GetAsync("/api/v1/analytics/quota");
        await ProblemAsync(none, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Rotate_key_invalidates_the_old_key_at_once()
    {
        var body = await RegisterLenderAsync(NewEmail("lender"));
        var oldKey = Str(body, "api_key");
        using var rotate = await PostJsonAsync("/api/v1/auth/lender/rotate-key", null, bearer: Str(body, "access_token"));
        var rotated = await JsonAsync(rotate, HttpStatusCode.OK);
        var newKey = Str(rotated, "api_key");
        Assert.Matches("^zkp_live_[A-Za-z0-9_-]{43}$", newKey);
        Assert.NotEqual(oldKey, newKey);

        using (var old = await GetAsync("/api/v1/analytics/quota", apiKey: oldKey))
        {
            await ProblemAsync(old, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (var current = await GetAsync("/api/v1/analytics/quota", apiKey: newKey))
        {
            await JsonAsync(current, HttpStatusCode.OK);
        }

        Assert.Equal("t|f", await SqlAsync($"select expires_utc is not null, key_hash = '\\x{Sha256Hex(newKey)}' from api_keys order by created_utc limit 1"));
        Assert.Equal("1", await SqlAsync("select count(*) from api_keys where expires_utc is null"));
    }

    [Fact]
    public async Task Rotate_key_with_a_grace_period_keeps_the_old_key_until_it_ends()
    {
        var body = await RegisterLenderAsync(NewEmail("lender"));
        var oldKey = Str(body, "api_key");
        using (var tooLong = await PostJsonAsync("/api/v1/auth/lender/rotate-key", new { grace_period_seconds = 86_401 }, bearer: Str(body, "access_token")))
        {
            var problem = await ProblemAsync(tooLong, HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("grace_period_seconds", out _));
        }

        Assert.Equal("1", await SqlAsync("select count(*) from api_keys"));
        using var rotate = await PostJsonAsync("/api/v1/auth/lender/rotate-key", new { grace_period_seconds = 3600 }, bearer: Str(body, "access_token"));
        var rotated = await JsonAsync(rotate, HttpStatusCode.OK);
        Assert.Equal(Factory.Clock.GetUtcNow().UtcDateTime.AddHours(1), rotated.GetProperty("previous_key_expires_at").GetDateTime(), TimeSpan.FromSeconds(1));

        using (var old = await GetAsync("/api/v1/analytics/quota", apiKey: oldKey))
        {
            await JsonAsync(old, HttpStatusCode.OK);
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(3601));
        using (var expired = await GetAsync("/api/v1/analytics/quota", apiKey: oldKey))
        {
            await ProblemAsync(expired, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var current = await GetAsync("/api/v1/analytics/quota", apiKey: Str(rotated, "api_key"));
        await JsonAsync(current, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rotate_key_needs_a_lender_jwt_not_a_key_or_a_member_token()
    {
        var body = await RegisterLenderAsync(NewEmail("lender"));
        using (var byKey = await PostJsonAsync("/api/v1/auth/lender/rotate-key", null, apiKey: Str(body, "api_key")))
        {
            await ProblemAsync(byKey, HttpStatusCode.Unauthorized, "unauthorized");
        }

        var member = Str(await LoginMemberAsync(await RegisterMemberAsync(NewEmail())), "access_token");
        using (var byMember = await PostJsonAsync("/api/v1/auth/lender/rotate-key", null, bearer: member))
        {
            await ProblemAsync(byMember, HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal("1", await SqlAsync("select count(*) from api_keys"));
    }
}

public sealed class QuotaTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Plans:Free:MonthlyQuota"] = "10" };

    [Fact]
    public async Task Concurrent_consumption_never_exceeds_the_quota_and_the_endpoint_reports_it()
    {
        var body = await RegisterLenderAsync(NewEmail("lender"));
        var organizationId = Guid.Parse(Str(body, "organization_id"));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            WithServicesAsync(services => services.GetRequiredService<QuotaService>().TryConsumeAsync(organizationId))));
        Assert.Equal(10, attempts.Count(granted => granted));
        Assert.Equal("10", await SqlAsync("select used from quota_usage"));

        using var quota = await GetAsync("/api/v1/analytics/quota", apiKey: Str(body, "api_key"));
        var q = await JsonAsync(quota, HttpStatusCode.OK);
        Assert.Equal(10, q.GetProperty("monthly_quota").GetInt32());
        Assert.Equal(10, q.GetProperty("used").GetInt32());
        Assert.Equal(0, q.GetProperty("remaining").GetInt32());
    }
}
