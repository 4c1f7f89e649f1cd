using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;

namespace Zkp.Api.Security;

/// <summary>
/// Authenticates <c>X-API-Key</c>. The key is hashed with SHA-256 and found through the unique index
/// on the hash, so the database never compares the secret itself; the hash found is then compared again
/// with <see cref="SecretHashing.HashesEqual"/>. Expiry (rotation grace periods) is checked here too.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ZkpDbContext db,
    CompiledQueries queries,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";

    /// <summary>The id of the key that authenticated the request (recorded with each verification).</summary>
    public const string ApiKeyIdClaim = "api_key_id";

    /// <summary>The organisation's plan, read with the key in the same request (rate limits and quota use it).</summary>
    public const string PlanClaim = "plan";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var key = values.ToString();
        if (!ApiKeys.HasValidShape(key))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        var hash = SecretHashing.Sha256(key);
        var now = time.GetUtcNow().UtcDateTime;
        // One round trip for the key and its organisation: this runs on every API-key request.
        var found = await queries.ApiKeyByHash(db, hash, Context.RequestAborted);
        if (found is null || !SecretHashing.HashesEqual(found.KeyHash, hash) || (found.ExpiresUtc is { } expires && expires <= now))
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }

        var organization = new { Id = found.OrganizationId, found.Plan, found.IsIssuer };
        var identity = new ClaimsIdentity(
            [
                new Claim("sub", "org:" + organization.Id),
                // An issuer's key (its core banking system) acts as the issuer, never as a lender.
                new Claim("role", organization.IsIssuer ? Roles.IssuerAdmin : Roles.Lender),
                new Claim(TokenService.OrganizationClaim, organization.Id.ToString()),
                new Claim(PlanClaim, organization.Plan),
                new Claim(ApiKeyIdClaim, found.Id.ToString()),
            ],
            SchemeName, "sub", "role");
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
