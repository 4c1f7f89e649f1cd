using System.Net;
using System.Text.Json;
using Zkp.Api.Security;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class TwoFactorTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    private string CodeAt(string secret, int stepOffset = 0) =>
        Totp.Compute(Base32.Decode(secret), Totp.TimeStep(Factory.Clock.GetUtcNow()) + stepOffset);

    private async Task<(string Email, string Secret, JsonElement Enable)> EnrolAsync()
    {
        var email = await RegisterMemberAsync(NewEmail());
        var token = Str(await LoginMemberAsync(email), "access_token");
        using var enable = await PostJsonAsync("/api/v1/auth/2fa/enable", null, bearer: token);
        var body = await JsonAsync(enable, HttpStatusCode.OK);
        var secret = Str(body, "secret");
        using var confirm = await PostJsonAsync("/api/v1/auth/2fa/confirm", new { code = CodeAt(secret) }, bearer: token);
        await JsonAsync(confirm, HttpStatusCode.OK);
        return (email, secret, body);
    }

    [Fact]
    public async Task Enable_returns_uri_and_ten_recovery_codes_and_stores_them_protected()
    {
        var email = await RegisterMemberAsync(NewEmail());
        var token = Str(await LoginMemberAsync(email), "access_token");
        using var enable = await PostJsonAsync("/api/v1/auth/2fa/enable", null, bearer: token);
        var body = await JsonAsync(enable, HttpStatusCode.OK);
        var secret = Str(body, "secret");
        Assert.Equal(20, Base32.Decode(secret).Length);
        Assert.Equal($"otpauth://totp/Zkp:{Uri.EscapeDataString(email)}?secret={secret}&issuer=Zkp&algorithm=SHA1&digits=6&period=30", Str(body, "totp_uri"));
        var codes = body.GetProperty("recovery_codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, codes.Distinct().Count());

        Assert.Equal("f|t|f", await SqlAsync($"select totp_enabled, totp_secret_protected is not null, totp_secret_protected like '%{secret}%' from accounts where email = '{email}'"));
        Assert.Equal("10", await SqlAsync("select count(*) from recovery_codes where used_utc is null"));
        Assert.Equal("1", await SqlAsync($"select count(*) from recovery_codes where code_hash = '\\x{Sha256Hex(codes[3])}'"));

        // Not active until confirmed: login still answers with tokens.
        Assert.Equal("bearer", Str(await LoginMemberAsync(email), "token_type"));
    }

    [Fact]
    public async Task Confirm_refuses_a_wrong_code_and_accepts_the_current_one()
    {
        var email = await RegisterMemberAsync(NewEmail());
        var token = Str(await LoginMemberAsync(email), "access_token");
        using var enable = await PostJsonAsync("/api/v1/auth/2fa/enable", null, bearer: token);
        var secret = Str(await JsonAsync(enable, HttpStatusCode.OK), "secret");

        using (var wrong = await PostJsonAsync("/api/v1/auth/2fa/confirm", new { code = CodeAt(secret, 5) }, bearer: token))
        {
            await ProblemAsync(wrong, HttpStatusCode.BadRequest, "invalid_totp");
        }

        Assert.Equal("f|", await SqlAsync($"select totp_enabled, totp_last_used_step from accounts where email = '{email}'"));
        using (var right = await PostJsonAsync("/api/v1/auth/2fa/confirm", new { code = CodeAt(secret) }, bearer: token))
        {
            Assert.True((await JsonAsync(right, HttpStatusCode.OK)).GetProperty("two_factor_enabled").GetBoolean());
        }

        Assert.Equal($"t|{Totp.TimeStep(Factory.Clock.GetUtcNow())}", await SqlAsync($"select totp_enabled, totp_last_used_step from accounts where email = '{email}'"));
        using var again = await PostJsonAsync("/api/v1/auth/2fa/enable", null, bearer: token);
        await ProblemAsync(again, HttpStatusCode.Conflict, "two_factor_already_enabled");
    }

    [Fact]
    public async Task Login_then_needs_a_second_factor_and_wrong_or_replayed_codes_are_refused()
    {
        var (email, secret, _) = await EnrolAsync();
        var confirmedCode = CodeAt(secret);

        using (var login = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = Password }))
        {
            var body = await JsonAsync(login, HttpStatusCode.OK);
            Assert.True(body.GetProperty("requires_2fa").GetBoolean());
            Assert.False(body.TryGetProperty("access_token", out _));
        }

        Assert.Equal("1", await SqlAsync("select count(*) from refresh_tokens"));
        var wrong = CodeAt(secret, 1) == "000000" ? "111111" : "000000";
        using (var bad = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, totp_code = wrong }))
        {
            await ProblemAsync(bad, HttpStatusCode.Unauthorized, "invalid_totp");
        }

        Assert.Equal("1", await SqlAsync($"select failed_login_count from accounts where email = '{email}'"));
        using (var replay = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, totp_code = confirmedCode }))
        {
            await ProblemAsync(replay, HttpStatusCode.Unauthorized, "invalid_totp");
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var fresh = CodeAt(secret);
        using (var ok = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, totp_code = fresh }))
        {
            Assert.Equal("bearer", Str(await JsonAsync(ok, HttpStatusCode.OK), "token_type"));
        }

        Assert.Equal("0|", await SqlAsync($"select failed_login_count, two_factor_challenge_expires_utc from accounts where email = '{email}'"));
        using var twice = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, totp_code = fresh });
        await ProblemAsync(twice, HttpStatusCode.Unauthorized, "no_login_challenge");
    }

    [Fact]
    public async Task Verify_login_without_a_password_step_is_refused()
    {
        var (email, secret, _) = await EnrolAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var response = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, totp_code = CodeAt(secret) });
        await ProblemAsync(response, HttpStatusCode.Unauthorized, "no_login_challenge");
        Assert.Equal("1", await SqlAsync("select count(*) from refresh_tokens"));
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var (email, _, enable) = await EnrolAsync();
        var recovery = enable.GetProperty("recovery_codes")[0].GetString()!;

        using (var login = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = Password }))
        {
            await JsonAsync(login, HttpStatusCode.OK);
        }

        using (var ok = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, recovery_code = recovery }))
        {
            await JsonAsync(ok, HttpStatusCode.OK);
        }

        Assert.Equal("1|9", await SqlAsync("select count(*) filter (where used_utc is not null), count(*) filter (where used_utc is null) from recovery_codes"));
        using (var login = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = Password }))
        {
            await JsonAsync(login, HttpStatusCode.OK);
        }

        using (var reused = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, recovery_code = recovery }))
        {
            await ProblemAsync(reused, HttpStatusCode.Unauthorized, "invalid_recovery_code");
        }

        Assert.Equal("1|1", await SqlAsync($"select (select count(*) from recovery_codes where used_utc is not null), failed_login_count from accounts where email = '{email}'"));
    }

    [Fact]
    public async Task Disable_needs_a_current_unused_code()
    {
        var (email, secret, _) = await EnrolAsync();
        var confirmedCode = CodeAt(secret);
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using (var login = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = Password }))
        {
            await JsonAsync(login, HttpStatusCode.OK);
        }

        using var verify = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, totp_code = CodeAt(secret) });
        var token = Str(await JsonAsync(verify, HttpStatusCode.OK), "access_token");

        using (var replay = await PostJsonAsync("/api/v1/auth/2fa/disable", new { code = confirmedCode }, bearer: token))
        {
            await ProblemAsync(replay, HttpStatusCode.BadRequest, "invalid_totp");
        }

        Assert.Equal("t|10", await SqlAsync($"select totp_enabled, (select count(*) from recovery_codes) from accounts where email = '{email}'"));
        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using (var ok = await PostJsonAsync("/api/v1/auth/2fa/disable", new { code = CodeAt(secret) }, bearer: token))
        {
            Assert.False((await JsonAsync(ok, HttpStatusCode.OK)).GetProperty("two_factor_enabled").GetBoolean());
        }

        Assert.Equal("f|t|0", await SqlAsync($"select totp_enabled, totp_secret_protected is null, (select count(*) from recovery_codes) from accounts where email = '{email}'"));
        Assert.Equal("bearer", Str(await LoginMemberAsync(email), "token_type"));
    }

    [Fact]
    public async Task Failed_second_factors_count_towards_lockout()
    {
        var (email, _, _) = await EnrolAsync();
        using (var login = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = Password }))
        {
            await JsonAsync(login, HttpStatusCode.OK);
        }

        for (var i = 0; i < 5; i++)
        {
            using var bad = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, recovery_code = "wrong-guess" });
            await ProblemAsync(bad, HttpStatusCode.Unauthorized, "invalid_recovery_code");
        }

        using var locked = await PostJsonAsync("/api/v1/auth/2fa/verify-login", new { email, recovery_code = "wrong-guess" });
        await ProblemAsync(locked, HttpStatusCode.Forbidden, "account_locked");
        Assert.Equal("t", await SqlAsync($"select lockout_end_utc is not null from accounts where email = '{email}'"));
    }
}
