using System.Net;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class MemberAuthTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    [Fact]
    public async Task Register_stores_an_unverified_member_with_a_hashed_password_and_mails_a_code()
    {
        var email = NewEmail("Member");
        using var response = await PostJsonAsync("/api/v1/auth/member/register", new { email, password = Password, full_name = "Jane Doe" });
        var body = await JsonAsync(response, HttpStatusCode.Created);

        Assert.Equal(email.ToLowerInvariant(), Str(body, "email"));
        Assert.Equal("Jane Doe", Str(body, "full_name"));
        Assert.False(body.GetProperty("email_verified").GetBoolean());
        var row = await SqlAsync($"select role, email_verified, full_name, password_hash <> '{Password}', length(password_hash) > 60 from accounts where email = '{email.ToLowerInvariant()}'");
        Assert.Equal("member|f|Jane Doe|t|t", row);
        var code = Mailbox.LatestVerificationCode(Factory.MailDirectory, email.ToLowerInvariant());
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal("1", await SqlAsync($"select count(*) from email_verifications where code_hash = '\\x{Sha256Hex(code)}' and consumed_utc is null"));
    }

    [Fact]
    public async Task Register_names_every_invalid_field_and_writes_nothing()
    {
        using var response = await PostJsonAsync("/api/v1/auth/member/register", new { email = "not-an-email", password = "short", full_name = "" });
        var body = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = body.GetProperty("errors");
        Assert.Equal(["email must be a valid email address."], errors.GetProperty("email").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Password must be at least 12 characters."], errors.GetProperty("password").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["full_name is required."], errors.GetProperty("full_name").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("0", await SqlAsync("select count(*) from accounts"));
        Assert.Empty(Mailbox.MessagesTo(Factory.MailDirectory, "not-an-email"));
    }

    [Fact]
    public async Task Register_refuses_a_password_containing_the_email()
    {
        var email = NewEmail();
        using var response = await PostJsonAsync("/api/v1/auth/member/register", new { email, password = "x" + email + "x", full_name = "Jane" });
        var body = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["Password must not contain the email address."], body.GetProperty("errors").GetProperty("password").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("0", await SqlAsync("select count(*) from accounts"));
    }

    [Fact]
    public async Task Register_twice_with_the_same_email_is_a_conflict()
    {
        var email = await RegisterMemberAsync(NewEmail(), verify: false);
        using var response = await PostJsonAsync("/api/v1/auth/member/register", new { email = email.ToUpperInvariant(), password = Password, full_name = "Other" });
        await ProblemAsync(response, HttpStatusCode.Conflict, "email_taken");
        Assert.Equal("1", await SqlAsync("select count(*) from accounts"));
    }

    [Fact]
    public async Task Login_before_verifying_the_email_is_refused_then_works_after_verification_by_code_alone()
    {
        var email = await RegisterMemberAsync(NewEmail(), verify: false);
        using (var refused = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = Password }))
        {
            await ProblemAsync(refused, HttpStatusCode.Forbidden, "email_not_verified");
        }

        Assert.Equal("0", await SqlAsync("select count(*) from refresh_tokens"));
        var code = Mailbox.LatestVerificationCode(Factory.MailDirectory, email);
        using (var verified = await PostJsonAsync("/api/v1/auth/email/verify", new { code }))
        {
            var body = await JsonAsync(verified, HttpStatusCode.OK);
            Assert.Equal(email, Str(body, "email"));
            Assert.True(body.GetProperty("email_verified").GetBoolean());
        }

        Assert.Equal("t|t", await SqlAsync($"select a.email_verified, v.consumed_utc is not null from accounts a join email_verifications v on v.account_id = a.id where a.email = '{email}'"));
        var tokens = await LoginMemberAsync(email);
        Assert.Equal("bearer", Str(tokens, "token_type"));
        Assert.Equal(900, tokens.GetProperty("expires_in").GetInt32());
        Assert.Equal("1", await SqlAsync("select count(*) from refresh_tokens where revoked_utc is null"));

        using var reused = await PostJsonAsync("/api/v1/auth/email/verify", new { code });
        await ProblemAsync(reused, HttpStatusCode.BadRequest, "invalid_code");
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_same_answer_and_the_failure_is_counted()
    {
        var email = await RegisterMemberAsync(NewEmail());
        using var wrong = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = "wrong password 123" });
        using var unknown = await PostJsonAsync("/api/v1/auth/member/login", new { email = NewEmail(), password = "wrong password 123" });
        var wrongBody = await ProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid_credentials");
        var unknownBody = await ProblemAsync(unknown, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(Str(wrongBody, "detail"), Str(unknownBody, "detail"));
        Assert.Equal("Invalid email or password.", Str(wrongBody, "detail"));
        Assert.Equal("1|", await SqlAsync($"select failed_login_count, lockout_end_utc from accounts where email = '{email}'"));
        Assert.Equal("0", await SqlAsync("select count(*) from refresh_tokens"));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var email = await RegisterMemberAsync(NewEmail());
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = "wrong password 123" });
            await ProblemAsync(wrong, HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        using var locked = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = Password });
        await ProblemAsync(locked, HttpStatusCode.Forbidden, "account_locked");

        // A wrong password during the lockout looks exactly like an unknown email (no enumeration).
        using (var wrongWhileLocked = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = "wrong password 123" }))
        {
            var body = await ProblemAsync(wrongWhileLocked, HttpStatusCode.Unauthorized, "invalid_credentials");
            Assert.Equal("Invalid email or password.", Str(body, "detail"));
        }

        Assert.Equal("t", await SqlAsync($"select lockout_end_utc between now() + interval '4 minutes' and now() + interval '6 minutes' from accounts where email = '{email}'"));
        Assert.Equal("0", await SqlAsync("select count(*) from refresh_tokens"));

        // The lockout lasts 15 minutes by the server's clock (which runs 10 minutes behind here).
        Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        using var unlocked = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = Password });
        await JsonAsync(unlocked, HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_code_with_the_email_counts_an_attempt_and_five_invalidate_the_code()
    {
        var email = await RegisterMemberAsync(NewEmail(), verify: false);
        var code = Mailbox.LatestVerificationCode(Factory.MailDirectory, email);
        var wrong = code == "000000" ? "000001" : "000000";
        for (var i = 1; i <= 4; i++)
        {
            using var response = await PostJsonAsync("/api/v1/auth/email/verify", new { code = wrong, email });
            await ProblemAsync(response, HttpStatusCode.BadRequest, "invalid_code");
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), await SqlAsync("select failed_attempts from email_verifications"));
        }

        using (var fifth = await PostJsonAsync("/api/v1/auth/email/verify", new { code = wrong, email }))
        {
            await ProblemAsync(fifth, HttpStatusCode.BadRequest, "too_many_attempts");
        }

        using (var right = await PostJsonAsync("/api/v1/auth/email/verify", new { code, email }))
        {
            await ProblemAsync(right, HttpStatusCode.BadRequest, "too_many_attempts");
        }

        Assert.Equal("f", await SqlAsync($"select email_verified from accounts where email = '{email}'"));
    }

    [Fact]
    public async Task An_expired_code_is_refused_and_resend_issues_a_new_one_that_works()
    {
        var email = await RegisterMemberAsync(NewEmail(), verify: false);
        var first = Mailbox.LatestVerificationCode(Factory.MailDirectory, email);
        Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        using (var expired = await PostJsonAsync("/api/v1/auth/email/verify", new { code = first }))
        {
            await ProblemAsync(expired, HttpStatusCode.BadRequest, "code_expired");
        }

        using (var resend = await PostJsonAsync("/api/v1/auth/email/resend", new { email }))
        {
            await JsonAsync(resend, HttpStatusCode.OK);
        }

        Assert.Equal(2, Mailbox.MessagesTo(Factory.MailDirectory, email).Count);
        var second = Mailbox.LatestVerificationCode(Factory.MailDirectory, email);
        Assert.Equal("2|1", await SqlAsync("select count(*), count(*) filter (where consumed_utc is null) from email_verifications"));
        using var verified = await PostJsonAsync("/api/v1/auth/email/verify", new { code = second, email });
        await JsonAsync(verified, HttpStatusCode.OK);
        Assert.Equal("t", await SqlAsync($"select email_verified from accounts where email = '{email}'"));
    }

    [Fact]
    public async Task Resend_answers_the_same_for_unknown_and_verified_addresses_and_sends_nothing()
    {
        var verified = await RegisterMemberAsync(NewEmail());
        var unknown = NewEmail();
        using var a = await PostJsonAsync("/api/v1/auth/email/resend", new { email = verified });
        using var b = await PostJsonAsync("/api/v1/auth/email/resend", new { email = unknown });
        Assert.Equal(await a.Content.ReadAsStringAsync(), await b.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Single(Mailbox.MessagesTo(Factory.MailDirectory, verified));
        Assert.Empty(Mailbox.MessagesTo(Factory.MailDirectory, unknown));
    }

    [Fact]
    public async Task Verify_rejects_a_malformed_code_by_field()
    {
        using var response = await PostJsonAsync("/api/v1/auth/email/verify", new { code = "12ab56" });
        var body = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(body.GetProperty("errors").TryGetProperty("code", out _));
    }
}
