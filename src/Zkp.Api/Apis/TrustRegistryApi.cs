using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

public static class TrustRegistryApi
{
    public static RouteGroupBuilder MapTrustRegistryApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/trust-registry").WithTags("Trust registry")
            .RequireAuthorization(AuthorizationPolicies.AnyCaller)
            .WithRateLimit(RateLimitPolicies.TrustRegistry);

        const string Entry = """{"id":"550e8400-e29b-41d4-a716-446655440000","did":"did:key:z6MkIssuer...","name":"Sample Credit Union","ncua_charter":"12345","public_key_hex":"3b6a27bc...","status":"active","created_at":"2026-01-15T12:00:00"}""";
        group.MapGet("/", ListAsync)
            .WithSummary("Every issuer (credit union) with its did:key, Ed25519 public key and status; any API key or JWT.")
            .WithExamples(null, (200, "[" + Entry + "]"));
        group.MapGet("/{id:guid}", GetAsync)
            .WithSummary("One issuer of the trust registry.")
            .WithExamples(null, (200, Entry));
        return api;
    }

    internal static async Task<Ok<List<TrustRegistryEntry>>> ListAsync(ZkpDbContext db, CancellationToken cancellationToken)
    {
        var issuers = await db.Issuers.AsNoTracking().OrderBy(i => i.CreatedUtc).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(issuers.Select(TrustRegistryEntry.From).ToList());
    }

    internal static async Task<Results<Ok<TrustRegistryEntry>, ProblemHttpResult>> GetAsync(Guid id, ZkpDbContext db, CancellationToken cancellationToken)
    {
        var issuer = await db.Issuers.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        return issuer is null ? Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No issuer has this id.") : TypedResults.Ok(TrustRegistryEntry.From(issuer));
    }
}
