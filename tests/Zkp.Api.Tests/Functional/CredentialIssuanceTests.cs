using System.Globalization;
using System.Net;
using System.Text.Json;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class CredentialIssuanceTests(PostgresCluster cluster) : CredentialTestBase(cluster)
{
    [Fact]
    public async Task Issue_returns_201_with_a_signed_credential_whose_proof_verifies_and_stores_it_with_its_status_index()
    {
        // A subscription of the issuer's organisation, to see credential.issued enqueued in the issuing transaction.
        await SqlAsync($"insert into webhook_subscriptions (id, organization_id, url, events, secret_protected, is_active, created_utc) values (gen_random_uuid(), '{IssuerId}', 'https://issuer.test/hook', 'credential.issued,credential.revoked', 'x', true, now())");
        using var response = await IssueAsync(new { claim_type = "income_range", threshold = 50000 });
        var body = await JsonAsync(response, HttpStatusCode.Created);

        var id = Str(body, "id");
        Assert.Equal($"/api/v1/credentials/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("income_range", Str(body, "claim_type"));
        Assert.Equal(50000, body.GetProperty("threshold").GetInt64());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("upper_bound").ValueKind);
        Assert.Equal("active", Str(body, "status"));
        Assert.Equal(IssuerId, Str(body, "issuer_id"));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("revoked_at").ValueKind);
        var issuedAt = body.GetProperty("issued_at").GetDateTime();
        Assert.Equal(issuedAt.AddDays(365), body.GetProperty("expires_at").GetDateTime());
        Assert.Equal(0, issuedAt.Millisecond);

        var vc = body.GetProperty("credential");
        Assert.Equal($"urn:uuid:{id}", Str(vc, "id"));
        Assert.Equal(IssuerDid, Str(vc, "issuer"));
        using var did = await GetAsync("/api/v1/members/me/did", bearer: MemberToken);
        Assert.Equal(Str(await JsonAsync(did, HttpStatusCode.OK), "did"), Str(vc.GetProperty("credentialSubject"), "id"));
        var status = vc.GetProperty("credentialStatus");
        var (listId, index) = (await SqlAsync($"select status_list_id || '|' || status_list_index from credentials where id = '{id}'")).Split('|') switch { var p => (p[0], p[1]) };
        Assert.Equal(index, Str(status, "statusListIndex"));
        Assert.Equal($"https://zkp.test/api/v1/status-lists/{listId}", Str(status, "statusListCredential"));
        Assert.Equal("revocation", Str(status, "statusPurpose"));
        AssertCredentialVerifies(vc);
        Assert.DoesNotContain("85000", vc.GetRawText(), StringComparison.Ordinal);

        Assert.Equal($"{MemberId}|{IssuerId}|income_range|50000||active|1|1", await SqlAsync(
            $"select c.member_account_id, c.issuer_id, c.claim_type, c.threshold, c.upper_bound, c.status, s.allocated_count, (select count(*) from credentials) from credentials c join status_lists s on s.id = c.status_list_id where c.id = '{id}'"));
        Assert.Equal(vc.GetRawText(), JsonDocument.Parse(await SqlAsync($"select credential_json from credentials where id = '{id}'")).RootElement.GetRawText());
        Assert.Equal(issuedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), await SqlAsync($"select to_char(issued_utc at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') from credentials where id = '{id}'"));
        var webhook = JsonDocument.Parse(await SqlAsync($"select payload from webhook_deliveries where organization_id = '{IssuerId}' and event_name = 'credential.issued'")).RootElement;
        Assert.Equal(id, Str(webhook, "credential_id"));
        Assert.Equal("income_range", Str(webhook, "claim_type"));
        Assert.Equal(50000, webhook.GetProperty("threshold").GetInt64());
    }

    [Fact]
    public async Task Every_claim_type_maps_to_its_attribute_and_bounds()
    {
        (string Body, ulong Lower, ulong Upper)[] cases =
        [
            ("""{"claim_type":"credit_tier","threshold":700,"upper_bound":799}""", 700, 799),
            ("""{"claim_type":"credit_tier","threshold":740}""", 740, 850),
            ("""{"claim_type":"account_age","threshold":24}""", 24, ulong.MaxValue),
            ("""{"claim_type":"membership_status"}""", 1, 1),
            ("""{"claim_type":"employment_verification","threshold":36}""", 36, ulong.MaxValue),
            ("""{"claim_type":"dti_ratio","threshold":3600}""", 0, 3600),
        ];
        foreach (var (request, lower, upper) in cases)
        {
            using var response = await IssueAsync(request);
            var vc = (await JsonAsync(response, HttpStatusCode.Created)).GetProperty("credential");
            var signals = vc.GetProperty("credentialSubject").GetRawText();
            Assert.Contains($"\"{lower.ToString(CultureInfo.InvariantCulture)}\"", signals, StringComparison.Ordinal);
            Assert.Contains($"\"{upper.ToString(CultureInfo.InvariantCulture)}\"", signals, StringComparison.Ordinal);
            AssertCredentialVerifies(vc);
        }

        Assert.Equal("6|6", await SqlAsync("select count(*), (select allocated_count from status_lists) from credentials"));
    }

    [Fact]
    public async Task A_value_that_does_not_satisfy_the_claim_is_refused_and_nothing_is_written()
    {
        var before = await IssuanceStateAsync();
        Assert.Equal("0|0|0|0|0|0", before);
        (object Body, string Detail)[] cases =
        [
            (new { claim_type = "income_range", threshold = 100000 }, "Your annual_income does not satisfy income_range with these bounds (at least 100000 USD per year); no credential was issued."),
            (new { claim_type = "dti_ratio", threshold = 2500 }, "Your dti_ratio_bps does not satisfy dti_ratio with these bounds (at most 2500 basis points); no credential was issued."),
            (new { claim_type = "credit_tier", threshold = 750, upper_bound = 850 }, "Your credit_score does not satisfy credit_tier with these bounds (between 750 and 850 credit score); no credential was issued."),
            (new { claim_type = "account_age", threshold = 1200 }, "Your account_opened_on does not satisfy account_age with these bounds (at least 1200 months); no credential was issued."),
        ];
        foreach (var (request, detail) in cases)
        {
            using var response = await IssueAsync(request);
            var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "claim_not_satisfied");
            Assert.Equal(detail, Str(problem, "detail"));
            Assert.DoesNotContain("85000", problem.GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain("2800", problem.GetRawText(), StringComparison.Ordinal);
        }

        var (_, _, inactiveToken) = await MemberAsync("""{"membership_status":"inactive","employment_status":"unemployed","employment_months":40}""");
        using (var inactive = await IssueAsync(new { claim_type = "membership_status" }, inactiveToken))
        {
            Assert.Equal("Your membership_status does not satisfy membership_status with these bounds (exactly 1, flag (1 = active)); no credential was issued.",
                Str(await ProblemAsync(inactive, HttpStatusCode.BadRequest, "claim_not_satisfied"), "detail"));
        }

        using (var unemployed = await IssueAsync(new { claim_type = "employment_verification", threshold = 12 }, inactiveToken))
        {
            await ProblemAsync(unemployed, HttpStatusCode.BadRequest, "claim_not_satisfied");
        }

        Assert.Equal(before, await IssuanceStateAsync());
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_stable_codes_and_nothing_is_written()
    {
        (string Body, HttpStatusCode Status, string Code, string? Detail)[] cases =
        [
            ("""{"claim_type":"salary","threshold":1}""", HttpStatusCode.BadRequest, "unknown_claim_type",
                "Unknown claim_type 'salary'. Supported: income_range, credit_tier, account_age, membership_status, employment_verification, dti_ratio."),
            ("""{"claim_type":"income_range","threshold":20000000}""", HttpStatusCode.BadRequest, "threshold_out_of_range",
                "income_range threshold 20000000 is out of range: allowed 1..10000000 USD per year."),
            ("""{"claim_type":"income_range"}""", HttpStatusCode.BadRequest, "threshold_out_of_range",
                "income_range needs a threshold in USD per year between 1 and 10000000."),
            ("""{"claim_type":"income_range","threshold":50000,"upper_bound":60000}""", HttpStatusCode.BadRequest, "threshold_out_of_range",
                "income_range takes a single threshold, not an upper bound."),
            ("""{"claim_type":"credit_tier","threshold":700,"upper_bound":900}""", HttpStatusCode.BadRequest, "threshold_out_of_range",
                "credit_tier upper bound 900 is out of range: allowed 700..850 credit score."),
            ("""{"claim_type":"income_range","threshold":-5}""", HttpStatusCode.BadRequest, "threshold_out_of_range",
                "threshold and upper_bound must not be negative."),
            ("""{"threshold":50000}""", HttpStatusCode.BadRequest, "validation_failed", "One or more fields are invalid: claim_type."),
            ("""{"claim_type":"income_range","threshold":"lots"}""", HttpStatusCode.BadRequest, "malformed_json", null),
            ("""{"claim_type":"income_range","threshold":50000,"value":90000}""", HttpStatusCode.BadRequest, "malformed_json", null),
            ("{", HttpStatusCode.BadRequest, "malformed_json", null),
        ];
        foreach (var (body, status, code, detail) in cases)
        {
            using var response = await IssueAsync(body);
            var problem = await ProblemAsync(response, status, code);
            if (detail is not null)
            {
                Assert.Equal(detail, Str(problem, "detail"));
            }
        }

        using (var anonymous = await PostJsonAsync("/api/v1/credentials/issue", new { claim_type = "income_range", threshold = 50000 }))
        {
            await ProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (var lender = await IssueAsync(new { claim_type = "income_range", threshold = 50000 }, Str(await RegisterLenderAsync(NewEmail("lender")), "access_token")))
        {
            Assert.Equal("Only members hold credentials.", Str(await ProblemAsync(lender, HttpStatusCode.Forbidden, "forbidden"), "detail"));
        }

        using (var issuerAdmin = await IssueAsync(new { claim_type = "income_range", threshold = 50000 }, IssuerAdmin))
        {
            await ProblemAsync(issuerAdmin, HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal("0|0|0|0|0|0", await IssuanceStateAsync());
    }

    [Fact]
    public async Task Missing_attributes_and_an_inactive_issuer_are_refused_and_nothing_is_written()
    {
        var (_, _, noAttributes) = await MemberAsync(attributes: null);
        using (var none = await IssueAsync(new { claim_type = "income_range", threshold = 50000 }, noAttributes))
        {
            Assert.Equal("Your credit union has not reported any attributes for you yet, so no credential can be issued.",
                Str(await ProblemAsync(none, HttpStatusCode.Conflict, "no_attributes"), "detail"));
        }

        var (_, _, onlyScore) = await MemberAsync("""{"credit_score":700}""");
        using (var missing = await IssueAsync(new { claim_type = "income_range", threshold = 50000 }, onlyScore))
        {
            Assert.Equal("Your credit union has not reported annual_income, which income_range is about.",
                Str(await ProblemAsync(missing, HttpStatusCode.Conflict, "attribute_missing"), "detail"));
        }

        using (var suspend = await PostJsonAsync($"/api/v1/admin/issuers/{IssuerId}/status", new { status = "suspended" }, bearer: PlatformAdmin))
        {
            await JsonAsync(suspend, HttpStatusCode.OK);
        }

        using (var suspended = await IssueAsync(new { claim_type = "income_range", threshold = 50000 }))
        {
            Assert.Equal("Your credit union (Sample Credit Union) is suspended in the trust registry and cannot issue credentials.",
                Str(await ProblemAsync(suspended, HttpStatusCode.Forbidden, "issuer_not_active"), "detail"));
        }

        Assert.Equal("0|0|0|0|0|0", await IssuanceStateAsync());
    }
}
