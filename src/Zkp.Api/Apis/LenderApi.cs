using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

public static class LenderApi
{
    public const int MaxGracePeriodSeconds = 86_400;

    public static readonly IReadOnlySet<string> VerifierTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "lender", "credit_union", "bank", "fintech", "other",
    };

    public static RouteGroupBuilder MapLenderApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/auth/lender").WithTags("Lender authentication");

        group.MapPost("/register", RegisterAsync)
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Register a lender organisation; returns a JWT and the organisation's first API key (shown once).")
            .WithExamples("""{"email":"integrations@lender.com","password":"securePassword123!","organization_name":"Acme Lending","verifier_type":"lender"}""",
                (201, """{"access_token":"eyJhbGciOiJIUzI1NiIs...","token_type":"bearer","expires_in":900,"refresh_token":"q3Jx...","api_key":"zkp_live_abc123...","organization_id":"550e8400-e29b-41d4-a716-446655440000"}"""));

        group.MapPost("/login", LoginAsync)
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Obtain a JWT for a lender user.")
            .WithExamples("""{"email":"integrations@lender.com","password":"securePassword123!"}""",
                (200, """{"access_token":"eyJhbGciOiJIUzI1NiIs...","token_type":"bearer","expires_in":900,"refresh_token":"q3Jx..."}"""));

        group.MapPost("/rotate-key", RotateKeyAsync)
            .RequireAuthorization(AuthorizationPolicies.LenderJwt)
            .WithRateLimit(RateLimitPolicies.Sensitive)
            .Accepts<RotateKeyRequest>(isOptional: true, "application/json")
            .WithSummary("Issue a new API key. Older keys stop working now, or after grace_period_seconds (at most 86400).")
            .WithExamples("""{"grace_period_seconds":3600}""", (200, """{"api_key":"zkp_live_def456...","previous_key_expires_at":"2026-11-22T05:00:00Z"}"""));

        return api;
    }

    internal static async Task<Results<Created<LenderRegisterResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        LenderRegisterRequest request, AccountService accounts, TokenService tokens, ZkpDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Email("email", request.Email)
            .Required("organization_name", request.OrganizationName).MaxLength("organization_name", request.OrganizationName, 200);
        if (request.VerifierType is null || !VerifierTypes.Contains(request.VerifierType))
        {
            errors.Add("verifier_type", "verifier_type must be one of: " + string.Join(", ", VerifierTypes.Order(StringComparer.Ordinal)) + ".");
        }

        foreach (var problem in PasswordPolicy.Check(request.Password, request.Email))
        {
            errors.Add("password", problem);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await accounts.EmailExistsAsync(request.Email!, cancellationToken))
        {
            return Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.EmailTaken, "An account with this email address already exists.");
        }

        var now = accounts.UtcNow;
        var organization = new Organization
        {
            Id = Guid.NewGuid(),
            Name = request.OrganizationName!.Trim(),
            VerifierType = request.VerifierType!,
            Plan = Plans.Free,
            IsSandbox = request.Sandbox ?? false,
            CreatedUtc = now,
        };
        var account = accounts.NewAccount(request.Email!, request.Password!, Roles.Lender, fullName: null, organization.Id);
        var key = ApiKeys.Generate(organization.IsSandbox);
        db.Organizations.Add(organization);
        db.Accounts.Add(account);
        db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), OrganizationId = organization.Id, KeyHash = key.Hash, DisplayPrefix = key.DisplayPrefix, CreatedUtc = now });
        await db.SaveChangesAsync(cancellationToken);

        var issued = await tokens.IssueAsync(account, cancellationToken: cancellationToken);
        return TypedResults.Created($"/api/v1/organizations/{organization.Id}",
            new LenderRegisterResponse(issued.AccessToken, "bearer", issued.ExpiresInSeconds, issued.RefreshToken, key.Key, organization.Id));
    }

    internal static async Task<Results<Ok<TokenResponse>, Ok<TwoFactorRequiredResponse>, ProblemHttpResult, ValidationProblem>> LoginAsync(
        LoginRequest request, AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("email", request.Email).Required("password", request.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await accounts.PasswordLoginAsync(request.Email!, request.Password!, Roles.Lender, cancellationToken);
        return await LoginResponses.ForAsync(result, tokens, cancellationToken);
    }

    internal static async Task<Results<Ok<RotateKeyResponse>, ValidationProblem, ProblemHttpResult>> RotateKeyAsync(
        HttpRequest httpRequest, ClaimsPrincipal user, ZkpDbContext db, TimeProvider time, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        // The guide's call has no body at all, so the body is optional and read here rather than bound.
        RotateKeyRequest? request = null;
        if (httpRequest.ContentLength is > 0 || httpRequest.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                request = await JsonSerializer.DeserializeAsync<RotateKeyRequest>(httpRequest.Body, json.Value.SerializerOptions, cancellationToken);
            }
            catch (JsonException exception)
            {
                throw new BadHttpRequestException("Invalid JSON body.", StatusCodes.Status400BadRequest, exception);
            }
        }

        var grace = request?.GracePeriodSeconds ?? 0;
        if (grace is < 0 or > MaxGracePeriodSeconds)
        {
            return new FieldErrors().Add("grace_period_seconds", $"grace_period_seconds must be between 0 and {MaxGracePeriodSeconds}.").ToProblem();
        }

        if (user.OrganizationId() is not { } organizationId)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "The token does not belong to a lender organisation.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var previousExpiry = now.AddSeconds(grace);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
        var key = ApiKeys.Generate(organization.IsSandbox);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Keys already expiring sooner keep their earlier expiry; a grace period never extends a key.
        await db.ApiKeys.Where(k => k.OrganizationId == organizationId && (k.ExpiresUtc == null || k.ExpiresUtc > previousExpiry))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresUtc, previousExpiry), cancellationToken);
        db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), OrganizationId = organizationId, KeyHash = key.Hash, DisplayPrefix = key.DisplayPrefix, CreatedUtc = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return TypedResults.Ok(new RotateKeyResponse(key.Key, DateTime.SpecifyKind(previousExpiry, DateTimeKind.Utc)));
    }
}
