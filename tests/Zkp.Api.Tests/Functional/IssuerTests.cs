using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Security;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class IssuerTests(PostgresCluster cluster) : RegistryTestBase(cluster)
{
    [Fact]
    public async Task Admin_creates_an_issuer_whose_key_is_protected_and_whose_registry_entry_has_the_guide_fields()
    {
        var admin = await AdminLoginAsync();
        var created = await CreateIssuerAsync(admin);
        var id = Str(created, "id");
        Assert.Equal(["id", "did", "name", "ncua_charter", "public_key_hex", "status", "created_at"], created.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Sample Credit Union", Str(created, "name"));
        Assert.Equal("12345", Str(created, "ncua_charter"));
        Assert.Equal("active", Str(created, "status"));
        Assert.Matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$", Str(created, "created_at"));
        var did = DidKey.Parse(Str(created, "did"));
        Assert.Equal(Convert.ToHexStringLower(did.PublicKey.ToArray()), Str(created, "public_key_hex"));

        // The stored seed unprotects (with the issuer purpose only) to the key of the published DID.
        var stored = await SqlAsync($"select signing_seed_protected from issuers where id = '{id}'");
        using (var key = Factory.Services.GetRequiredService<KeyVault>().UnprotectIssuerKey(stored))
        {
            Assert.Equal(did.PublicKey, key.PublicKey);
        }

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Factory.Services.GetRequiredService<KeyVault>().UnprotectMemberKey(stored));
        Assert.Equal("credit_union|enterprise|issuer.created", await SqlAsync($"select o.verifier_type, o.plan, a.action from organizations o join audit_events a on a.issuer_id = o.id where o.id = '{id}'"));

        var lender = await RegisterLenderAsync(NewEmail("lender"));
        using var list = await GetAsync("/api/v1/trust-registry", apiKey: Str(lender, "api_key"));
        var entries = await JsonAsync(list, HttpStatusCode.OK);
        Assert.Equal(created.GetRawText(), Assert.Single(entries.EnumerateArray()).GetRawText());
        using var one = await GetAsync($"/api/v1/trust-registry/{id}", bearer: Str(await LoginMemberAsync(await RegisterMemberAsync(NewEmail())), "access_token"));
        Assert.Equal(created.GetRawText(), (await JsonAsync(one, HttpStatusCode.OK)).GetRawText());
        Assert.Equal((60, 60), (Zkp.Api.Options.RateLimitPolicies.Defaults["trust_registry"].PermitLimit, Zkp.Api.Options.RateLimitPolicies.Defaults["trust_registry"].WindowSeconds));
        Assert.Equal("1000", list.Headers.GetValues("X-RateLimit-Limit").Single());
    }

    [Fact]
    public async Task Issuer_admin_failures_leave_the_database_unchanged()
    {
        var admin = await AdminLoginAsync();
        var member = Str(await LoginMemberAsync(await RegisterMemberAsync(NewEmail())), "access_token");
        using (var notAdmin = await PostJsonAsync("/api/v1/admin/issuers", new { name = "X", ncua_charter = "1" }, bearer: member))
        {
            await ProblemAsync(notAdmin, HttpStatusCode.Forbidden, "forbidden");
        }

        using (var anonymous = await GetAsync("/api/v1/trust-registry"))
        {
            await ProblemAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (var invalid = await PostJsonAsync("/api/v1/admin/issuers", new { name = " ", ncua_charter = "12a" }, bearer: admin))
        {
            var problem = await ProblemAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
            Assert.Equal(["name is required."], Errors(problem, "name"));
            Assert.Equal(["ncua_charter must be 1 to 10 digits."], Errors(problem, "ncua_charter"));
        }

        Assert.Equal("0|0", await SqlAsync("select (select count(*) from issuers), (select count(*) from audit_events)"));
        var issuer = await CreateIssuerAsync(admin);
        using (var taken = await PostJsonAsync("/api/v1/admin/issuers", new { name = "Other", ncua_charter = "12345" }, bearer: admin))
        {
            await ProblemAsync(taken, HttpStatusCode.Conflict, "charter_taken");
        }

        using (var unknown = await GetAsync($"/api/v1/trust-registry/{Guid.NewGuid()}", bearer: admin))
        {
            await ProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");
        }

        using (var unknownStatus = await PostJsonAsync($"/api/v1/admin/issuers/{Guid.NewGuid()}/status", new { status = "suspended" }, bearer: admin))
        {
            await ProblemAsync(unknownStatus, HttpStatusCode.NotFound, "not_found");
        }

        using (var badStatus = await PostJsonAsync($"/api/v1/admin/issuers/{Str(issuer, "id")}/status", new { status = "paused" }, bearer: admin))
        {
            await ProblemAsync(badStatus, HttpStatusCode.BadRequest, "validation_failed");
        }

        var issuerAdmin = await IssuerAdminAsync(admin, Str(issuer, "id"));
        using (var issuerAdminIsNotPlatformAdmin = await GetAsync("/api/v1/admin/issuers", bearer: issuerAdmin))
        {
            await ProblemAsync(issuerAdminIsNotPlatformAdmin, HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal("1|issuer.admin_created,issuer.created", await SqlAsync("select (select count(*) from issuers), (select string_agg(action, ',' order by action) from audit_events)"));
    }

    [Fact]
    public async Task Status_changes_are_audited_and_show_in_the_registry()
    {
        var admin = await AdminLoginAsync();
        var id = Str(await CreateIssuerAsync(admin), "id");
        using (var suspend = await PostJsonAsync($"/api/v1/admin/issuers/{id}/status", new { status = "suspended" }, bearer: admin))
        {
            Assert.Equal("suspended", Str(await JsonAsync(suspend, HttpStatusCode.OK), "status"));
        }

        using (var again = await PostJsonAsync($"/api/v1/admin/issuers/{id}/status", new { status = "suspended" }, bearer: admin))
        {
            await JsonAsync(again, HttpStatusCode.OK);
        }

        using (var get = await GetAsync($"/api/v1/admin/issuers/{id}", bearer: admin))
        {
            Assert.Equal("suspended", Str(await JsonAsync(get, HttpStatusCode.OK), "status"));
        }

        var adminId = await SqlAsync($"select id from accounts where email = '{AdminEmail}'");
        Assert.Equal($"issuer.status_changed|suspended|{adminId}", await SqlAsync($"select action, fields, actor_account_id from audit_events where action = 'issuer.status_changed'"));
    }

    [Fact]
    public async Task Platform_admin_seeding_is_idempotent_and_other_roles_cannot_use_the_admin_login()
    {
        Assert.Equal("platform_admin|t", await SqlAsync($"select role, email_verified from accounts where email = '{AdminEmail}'"));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Zkp.Api.Registry.RegistrySeeder>().SeedAsync();
        }

        Assert.Equal("1", await SqlAsync("select count(*) from accounts"));
        // Not the embedded default (PostgreSQL), so no demo data.
        Assert.Equal("0", await SqlAsync("select count(*) from issuers"));
        var member = await RegisterMemberAsync(NewEmail());
        using var response = await PostJsonAsync("/api/v1/auth/admin/login", new { email = member, password = Password });
        await ProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task An_issuer_api_key_acts_as_the_issuer_never_as_a_lender()
    {
        var admin = await AdminLoginAsync();
        var id = Str(await CreateIssuerAsync(admin), "id");
        using var created = await PostJsonAsync($"/api/v1/admin/issuers/{id}/api-keys", null, bearer: admin);
        var key = Str(await JsonAsync(created, HttpStatusCode.Created), "api_key");
        Assert.Matches("^zkp_live_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal($"\\x{Sha256Hex(key)}", await SqlAsync($"select key_hash from api_keys where organization_id = '{id}'"));

        using (var registry = await GetAsync("/api/v1/trust-registry", apiKey: key))
        {
            Assert.Single((await JsonAsync(registry, HttpStatusCode.OK)).EnumerateArray());
        }

        using (var lenderOnly = await GetAsync("/api/v1/analytics/quota", apiKey: key))
        {
            await ProblemAsync(lenderOnly, HttpStatusCode.Forbidden, "forbidden");
        }

        var member = Str(await LoginMemberAsync(await RegisterMemberAsync(NewEmail())), "access_token");
        using var memberOnIssuerApi = await PutJsonAsync("/api/v1/issuer/members/x@example.com/attributes", """{"credit_score":700}""", bearer: member);
        await ProblemAsync(memberOnIssuerApi, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("issuer.api_key_created,issuer.created", await SqlAsync($"select string_agg(action, ',' order by action) from audit_events where issuer_id = '{id}'"));
    }
}
