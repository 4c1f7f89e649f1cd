using System.Net;
using System.Text;
using Zkp.Api.Registry;
using Zkp.Api.Security;

namespace Zkp.Api.Tests.Functional;

/// <summary>Issuance on the embedded default (SQLite) with the seeded demo credit union, as the README walkthrough does it.</summary>
public sealed class SqliteIssuanceTests : ApiTestBase
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Credentials:WorkerEnabled"] = "true",
        ["Credentials:PollInterval"] = "00:00:00.100",
    };

    public override Task InitializeAsync()
    {
        Start(postgresConnectionString: null);
        return Task.CompletedTask;
    }

    private async Task<string> DemoMemberTokenAsync(string attributes)
    {
        using var issuerLogin = await PostJsonAsync("/api/v1/auth/admin/login", new { email = RegistrySeeder.DemoIssuerAdminEmail, password = RegistrySeeder.DemoIssuerAdminPassword });
        var issuerAdmin = Str(await JsonAsync(issuerLogin, HttpStatusCode.OK), "access_token");
        var member = await RegisterMemberAsync(NewEmail("member"));
        using (var put = await SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/issuer/members/{member}/attributes", UriKind.Relative))
        {
            Content = new StringContent(attributes, Encoding.UTF8, "application/json"),
        }, bearer: issuerAdmin))
        {
            await JsonAsync(put, HttpStatusCode.OK);
        }

        return Str(await LoginMemberAsync(member), "access_token");
    }

    [Fact]
    public async Task Queued_jobs_run_on_sqlite_one_succeeding_and_one_failing_with_its_reason()
    {
        var token = await DemoMemberTokenAsync("""{"annual_income":85000}""");
        using var metrics = new MetricsRecorder(Factory.Services, Zkp.Api.Credentials.IssuanceWorker.MeterName);
        var jobs = new List<string>();
        foreach (var threshold in new[] { 50000, 90000 })
        {
            using var queued = await PostJsonAsync("/api/v1/credentials/issue?async=true", new { claim_type = "income_range", threshold }, bearer: token);
            jobs.Add(Str(await JsonAsync(queued, HttpStatusCode.Accepted), "job_id"));
        }

        var finals = new List<System.Text.Json.JsonElement>();
        foreach (var job in jobs)
        {
            for (var i = 0; ; i++)
            {
                using var poll = await GetAsync($"/api/v1/credentials/issue/{job}", bearer: token);
                var body = await JsonAsync(poll, HttpStatusCode.OK);
                if (Str(body, "status") is "succeeded" or "failed")
                {
                    finals.Add(body);
                    break;
                }

                Assert.True(i < 300, $"job {job} still {Str(body, "status")}");
                await Task.Delay(100);
            }
        }

        Assert.Equal("succeeded", Str(finals[0], "status"));
        Assert.Equal("income_range", Str(finals[0].GetProperty("credential"), "claim_type"));
        Assert.Equal("failed", Str(finals[1], "status"));
        Assert.Equal("claim_not_satisfied", Str(finals[1], "failure_code"));
        Assert.Equal((1, 1, 2), WithDb(db => (db.Credentials.Count(), db.StatusLists.Single().AllocatedCount, db.IssuanceJobs.Count(j => j.Attempts == 1))));
        // The counter is added just after each job's final state commits, so give the second one a moment.
        for (var i = 0; metrics.Measurements.Length < 2 && i < 100; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(["zkp.issuance.jobs result=failed,code=claim_not_satisfied", "zkp.issuance.jobs result=succeeded"], metrics.Measurements.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_member_of_the_demo_credit_union_gets_a_credential_and_a_refusal_writes_nothing()
    {
        using var issuerLogin = await PostJsonAsync("/api/v1/auth/admin/login", new { email = RegistrySeeder.DemoIssuerAdminEmail, password = RegistrySeeder.DemoIssuerAdminPassword });
        var issuerAdmin = Str(await JsonAsync(issuerLogin, HttpStatusCode.OK), "access_token");
        var member = await RegisterMemberAsync(NewEmail("member"));
        using (var put = await SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/v1/issuer/members/{member}/attributes", UriKind.Relative))
        {
            Content = new StringContent("""{"annual_income":85000,"credit_score":742}""", Encoding.UTF8, "application/json"),
        }, bearer: issuerAdmin))
        {
            await JsonAsync(put, HttpStatusCode.OK);
        }

        var token = Str(await LoginMemberAsync(member), "access_token");
        using (var refused = await PostJsonAsync("/api/v1/credentials/issue", new { claim_type = "income_range", threshold = 90000 }, bearer: token))
        {
            await ProblemAsync(refused, HttpStatusCode.BadRequest, "claim_not_satisfied");
        }

        Assert.Equal((0, 0), WithDb(db => (db.Credentials.Count(), db.StatusLists.Count())));

        using var issued = await PostJsonAsync("/api/v1/credentials/issue", new { claim_type = "income_range", threshold = 50000 }, bearer: token);
        var body = await JsonAsync(issued, HttpStatusCode.Created);
        Assert.Equal("active", Str(body, "status"));
        Assert.Equal($"urn:uuid:{Str(body, "id")}", Str(body.GetProperty("credential"), "id"));
        Assert.Equal((1, 1), WithDb(db => (db.Credentials.Count(), db.StatusLists.Single().AllocatedCount)));
    }

    [Fact]
    public async Task A_lender_verifies_on_sqlite_and_the_challenge_and_quota_rows_are_written_once()
    {
        var token = await DemoMemberTokenAsync("""{"annual_income":85000,"credit_score":742}""");
        using var issued = await PostJsonAsync("/api/v1/credentials/issue", new { claim_type = "income_range", threshold = 50000 }, bearer: token);
        var credentialId = Str(await JsonAsync(issued, HttpStatusCode.Created), "id");
        using var generated = await PostJsonAsync("/api/v1/qr/generate", new { credential_ids = new[] { credentialId } }, bearer: token);
        var qr = Str(await JsonAsync(generated, HttpStatusCode.Created), "token");
        var lender = await RegisterLenderAsync(NewEmail("lender"));
        var apiKey = Str(lender, "api_key");
        var organizationId = Guid.Parse(Str(lender, "organization_id"));

        // The same token twice (a lender's retry): both runs verify and count; the challenge row stays the first one.
        for (var run = 1; run <= 2; run++)
        {
            using var verified = await PostJsonAsync("/api/v1/verify/proof", new { token = qr }, apiKey: apiKey);
            var body = await JsonAsync(verified, HttpStatusCode.OK);
            Assert.True(body.GetProperty("all_verified").GetBoolean());
            var challenge = WithDb(db => db.UsedChallenges.Single());
            Assert.Equal(SecretHashing.Sha256(qr), challenge.TokenHash);
            Assert.Equal(run, WithDb(db => db.QuotaUsages.Single(q => q.OrganizationId == organizationId).Used));
            Assert.Equal(run, WithDb(db => db.Verifications.Count(v => v.LenderOrganizationId == organizationId && v.AllVerified)));
        }

        // The lender that verified it hears of the credential's revocation (the lookup of its tokens runs on SQLite too).
        var subscriptionId = WithDb(db =>
        {
            var subscription = new Zkp.Api.Model.WebhookSubscription
            {
                Id = Guid.NewGuid(),
                OrganizationId = organizationId,
                Url = "https://lender.test/hook",
                Events = "credential.revoked",
                SecretProtected = "unused",
                IsActive = true,
                CreatedUtc = DateTime.UtcNow,
            };
            db.WebhookSubscriptions.Add(subscription);
            db.SaveChanges();
            return subscription.Id;
        });
        using (var revoked = await PostJsonAsync($"/api/v1/credentials/{credentialId}/revoke", null, bearer: token))
        {
            Assert.Equal("revoked", Str(await JsonAsync(revoked, HttpStatusCode.OK), "status"));
        }

        var delivery = WithDb(db => db.WebhookDeliveries.Single(d => d.SubscriptionId == subscriptionId));
        Assert.Equal("credential.revoked", delivery.EventName);
        Assert.Contains($"\"credential_id\":\"{credentialId}\"", delivery.Payload, StringComparison.Ordinal);
    }
}
