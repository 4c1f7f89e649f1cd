using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class ErrorTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Requests:MaxBodyBytes"] = "1024" };

    private const string Register = "/api/v1/auth/member/register";

    [Theory]
    [InlineData("{\"email\": \"a@b.example\", ", "The request body is not valid JSON (line 1, position 26).")]
    [InlineData("not json", "The request body is not valid JSON (line 1, position 2).")]
    [InlineData("{\"email\": 5, \"password\": \"correct horse battery\", \"full_name\": \"J\"}", "Field 'email' has the wrong type.")]
    [InlineData("{\"email\": \"a@b.example\", \"pasword\": \"correct horse battery\", \"full_name\": \"J\"}", "Unknown field 'pasword'.")]
    [InlineData("[1, 2]", "The request body must be a JSON object.")]
    [InlineData("{\"email\": {\"nested\": true}, \"password\": \"correct horse battery\", \"full_name\": \"J\"}", "Field 'email' has the wrong type.")]
    public async Task Unreadable_bodies_are_400_malformed_json_and_nothing_is_written(string json, string detail)
    {
        using var response = await PostJsonAsync(Register, json);
        var body = await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(detail, Str(body, "detail"));
        Assert.Equal("0", await SqlAsync("select count(*) from accounts"));
    }

    [Fact]
    public async Task A_missing_body_is_400()
    {
        using var response = await PostJsonAsync(Register, null);
        await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_with_or_without_content_length()
    {
        var big = "{\"email\": \"a@b.example\", \"password\": \"correct horse battery\", \"full_name\": \"" + new string('x', 2000) + "\"}";
        using (var declared = await PostJsonAsync(Register, big))
        {
            var body = await ProblemAsync(declared, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
            Assert.Equal("The request body is larger than the limit of 1024 bytes.", Str(body, "detail"));
        }

        using var chunked = new HttpRequestMessage(HttpMethod.Post, new Uri(Register, UriKind.Relative))
        {
            Content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(big))),
        };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        using (var streamed = await SendAsync(chunked))
        {
            await ProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        }

        Assert.Equal("0", await SqlAsync("select count(*) from accounts"));
    }

    [Fact]
    public async Task Wrong_content_type_is_415_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Register, UriKind.Relative))
        {
            Content = new StringContent("email=a@b.example", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        using var response = await SendAsync(request);
        await ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_problems()
    {
        using (var missing = await GetAsync("/api/v1/nothing-here"))
        {
            await ProblemAsync(missing, HttpStatusCode.NotFound, "not_found");
        }

        using var method = await GetAsync(Register);
        await ProblemAsync(method, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task A_server_fault_is_a_generic_500_that_leaks_nothing()
    {
        await SqlAsync("alter table accounts rename to accounts_gone");
        using var response = await PostJsonAsync(Register, new { email = NewEmail(), password = Password, full_name = "Jane" });
        var body = await ProblemAsync(response, HttpStatusCode.InternalServerError, "internal_error");
        var text = body.ToString();
        Assert.Equal("An unexpected error occurred. It has been logged.", Str(body, "detail"));
        Assert.DoesNotContain("accounts", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}

public sealed class RateLimitTests(PostgresCluster cluster) : PostgresApiTest(cluster)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Policies:auth:PermitLimit"] = "2",
        ["RateLimits:Policies:auth:WindowSeconds"] = "60",
        ["Plans:Free:RequestsPerMinute"] = "3",
    };

    [Fact]
    public async Task The_third_login_in_a_minute_is_429_with_headers_and_the_guide_detail()
    {
        var email = NewEmail();
        using (var register = await PostJsonAsync("/api/v1/auth/member/register", new { email, password = Password, full_name = "J" }))
        {
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            Assert.Equal("1", register.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        var body = new { email, password = "whatever password" };
        using (var first = await PostJsonAsync("/api/v1/auth/member/login", body))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
            Assert.Equal("2", first.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal("1", first.Headers.GetValues("X-RateLimit-Remaining").Single());
            var reset = int.Parse(first.Headers.GetValues("X-RateLimit-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(reset, 1, 60);
            Assert.False(first.Headers.Contains("Retry-After"));
        }

        using (var second = await PostJsonAsync("/api/v1/auth/member/login", body))
        {
            Assert.Equal("0", second.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var limited = await PostJsonAsync("/api/v1/auth/member/login", body);
        var problem = await ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal("Rate limit exceeded. Please try again later.", Str(problem, "detail"));
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(limited.Headers.GetValues("X-RateLimit-Reset").Single(), limited.Headers.GetValues("Retry-After").Single());

        // Nothing behind the limit ran: the refused attempt was not counted as a failed login.
        Assert.Equal("2", await SqlAsync($"select failed_login_count from accounts where email = '{email}'"));

        // A new window starts after the reset.
        Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        using var later = await PostJsonAsync("/api/v1/auth/member/login", body);
        Assert.Equal(HttpStatusCode.Unauthorized, later.StatusCode);
    }

    [Fact]
    public async Task Authenticated_callers_are_limited_per_organisation_by_their_plan()
    {
        // Lender registration allows 2/min per IP here: two lenders fit.
        var a = await RegisterLenderAsync(NewEmail("a"));
        var b = await RegisterLenderAsync(NewEmail("b"));
        for (var i = 2; i >= 0; i--)
        {
            using var ok = await GetAsync("/api/v1/analytics/quota", apiKey: Str(a, "api_key"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", ok.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal(i.ToString(System.Globalization.CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using (var limited = await GetAsync("/api/v1/analytics/quota", apiKey: Str(a, "api_key")))
        {
            await ProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate_limited");
            Assert.True(limited.Headers.Contains("Retry-After"));
        }

        using var other = await GetAsync("/api/v1/analytics/quota", apiKey: Str(b, "api_key"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
