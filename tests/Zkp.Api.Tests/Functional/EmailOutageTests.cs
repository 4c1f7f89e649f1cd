using System.Net;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

/// <summary>
/// Mail that cannot be delivered (here: the pickup directory replaced by a file, the same failure path
/// as an SMTP server that refuses) rolls back the change it would have announced.
/// </summary>
public sealed class EmailOutageTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    private void BreakMailDelivery()
    {
        Directory.Delete(Factory.MailDirectory, recursive: true);
        File.WriteAllText(Factory.MailDirectory, "not a directory");
    }

    private void RepairMailDelivery()
    {
        File.Delete(Factory.MailDirectory);
        Directory.CreateDirectory(Factory.MailDirectory);
    }

    [Fact]
    public async Task Registration_answers_503_and_leaves_no_account_when_the_code_cannot_be_mailed()
    {
        await RegisterMemberAsync(NewEmail("before"));
        BreakMailDelivery();
        var email = NewEmail("outage");

        using var response = await PostJsonAsync("/api/v1/auth/member/register", new { email, password = Password, full_name = "Jane Doe" });

        var body = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable, "email_unavailable");
        Assert.Equal("The email could not be sent right now, so nothing was changed. Please try again in a few minutes.", Str(body, "detail"));
        Assert.Equal("0|1", await SqlAsync($"select count(*) filter (where email = '{email.ToLowerInvariant()}'), count(*) from accounts"));
        Assert.Equal("1", await SqlAsync("select count(*) from email_verifications"));

        RepairMailDelivery();
        using var retry = await PostJsonAsync("/api/v1/auth/member/register", new { email, password = Password, full_name = "Jane Doe" });
        await JsonAsync(retry, HttpStatusCode.Created);
        Assert.Matches("^[0-9]{6}$", Mailbox.LatestVerificationCode(Factory.MailDirectory, email.ToLowerInvariant()));
    }

    [Fact]
    public async Task Resend_during_an_outage_answers_as_usual_and_keeps_the_pending_code_valid()
    {
        var email = await RegisterMemberAsync(NewEmail(), verify: false);
        var code = Mailbox.LatestVerificationCode(Factory.MailDirectory, email);
        BreakMailDelivery();

        using (var resend = await PostJsonAsync("/api/v1/auth/email/resend", new { email }))
        {
            var body = await JsonAsync(resend, HttpStatusCode.OK);
            Assert.Equal("If the account exists and is not verified yet, a new code was sent.", Str(body, "detail"));
        }

        Assert.Equal("1|1", await SqlAsync("select count(*), count(*) filter (where consumed_utc is null) from email_verifications"));
        RepairMailDelivery();
        using var verified = await PostJsonAsync("/api/v1/auth/email/verify", new { code, email });
        await JsonAsync(verified, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Password_reset_during_an_outage_answers_as_for_an_unknown_address_and_stores_no_token()
    {
        var email = await RegisterMemberAsync(NewEmail());
        BreakMailDelivery();

        using var known = await PostJsonAsync("/api/v1/auth/password-reset/request", new { email });
        using var unknown = await PostJsonAsync("/api/v1/auth/password-reset/request", new { email = NewEmail() });

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        Assert.Equal("0", await SqlAsync("select count(*) from password_resets"));
    }
}
