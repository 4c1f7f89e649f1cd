using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Registry;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

/// <summary>Platform administration of issuers (credit unions), and the admin login.</summary>
public static class IssuersApi
{
    public static RouteGroupBuilder MapIssuersApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/auth/admin/login", LoginAsync)
            .WithTags("Admin authentication")
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Log in as a platform admin or an issuer admin.")
            .WithExamples("""{"email":"admin@demo-fcu.example","password":"DemoIssuer!2026pass"}""",
                (200, """{"access_token":"eyJhbGciOiJIUzI1NiIs...","token_type":"bearer","expires_in":900,"refresh_token":"q3Jx..."}"""));

        var group = api.MapGroup("/admin/issuers").WithTags("Issuer administration")
            .RequireAuthorization(AuthorizationPolicies.PlatformAdmin);
        const string Issuer = """{"id":"550e8400-e29b-41d4-a716-446655440000","did":"did:key:z6Mk...","name":"Sample Credit Union","ncua_charter":"12345","public_key_hex":"3b6a27bc...","status":"active","created_at":"2026-01-15T12:00:00"}""";
        group.MapPost("/", CreateAsync)
            .WithSummary("Create an issuer; generates its Ed25519 key pair (the private key never leaves the server).")
            .WithExamples("""{"name":"Sample Credit Union","ncua_charter":"12345"}""", (201, Issuer));
        group.MapGet("/", ListAsync).WithRateLimit(RateLimitPolicies.Analytics).WithSummary("List issuers.");
        group.MapGet("/{id:guid}", GetAsync).WithRateLimit(RateLimitPolicies.Analytics).WithSummary("One issuer.");
        group.MapPost("/{id:guid}/status", SetStatusAsync)
            .WithSummary("Change an issuer's status (active, suspended, revoked); audited.")
            .WithExamples("""{"status":"suspended"}""", (200, Issuer.Replace("\"active\"", "\"suspended\"", StringComparison.Ordinal)));
        group.MapPost("/{id:guid}/admins", CreateAdminAsync)
            .WithSummary("Create an issuer admin account bound to this issuer.")
            .WithExamples("""{"email":"ops@samplecu.org","password":"a long passphrase"}""",
                (201, """{"id":"3f1c0e7a-5b7e-4a8e-9d36-1d2b5b8f0c11","email":"ops@samplecu.org","role":"issuer_admin","issuer_id":"550e8400-e29b-41d4-a716-446655440000"}"""));
        group.MapPost("/{id:guid}/api-keys", CreateApiKeyAsync)
            .WithSummary("Create an API key for the issuer's core banking system (shown once).")
            .WithExamples(null, (201, """{"api_key":"zkp_live_abc123...","issuer_id":"550e8400-e29b-41d4-a716-446655440000"}"""));
        return api;
    }

    internal static async Task<Results<Ok<TokenResponse>, Ok<TwoFactorRequiredResponse>, ProblemHttpResult, ValidationProblem>> LoginAsync(
        LoginRequest request, AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("email", request.Email).Required("password", request.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        // One endpoint for both admin roles; any other role is refused exactly like a wrong password.
        var role = (await accounts.FindByEmailAsync(request.Email!, cancellationToken))?.Role is Roles.IssuerAdmin ? Roles.IssuerAdmin : Roles.PlatformAdmin;
        var result = await accounts.PasswordLoginAsync(request.Email!, request.Password!, role, cancellationToken);
        return await LoginResponses.ForAsync(result, tokens, cancellationToken);
    }

    internal static async Task<Results<Created<TrustRegistryEntry>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateIssuerRequest request, IssuerService issuers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("name", request.Name).MaxLength("name", request.Name?.Trim(), 200).Required("ncua_charter", request.NcuaCharter);
        var charter = request.NcuaCharter?.Trim();
        if (!string.IsNullOrEmpty(charter) && (charter.Length > 10 || !charter.All(char.IsAsciiDigit)))
        {
            errors.Add("ncua_charter", "ncua_charter must be 1 to 10 digits.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await issuers.CharterExistsAsync(charter!, cancellationToken))
        {
            return Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.CharterTaken, "An issuer with this NCUA charter number already exists.");
        }

        Issuer issuer;
        try
        {
            issuer = await issuers.CreateAsync(request.Name!.Trim(), charter!, Actor.From(user), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two admins created the same charter at once; the unique index kept one.
            return Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.CharterTaken, "An issuer with this NCUA charter number already exists.");
        }

        return TypedResults.Created($"/api/v1/admin/issuers/{issuer.Id}", TrustRegistryEntry.From(issuer));
    }

    internal static async Task<Ok<List<TrustRegistryEntry>>> ListAsync(ZkpDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Issuers.AsNoTracking().OrderBy(i => i.CreatedUtc).ThenBy(i => i.Id).ToListAsync(cancellationToken))
            .Select(TrustRegistryEntry.From).ToList());

    internal static async Task<Results<Ok<TrustRegistryEntry>, ProblemHttpResult>> GetAsync(Guid id, ZkpDbContext db, CancellationToken cancellationToken) =>
        await db.Issuers.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is { } issuer
            ? TypedResults.Ok(TrustRegistryEntry.From(issuer))
            : UnknownIssuer();

    internal static async Task<Results<Ok<TrustRegistryEntry>, ValidationProblem, ProblemHttpResult>> SetStatusAsync(
        Guid id, IssuerStatusRequest request, IssuerService issuers, ZkpDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (request.Status is null || !IssuerStatuses.All.Contains(request.Status))
        {
            return new FieldErrors().Add("status", "status must be one of: active, revoked, suspended.").ToProblem();
        }

        var issuer = await db.Issuers.SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (issuer is null)
        {
            return UnknownIssuer();
        }

        await issuers.SetStatusAsync(issuer, request.Status, Actor.From(user), cancellationToken);
        return TypedResults.Ok(TrustRegistryEntry.From(issuer));
    }

    internal static async Task<Results<Created<IssuerAdminResponse>, ValidationProblem, ProblemHttpResult>> CreateAdminAsync(
        Guid id, CreateIssuerAdminRequest request, IssuerService issuers, AccountService accounts, ZkpDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Email("email", request.Email);
        foreach (var problem in PasswordPolicy.Check(request.Password, request.Email))
        {
            errors.Add("password", problem);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var issuer = await db.Issuers.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (issuer is null)
        {
            return UnknownIssuer();
        }

        if (await accounts.EmailExistsAsync(request.Email!, cancellationToken))
        {
            return Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.EmailTaken, "An account with this email address already exists.");
        }

        Account account;
        try
        {
            account = await issuers.CreateAdminAsync(issuer, request.Email!, request.Password!, Actor.From(user), cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.EmailTaken, "An account with this email address already exists.");
        }

        return TypedResults.Created($"/api/v1/admin/issuers/{id}/admins/{account.Id}", new IssuerAdminResponse(account.Id, account.Email, account.Role, issuer.Id));
    }

    internal static async Task<Results<Created<IssuerApiKeyResponse>, ProblemHttpResult>> CreateApiKeyAsync(
        Guid id, IssuerService issuers, ZkpDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var issuer = await db.Issuers.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (issuer is null)
        {
            return UnknownIssuer();
        }

        var key = await issuers.CreateApiKeyAsync(issuer, Actor.From(user), cancellationToken);
        return TypedResults.Created($"/api/v1/admin/issuers/{id}", new IssuerApiKeyResponse(key, issuer.Id));
    }

    private static ProblemHttpResult UnknownIssuer() =>
        Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No issuer has this id.");
}
