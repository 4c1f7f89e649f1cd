using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

/// <summary>Asynchronous issuance on PostgreSQL: jobs queue in the database, survive restarts, and run once across nodes.</summary>
public sealed class IssuanceJobTests(PostgresCluster cluster) : CredentialTestBase(cluster)
{
    // Every host of a test shares one Data Protection key ring (the issuer's signing key is encrypted with it), as nodes of one deployment must.
    private readonly string _keysDirectory = Path.Combine(Path.GetTempPath(), "zkp-issuance-keys-" + Guid.NewGuid().ToString("N")[..12]);
    private bool _workerEnabled;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Storage:KeysDirectory"] = _keysDirectory,
        ["Credentials:WorkerEnabled"] = _workerEnabled ? "true" : "false",
        ["Credentials:PollInterval"] = "00:00:00.100",
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_keysDirectory))
        {
            Directory.Delete(_keysDirectory, recursive: true);
        }
    }

    private async Task<(string JobId, string Location)> QueueAsync(object body, string? token = null)
    {
        using var response = await IssueAsync(body, token, asynchronous: true);
        var accepted = await JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("queued", Str(accepted, "status"));
        return (Str(accepted, "job_id"), response.Headers.Location!.OriginalString);
    }

    private async Task<JsonElement> JobAsync(string jobId, string? token = null)
    {
        using var response = await GetAsync($"/api/v1/credentials/issue/{jobId}", bearer: token ?? MemberToken);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    private async Task<JsonElement> WaitForAsync(string jobId, string status)
    {
        for (var i = 0; i < 300; i++)
        {
            var job = await JobAsync(jobId);
            if (Str(job, "status") == status)
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"job {jobId} did not reach {status}: {await SqlAsync($"select status || ' ' || attempts from issuance_jobs where id = '{jobId}'")}");
    }

    private async Task RestartWithWorkerAsync()
    {
        var connectionString = ConnectionString;
        Client.Dispose();
        await Factory.DisposeAsync();
        _workerEnabled = true;
        Start(connectionString);
    }

    [Fact]
    public async Task A_queued_job_survives_a_restart_and_the_next_node_issues_its_credential()
    {
        var (jobId, location) = await QueueAsync(new { claim_type = "income_range", threshold = 50000 });
        Assert.Equal($"/api/v1/credentials/issue/{jobId}", location);
        var queued = await JobAsync(jobId);
        Assert.Equal("queued", Str(queued, "status"));
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("credential").ValueKind);
        Assert.Equal(JsonValueKind.Null, queued.GetProperty("completed_at").ValueKind);
        Assert.Equal($"queued|0|{MemberId}|0", await SqlAsync($"select status, attempts, member_account_id, (select count(*) from credentials) from issuance_jobs where id = '{jobId}'"));

        await RestartWithWorkerAsync();
        var done = await WaitForAsync(jobId, "succeeded");
        var credential = done.GetProperty("credential");
        Assert.Equal("income_range", Str(credential, "claim_type"));
        Assert.Equal(JsonValueKind.Null, done.GetProperty("failure_code").ValueKind);
        AssertCredentialVerifies(credential.GetProperty("credential"));
        Assert.Equal($"succeeded|1|{Str(credential, "id")}|1", await SqlAsync($"select status, attempts, credential_id, (select count(*) from credentials) from issuance_jobs where id = '{jobId}'"));

        using var listed = await GetAsync("/api/v1/credentials", bearer: MemberToken);
        Assert.Equal(Str(credential, "id"), Str(Assert.Single((await JsonAsync(listed, HttpStatusCode.OK)).EnumerateArray()), "id"));
    }

    [Fact]
    public async Task Two_nodes_on_one_database_run_every_job_exactly_once()
    {
        var thresholds = new[] { 10000, 20000, 30000, 40000, 50000, 60000, 70000, 80000, 1000, 2000, 3000, 4000 };
        var jobs = new List<string>();
        foreach (var threshold in thresholds)
        {
            jobs.Add((await QueueAsync(new { claim_type = "income_range", threshold })).JobId);
        }

        _workerEnabled = true;
        for (var i = 0; i < 2; i++)
        {
            StartAnotherNode(Settings);
        }

        foreach (var job in jobs)
        {
            await WaitForAsync(job, "succeeded");
        }

        Assert.Equal("12|12|12|12|1", await SqlAsync(
            "select count(*), count(distinct credential_id), (select count(*) from credentials), (select sum(allocated_count) from status_lists), max(attempts) from issuance_jobs"));
        Assert.Equal(string.Join(",", thresholds.Order()), await SqlAsync("select string_agg(threshold::text, ',' order by threshold) from credentials"));
    }

    [Fact]
    public async Task A_job_whose_value_no_longer_satisfies_the_claim_fails_with_the_reason_and_writes_no_credential()
    {
        var (jobId, _) = await QueueAsync(new { claim_type = "income_range", threshold = 50000 });
        using (var lowered = await PutJsonAsync($"/api/v1/issuer/members/{MemberEmail}/attributes", """{"annual_income":40000}""", bearer: IssuerAdmin))
        {
            await JsonAsync(lowered, HttpStatusCode.OK);
        }

        await RestartWithWorkerAsync();
        var failed = await WaitForAsync(jobId, "failed");
        Assert.Equal("claim_not_satisfied", Str(failed, "failure_code"));
        Assert.Equal("Your annual_income does not satisfy income_range with these bounds (at least 50000 USD per year); no credential was issued.", Str(failed, "failure_reason"));
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("credential").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, failed.GetProperty("completed_at").ValueKind);
        Assert.Equal("failed|1|0|0|0", await SqlAsync(
            $"select status, attempts, (select count(*) from credentials), (select count(*) from status_lists), (select count(*) from webhook_deliveries) from issuance_jobs where id = '{jobId}'"));
    }

    [Fact]
    public async Task A_job_left_running_by_a_dead_node_is_taken_over_when_its_lease_expires()
    {
        var (jobId, _) = await QueueAsync(new { claim_type = "credit_tier", threshold = 700, upper_bound = 799 });
        await SqlAsync($"update issuance_jobs set status = 'running', attempts = 1, lease_owner = gen_random_uuid(), lease_expires_utc = now() - interval '1 hour' where id = '{jobId}'");
        await RestartWithWorkerAsync();
        var done = await WaitForAsync(jobId, "succeeded");
        Assert.Equal(799, done.GetProperty("credential").GetProperty("upper_bound").GetInt64());
        Assert.Equal("succeeded|2|1", await SqlAsync($"select status, attempts, (select count(*) from credentials) from issuance_jobs where id = '{jobId}'"));
    }

    [Fact]
    public async Task Requests_the_catalogue_refuses_are_not_queued_and_jobs_are_private_to_their_member()
    {
        using (var unknown = await IssueAsync(new { claim_type = "salary", threshold = 1 }, asynchronous: true))
        {
            await ProblemAsync(unknown, HttpStatusCode.BadRequest, "unknown_claim_type");
        }

        using (var outOfRange = await IssueAsync(new { claim_type = "dti_ratio", threshold = 20000 }, asynchronous: true))
        {
            await ProblemAsync(outOfRange, HttpStatusCode.BadRequest, "threshold_out_of_range");
        }

        Assert.Equal("0", await SqlAsync("select count(*) from issuance_jobs"));

        var (jobId, _) = await QueueAsync(new { claim_type = "membership_status" });
        var (_, _, otherToken) = await MemberAsync(Attributes);
        foreach (var (path, token) in new[] { ($"/api/v1/credentials/issue/{jobId}", otherToken), ($"/api/v1/credentials/issue/{jobId}", IssuerAdmin), ($"/api/v1/credentials/issue/{Guid.NewGuid()}", MemberToken) })
        {
            using var response = await GetAsync(path, bearer: token);
            Assert.Equal("No issuance job with this id.", Str(await ProblemAsync(response, HttpStatusCode.NotFound, "not_found"), "detail"));
        }
    }
}
