using System.Net;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class MemberAttributeTests(PostgresCluster cluster) : RegistryTestBase(cluster)
{
    private const string Full = """{"annual_income":85000,"credit_score":742,"account_opened_on":"2019-03-01","membership_status":"active","employment_status":"employed","employment_months":38,"dti_ratio_bps":2800}""";

    private async Task<(string Admin, string IssuerId, string IssuerAdmin)> IssuerAsync(string charter = "12345")
    {
        var admin = await AdminLoginAsync();
        var issuerId = Str(await CreateIssuerAsync(admin, charter: charter), "id");
        return (admin, issuerId, await IssuerAdminAsync(admin, issuerId));
    }

    [Fact]
    public async Task Upsert_one_is_idempotent_audited_by_field_name_and_readable_by_the_member()
    {
        var (_, issuerId, issuerAdmin) = await IssuerAsync();
        var email = await RegisterMemberAsync(NewEmail("member"));
        using (var first = await PutJsonAsync($"/api/v1/issuer/members/{email}/attributes", Full, bearer: issuerAdmin))
        {
            var body = await JsonAsync(first, HttpStatusCode.OK);
            Assert.Equal(issuerId, Str(body, "issuer_id"));
            Assert.Equal(85000, body.GetProperty("annual_income").GetInt64());
            Assert.Equal("2019-03-01", Str(body, "account_opened_on"));
            Assert.Equal(["annual_income", "credit_score", "account_opened_on", "membership_status", "employment_status", "employment_months", "dti_ratio_bps"],
                body.GetProperty("changed_fields").EnumerateArray().Select(e => e.GetString()));
        }

        using (var same = await PutJsonAsync($"/api/v1/issuer/members/{email.ToUpperInvariant()}/attributes", Full, bearer: issuerAdmin))
        {
            Assert.Empty((await JsonAsync(same, HttpStatusCode.OK)).GetProperty("changed_fields").EnumerateArray());
        }

        var memberId = await SqlAsync($"select id from accounts where email = '{email}'");
        using (var partial = await PutJsonAsync($"/api/v1/issuer/members/{memberId}/attributes", """{"credit_score":"750","dti_ratio_bps":2800}""", bearer: issuerAdmin))
        {
            var body = await JsonAsync(partial, HttpStatusCode.OK);
            Assert.Equal(["credit_score"], body.GetProperty("changed_fields").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(85000, body.GetProperty("annual_income").GetInt64());
        }

        Assert.Equal("1", await SqlAsync("select count(*) from member_attributes"));
        Assert.Equal("85000|750|2019-03-01|active|employed|38|2800", await SqlAsync("select annual_income, credit_score, account_opened_on, membership_status, employment_status, employment_months, dti_ratio_bps from member_attributes"));
        Assert.Equal(
            "member.attributes_created|annual_income,credit_score,account_opened_on,membership_status,employment_status,employment_months,dti_ratio_bps\nmember.attributes_updated|credit_score",
            await SqlAsync($"select action, fields from audit_events where member_account_id = '{memberId}' order by created_utc, action"));
        Assert.Equal("0", await SqlAsync("select count(*) from audit_events where fields like '%750%' or fields like '%85000%'"));

        using var own = await GetAsync("/api/v1/members/me/attributes", bearer: Str(await LoginMemberAsync(email), "access_token"));
        var mine = await JsonAsync(own, HttpStatusCode.OK);
        Assert.Equal(750, mine.GetProperty("credit_score").GetInt32());
        Assert.Equal(memberId, Str(mine, "member_id"));
    }

    [Fact]
    public async Task Upsert_one_refuses_bad_fields_unknown_members_other_issuers_and_suspended_issuers()
    {
        var (admin, issuerId, issuerAdmin) = await IssuerAsync();
        var (_, _, otherAdmin) = await IssuerAsync("54321");
        var email = await RegisterMemberAsync(NewEmail("member"));

        using (var invalid = await PutJsonAsync($"/api/v1/issuer/members/{email}/attributes",
            """{"credit_score":900,"dti_ratio_bps":-1,"account_opened_on":"2019-02-30","membership_status":"gold","annual_income":1.5,"email":"x@y.z","favourite_colour":"blue"}""", bearer: issuerAdmin))
        {
            var problem = await ProblemAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(["credit_score must be a whole number between 300 and 850."], Errors(problem, "credit_score"));
            Assert.Equal(["dti_ratio_bps must be a whole number between 0 and 10000."], Errors(problem, "dti_ratio_bps"));
            Assert.Equal(["account_opened_on must be a date (YYYY-MM-DD) between 1900-01-01 and today."], Errors(problem, "account_opened_on"));
            Assert.Equal(["membership_status must be one of: active, inactive."], Errors(problem, "membership_status"));
            Assert.Equal(["annual_income must be a whole number of US dollars between 0 and 1000000000000."], Errors(problem, "annual_income"));
            Assert.Equal(["email must not be given here: the member is named in the path."], Errors(problem, "email"));
            Assert.Equal(["favourite_colour is not a known field."], Errors(problem, "favourite_colour"));
        }

        using (var empty = await PutJsonAsync($"/api/v1/issuer/members/{email}/attributes", "{}", bearer: issuerAdmin))
        {
            Assert.Single(Errors(await ProblemAsync(empty, HttpStatusCode.BadRequest, "validation_failed"), "attributes"));
        }

        using (var unknown = await PutJsonAsync("/api/v1/issuer/members/nobody@example.com/attributes", Full, bearer: issuerAdmin))
        {
            await ProblemAsync(unknown, HttpStatusCode.NotFound, "member_not_found");
        }

        using (var lenderKey = await PutJsonAsync($"/api/v1/issuer/members/{email}/attributes", Full, apiKey: Str(await RegisterLenderAsync(NewEmail("lender")), "api_key")))
        {
            await ProblemAsync(lenderKey, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var platformAdmin = await PutJsonAsync($"/api/v1/issuer/members/{email}/attributes", Full, bearer: admin))
        {
            await ProblemAsync(platformAdmin, HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal("0|0", await SqlAsync("select (select count(*) from member_attributes), (select count(*) from audit_events where member_account_id is not null)"));

        using (var ok = await PutJsonAsync($"/api/v1/issuer/members/{email}/attributes", """{"credit_score":700}""", bearer: issuerAdmin))
        {
            await JsonAsync(ok, HttpStatusCode.OK);
        }

        using (var other = await PutJsonAsync($"/api/v1/issuer/members/{email}/attributes", """{"credit_score":300}""", bearer: otherAdmin))
        {
            await ProblemAsync(other, HttpStatusCode.Forbidden, "member_of_other_issuer");
        }

        using (var suspend = await PostJsonAsync($"/api/v1/admin/issuers/{issuerId}/status", new { status = "suspended" }, bearer: admin))
        {
            await JsonAsync(suspend, HttpStatusCode.OK);
        }

        using (var suspended = await PutJsonAsync($"/api/v1/issuer/members/{email}/attributes", """{"credit_score":800}""", bearer: issuerAdmin))
        {
            await ProblemAsync(suspended, HttpStatusCode.Forbidden, "issuer_not_active");
        }

        Assert.Equal($"700|{issuerId}|1", await SqlAsync("select credit_score, issuer_id, (select count(*) from audit_events where member_account_id is not null) from member_attributes"));
    }

    [Fact]
    public async Task Bulk_json_and_csv_write_all_rows_or_none()
    {
        var (admin, issuerId, issuerAdmin) = await IssuerAsync();
        var a = await RegisterMemberAsync(NewEmail("a"));
        var b = await RegisterMemberAsync(NewEmail("b"));
        var c = await RegisterMemberAsync(NewEmail("c"));
        using var keyResponse = await PostJsonAsync($"/api/v1/admin/issuers/{issuerId}/api-keys", null, bearer: admin);
        var issuerKey = Str(await JsonAsync(keyResponse, HttpStatusCode.Created), "api_key");

        using (var bad = await PostJsonAsync("/api/v1/issuer/members/attributes:bulk",
            $$"""[{"email":"{{a}}","credit_score":700},{"email":"{{b}}","credit_score":200},{"credit_score":650},{"email":"{{a}}","dti_ratio_bps":1},{"email":"ghost@example.com","credit_score":700}]""", apiKey: issuerKey))
        {
            var problem = await ProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(["rows[1].credit_score must be a whole number between 300 and 850."], Errors(problem, "rows[1].credit_score"));
            Assert.Equal(["rows[2].email exactly one of email and member_id is required."], Errors(problem, "rows[2].email"));
            Assert.Equal(2, problem.GetProperty("errors").EnumerateObject().Count());
        }

        using (var dupes = await PostJsonAsync("/api/v1/issuer/members/attributes:bulk",
            $$"""[{"email":"{{a}}","credit_score":700},{"email":"{{a}}","dti_ratio_bps":1},{"email":"ghost@example.com","credit_score":700}]""", apiKey: issuerKey))
        {
            var problem = await ProblemAsync(dupes, HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(["rows[1].email the member appears more than once in this request."], Errors(problem, "rows[1].email"));
            Assert.Equal(["rows[2].email no registered member has this email."], Errors(problem, "rows[2].email"));
        }

        Assert.Equal("0|0", await SqlAsync("select (select count(*) from member_attributes), (select count(*) from audit_events where member_account_id is not null)"));

        using (var json = await PostJsonAsync("/api/v1/issuer/members/attributes:bulk",
            $$"""[{"email":"{{a}}","credit_score":700,"annual_income":50000},{"email":"{{b}}","membership_status":"inactive"}]""", apiKey: issuerKey))
        {
            var body = await JsonAsync(json, HttpStatusCode.OK);
            Assert.Equal("""{"rows":2,"created":2,"updated":0,"unchanged":0}""", body.GetRawText());
        }

        var cId = await SqlAsync($"select id from accounts where email = '{c}'");
        var csv = $"email,member_id,credit_score,annual_income,employment_status\r\n{a},,700,50000,\r\n\"{b}\",,,,\"retired\"\r\n,{cId},812,,\r\n";
        using (var text = await PostTextAsync("/api/v1/issuer/members/attributes:bulk", csv, "text/csv", bearer: issuerAdmin))
        {
            Assert.Equal("""{"rows":3,"created":1,"updated":1,"unchanged":1}""", (await JsonAsync(text, HttpStatusCode.OK)).GetRawText());
        }

        using (var again = await PostTextAsync("/api/v1/issuer/members/attributes:bulk", csv, "text/csv", bearer: issuerAdmin))
        {
            Assert.Equal("""{"rows":3,"created":0,"updated":0,"unchanged":3}""", (await JsonAsync(again, HttpStatusCode.OK)).GetRawText());
        }

        Assert.Equal($"{a}|700|50000||\n{b}|||inactive|retired\n{c}|812|||",
            await SqlAsync("select a.email, m.credit_score, m.annual_income, m.membership_status, m.employment_status from member_attributes m join accounts a on a.id = m.member_account_id order by a.email"));
        Assert.Equal("4", await SqlAsync("select count(*) from audit_events where member_account_id is not null"));
        var issuerOrg = await SqlAsync($"select count(*) from audit_events where actor_organization_id = '{issuerId}' and actor_account_id is null");
        Assert.Equal("2", issuerOrg);
    }

    [Theory]
    [InlineData("", "csv", "the body is empty; expected a header row and at least one data row.")]
    [InlineData("email,credit_score\r\n", "csv", "the header is not followed by any data row.")]
    [InlineData("email,score\r\na@example.com,700\r\n", "csv", "line 1: unknown column 'score'.")]
    [InlineData("email,credit_score\r\na@example.com,700,1\r\n", "csv", "line 2: 3 fields, but the header has 2.")]
    [InlineData("email,credit_score\r\n\"a@example.com,700\r\n", "csv", "line 2: unterminated quoted field.")]
    [InlineData("email,email\r\na@example.com,b@example.com\r\n", "csv", "line 1: column 'email' appears more than once.")]
    [InlineData("email,credit_score\r\nnobody@example.com,abc\r\n", "rows[0].credit_score", "rows[0].credit_score must be a whole number between 300 and 850.")]
    public async Task Bad_csv_is_refused_with_the_line_named_and_nothing_written(string csv, string field, string message)
    {
        var (_, _, issuerAdmin) = await IssuerAsync();
        using var response = await PostTextAsync("/api/v1/issuer/members/attributes:bulk", csv, "text/csv", bearer: issuerAdmin);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([message], Errors(problem, field));
        Assert.Equal("0", await SqlAsync("select count(*) from member_attributes"));
    }

    [Fact]
    public async Task Bulk_refuses_other_media_types_and_non_arrays()
    {
        var (_, _, issuerAdmin) = await IssuerAsync();
        using (var xml = await PostTextAsync("/api/v1/issuer/members/attributes:bulk", "<rows/>", "application/xml", bearer: issuerAdmin))
        {
            await ProblemAsync(xml, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        }

        using (var obj = await PostJsonAsync("/api/v1/issuer/members/attributes:bulk", """{"email":"a@example.com"}""", bearer: issuerAdmin))
        {
            Assert.Equal(["The body must be a JSON array of member objects."], Errors(await ProblemAsync(obj, HttpStatusCode.BadRequest, "validation_failed"), "body"));
        }

        using (var broken = await PostJsonAsync("/api/v1/issuer/members/attributes:bulk", "[{", bearer: issuerAdmin))
        {
            await ProblemAsync(broken, HttpStatusCode.BadRequest, "malformed_json");
        }
    }
}
