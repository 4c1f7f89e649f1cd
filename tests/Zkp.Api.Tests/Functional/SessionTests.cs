using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Infrastructure;
using Zkp.Api.Security;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class SessionTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    [Fact]
    public async Task Refresh_rotates_and_reuse_of_an_old_token_revokes_the_whole_family()
    {
        var email = await RegisterMemberAsync(NewEmail());
        var login = await LoginMemberAsync(email);
        var first = Str(login, "refresh_token");

        using var rotated = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = first });
        var second = Str(await JsonAsync(rotated, HttpStatusCode.OK), "refresh_token");
        Assert.NotEqual(first, second);
        Assert.Equal("2|1|1", await SqlAsync("select count(*), count(distinct family_id), count(*) filter (where consumed_utc is not null) from refresh_tokens"));

        using (var reuse = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = first }))
        {
            await ProblemAsync(reuse, HttpStatusCode.Unauthorized, "refresh_token_reused");
        }

        Assert.Equal("2", await SqlAsync("select count(*) from refresh_tokens where revoked_utc is not null"));
        using var afterTheft = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = second });
        await ProblemAsync(afterTheft, HttpStatusCode.Unauthorized, "refresh_token_reused");
        Assert.Equal("2", await SqlAsync("select count(*) from refresh_tokens"));
    }

    [Fact]
    public async Task Concurrent_exchanges_of_one_token_give_at_most_one_pair_and_revoke_the_family()
    {
        var email = await RegisterMemberAsync(NewEmail());
        var token = Str(await LoginMemberAsync(email), "refresh_token");
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = token })));
        try
        {
            // At most one exchange can win; whether it still answers 200 depends on the interleaving,
            // but the reuse always ends the family, including any token the winner just received.
            Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.OK), 0, 1);
            Assert.Equal(4, responses.Count(r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized));
            Assert.Equal("0", await SqlAsync("select count(*) from refresh_tokens where revoked_utc is null"));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Refresh_rejects_unknown_and_expired_tokens()
    {
        using (var unknown = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = SecretHashing.RandomToken() }))
        {
            await ProblemAsync(unknown, HttpStatusCode.Unauthorized, "invalid_token");
        }

        var email = await RegisterMemberAsync(NewEmail());
        var token = Str(await LoginMemberAsync(email), "refresh_token");
        Factory.Clock.Advance(TimeSpan.FromDays(15));
        using var expired = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = token });
        await ProblemAsync(expired, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("1|0", await SqlAsync("select count(*), count(consumed_utc) from refresh_tokens"));
    }

    [Fact]
    public async Task Logout_revokes_the_family_and_other_sessions_survive()
    {
        var email = await RegisterMemberAsync(NewEmail());
        var sessionA = Str(await LoginMemberAsync(email), "refresh_token");
        var sessionB = Str(await LoginMemberAsync(email), "refresh_token");

        using (var logout = await PostJsonAsync("/api/v1/auth/logout", new { refresh_token = sessionA }))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        Assert.Equal("1|1", await SqlAsync("select count(*) filter (where revoked_utc is not null), count(*) filter (where revoked_utc is null) from refresh_tokens"));
        using (var refreshA = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = sessionA }))
        {
            await ProblemAsync(refreshA, HttpStatusCode.Unauthorized, "refresh_token_reused");
        }

        using var refreshB = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = sessionB });
        await JsonAsync(refreshB, HttpStatusCode.OK);

        using var unknown = await PostJsonAsync("/api/v1/auth/logout", new { refresh_token = "nope" });
        await ProblemAsync(unknown, HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Expired_wrongly_signed_and_missing_access_tokens_are_401_problems()
    {
        var email = await RegisterMemberAsync(NewEmail());
        var valid = Str(await LoginMemberAsync(email), "access_token");
        using (var ok = await PostJsonAsync("/api/v1/auth/2fa/enable", null, bearer: valid))
        {
            await JsonAsync(ok, HttpStatusCode.OK);
        }

        var expired = await WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<ZkpDbContext>();
            var account = db.Accounts.Single(a => a.Email == email);
            await Task.CompletedTask;
            return services.GetRequiredService<TokenService>().CreateAccessToken(account, DateTime.UtcNow.AddHours(-1));
        });
        using (var response = await PostJsonAsync("/api/v1/auth/2fa/enable", null, bearer: expired))
        {
            await ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }

        var tampered = valid[..^4] + (valid[^4..] == "AAAA" ? "BBBB" : "AAAA");
        using (var response = await PostJsonAsync("/api/v1/auth/2fa/enable", null, bearer: tampered))
        {
            await ProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var missing = await PostJsonAsync("/api/v1/auth/2fa/enable", null);
        await ProblemAsync(missing, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Password_reset_answers_the_same_for_unknown_emails_and_changes_the_password_once()
    {
        var email = await RegisterMemberAsync(NewEmail());
        var session = Str(await LoginMemberAsync(email), "refresh_token");
        var unknown = NewEmail();
        using var a = await PostJsonAsync("/api/v1/auth/password-reset/request", new { email });
        using var b = await PostJsonAsync("/api/v1/auth/password-reset/request", new { email = unknown });
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        Assert.Equal(await a.Content.ReadAsStringAsync(), await b.Content.ReadAsStringAsync());
        Assert.Empty(Mailbox.MessagesTo(Factory.MailDirectory, unknown));
        Assert.Equal("1", await SqlAsync("select count(*) from password_resets"));

        var token = Mailbox.LatestResetToken(Factory.MailDirectory, email);
        using (var wrong = await PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token = SecretHashing.RandomToken(), new_password = "a brand new password" }))
        {
            await ProblemAsync(wrong, HttpStatusCode.BadRequest, "invalid_token");
        }

        using (var weak = await PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token, new_password = "short" }))
        {
            var body = await ProblemAsync(weak, HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(body.GetProperty("errors").TryGetProperty("new_password", out _));
        }

        Assert.Equal("0", await SqlAsync("select count(*) from password_resets where consumed_utc is not null"));
        using (var confirmed = await PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token, new_password = "a brand new password" }))
        {
            await JsonAsync(confirmed, HttpStatusCode.OK);
        }

        Assert.Equal("1", await SqlAsync("select count(*) from password_resets where consumed_utc is not null"));
        Assert.Equal("0", await SqlAsync("select count(*) from refresh_tokens where revoked_utc is null"));
        using (var old = await PostJsonAsync("/api/v1/auth/member/login", new { email, password = Password }))
        {
            await ProblemAsync(old, HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        await LoginMemberAsync(email, "a brand new password");
        using (var again = await PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token, new_password = "yet another password" }))
        {
            await ProblemAsync(again, HttpStatusCode.BadRequest, "invalid_token");
        }

        using var refresh = await PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = session });
        await ProblemAsync(refresh, HttpStatusCode.Unauthorized, "refresh_token_reused");
    }

    [Fact]
    public async Task An_expired_reset_token_is_refused()
    {
        var email = await RegisterMemberAsync(NewEmail());
        using (var request = await PostJsonAsync("/api/v1/auth/password-reset/request", new { email }))
        {
            await JsonAsync(request, HttpStatusCode.OK);
        }

        var token = Mailbox.LatestResetToken(Factory.MailDirectory, email);
        Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        using var confirm = await PostJsonAsync("/api/v1/auth/password-reset/confirm", new { token, new_password = "a brand new password" });
        await ProblemAsync(confirm, HttpStatusCode.BadRequest, "invalid_token");
        Assert.Equal("0", await SqlAsync("select count(*) from password_resets where consumed_utc is not null"));
    }
}
