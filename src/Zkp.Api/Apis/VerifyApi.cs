using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Admission;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.Quotas;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;
using Zkp.Api.Verification;

namespace Zkp.Api.Apis;

/// <summary>The lender side of the guide: resolve a QR token, verify its proofs, read the verification history.</summary>
public static class VerifyApi
{
    public const int DefaultHistoryLimit = 20;
    public const int MaxHistoryLimit = 100;

    public static RouteGroupBuilder MapVerifyApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        const string Resolved = """{"member_did":"did:key:z6Mk...","claims":[{"claim_type":"income_range","threshold":50000,"public_signals":["1234...","50000","18446744073709551615","5678..."]}],"token_valid":true,"expires_at":"2026-11-22T05:15:00Z"}""";
        const string NotValid = """{"member_did":null,"claims":[],"token_valid":false,"reason":"The token has expired; ask the member for a new QR code.","reason_code":"token_expired"}""";

        var verify = api.MapGroup("/verify").WithTags("Lender verification")
            .RequireAuthorization(AuthorizationPolicies.Lender)
            .WithRateLimit(RateLimitPolicies.Verify);
        verify.MapPost("/token", ResolveAsync)
            .WithVerificationAdmission()
            .WithSummary("Resolve a QR token: the member's DID and the bundled claims, or token_valid false with reason and reason_code (token_unknown, token_expired, token_revoked, token_malformed), e.g. " + NotValid + ". Counts no quota.")
            .WithExamples("""{"token":"qr_abc123def456"}""", (200, Resolved));
        verify.MapPost("/proof", VerifyProofAsync)
            .WithVerificationAdmission()
            .WithSummary("Run the six-step verifier pipeline on a QR token's presentation; every run is recorded and counts one verification.")
            .WithExamples("""{"token":"qr_abc123def456"}""", (200, """{"member_did":"did:key:z6Mk...","claims_verified":{"income_range":true},"all_verified":true,"verification_id":"550e8400-e29b-41d4-a716-446655440000","steps":[{"step":"DECODE","label":"Decode credential","passed":true,"detail":"W3C VC decoded"}],"failed_step":null,"failure_code":null,"claims":[{"claim_type":"income_range","passed":true,"reason":null}],"issuer_info":{"did":"did:key:z6MkIssuer...","name":"Sample Credit Union","ncua_charter":"12345","trusted":true},"auto_fill":[{"field":"income_range","value":"Above $50,000","claim_type":"income_range"}]}"""));
        verify.MapGet("/history", HistoryAsync)
            .WithSummary("The lender's own verifications, newest first; limit 1-100 (default 20), offset >= 0.")
            .WithExamples(null, (200, """{"items":[{"id":"550e8400-...","member_did":"did:key:z6Mk...","claims_verified":{"income_range":true},"all_verified":true,"failed_step":null,"failure_code":null,"issuer_info":{"did":"did:key:z6MkIssuer...","name":"Sample CU","ncua_charter":"12345","trusted":true},"verified_at":"2026-02-28T14:30:00"}],"total":142,"limit":20,"offset":0}"""));

        api.MapPost("/qr/resolve", ResolveAsync).WithTags("Lender verification")
            .WithVerificationAdmission()
            .RequireAuthorization(AuthorizationPolicies.Lender)
            .WithRateLimit(RateLimitPolicies.Verify)
            .WithSummary("The same as POST /verify/token.")
            .WithExamples("""{"token":"qr_abc123def456"}""", (200, Resolved));
        return api;
    }

    internal static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> ResolveAsync(
        TokenRequest request, ClaimsPrincipal user, QrTokenService tokens, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } lender)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only a lender organisation resolves tokens.");
        }

        if (new FieldErrors().Required("token", request.Token) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        var resolution = await tokens.ResolveForLenderAsync(request.Token, lender, cancellationToken);
        if (resolution.Token is not { } token)
        {
            return TypedResults.Ok(NotValid(resolution.Reason!));
        }

        if (ResolvedClaim.FromPresentation(token.PresentationJson!) is not { } claims)
        {
            return TypedResults.Ok(NotValid(TokenReasons.Malformed));
        }

        var array = new JsonArray();
        foreach (var claim in claims)
        {
            array.Add(claim.ToJson());
        }

        return TypedResults.Ok(new JsonObject
        {
            ["member_did"] = token.MemberDid,
            ["claims"] = array,
            ["token_valid"] = true,
            ["expires_at"] = ResolvedClaim.Iso(token.ExpiresUtc),
        });
    }

    internal static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> VerifyProofAsync(
        TokenRequest request, ClaimsPrincipal user, ZkpDbContext db, QrTokenService tokens, QuotaService quotas, VerificationService verifier,
        VerificationMetrics metrics, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } lender)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only a lender organisation verifies tokens.");
        }

        if (new FieldErrors().Required("token", request.Token) is { Any: true } errors)
        {
            return errors.ToProblem();
        }

        // A token the lender cannot use is a client error: no run, nothing recorded, no quota used.
        var resolution = await tokens.ResolveForLenderAsync(request.Token, lender, cancellationToken);
        if (resolution.Token is not { } token)
        {
            return TokenInvalid(resolution.Reason!);
        }

        // A lender this process saw run out of quota is refused before the run: without this, every request over
        // quota would cost a whole pipeline run before its 429. The check reads the count only for such lenders.
        var plan = ApiKeyPlan(user);
        if (await quotas.IsKnownExhaustedAsync(lender, plan, cancellationToken))
        {
            metrics.QuotaRefused(beforeRun: true);
            return QuotaExceeded(http, time);
        }

        // The count and the run commit together: a run that does not get recorded does not use quota, and a run over
        // quota is rolled back whole (no record, no events, the challenge not consumed). The count comes last, just
        // before the commit: its upsert locks the lender's quota row until the commit, and taken first it would
        // serialise all of a lender's verifications through the whole pipeline.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One transaction, one SaveChanges: a savepoint around it would be two more round trips for nothing.
        db.Database.AutoSavepointsEnabled = false;
        var recorded = await verifier.VerifyAsync(token, lender, ApiKeyId(user), cancellationToken);
        metrics.Run(recorded.Result.AllVerified ? null : recorded.Record.FailedStep ?? "UNKNOWN");
        if (!await quotas.TryConsumeAsync(lender, plan, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            metrics.QuotaRefused(beforeRun: false);
            return QuotaExceeded(http, time);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(VerificationService.ResponseJson(recorded));
    }

    // The guide's clients wait Retry-After on every 429 before they retry: for a quota that is the month's end.
    private static ProblemHttpResult QuotaExceeded(HttpContext http, TimeProvider time)
    {
        http.Response.Headers.RetryAfter = QuotaService.SecondsUntilReset(time.GetUtcNow()).ToString(CultureInfo.InvariantCulture);
        return Problems.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.QuotaExceeded,
            "The monthly verification quota of your plan is used up. It resets at the start of next month (UTC).");
    }

    // The plan the API-key authentication read with the key in this request (so it is current); a JWT carries none.
    private static string? ApiKeyPlan(ClaimsPrincipal user) =>
        user.FindFirst(ApiKeyAuthenticationHandler.ApiKeyIdClaim) is null ? null : user.FindFirst(ApiKeyAuthenticationHandler.PlanClaim)?.Value;

    internal static async Task<Results<Ok<VerificationHistoryResponse>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        string? limit, string? offset, ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } lender)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only a lender organisation has a verification history.");
        }

        var errors = new FieldErrors();
        var take = ParseBounded(errors, "limit", limit, DefaultHistoryLimit, 1, MaxHistoryLimit);
        var skip = ParseBounded(errors, "offset", offset, 0, 0, int.MaxValue);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var mine = db.Verifications.AsNoTracking().Where(v => v.LenderOrganizationId == lender);
        var total = await mine.CountAsync(cancellationToken);
        var rows = await mine.OrderByDescending(v => v.VerifiedUtc).ThenByDescending(v => v.Id)
            .Skip(skip).Take(take)
            .ToListAsync(cancellationToken);
        var items = rows.Select(v => new VerificationHistoryItem(
            v.Id,
            v.MemberDid,
            JsonNode.Parse(v.ClaimsVerified)!.AsObject(),
            v.AllVerified,
            v.FailedStep,
            v.FailureCode,
            v.IssuerInfo is null ? null : JsonNode.Parse(v.IssuerInfo)!.AsObject(),
            VerificationService.GuideTimestamp(v.VerifiedUtc))).ToList();
        return TypedResults.Ok(new VerificationHistoryResponse(items, total, take, skip));
    }

    private static int ParseBounded(FieldErrors errors, string field, string? text, int fallback, int min, int max)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(field, max == int.MaxValue
                ? $"{field} must be a whole number of at least {min}."
                : $"{field} must be a whole number from {min} to {max}.");
            return fallback;
        }

        return value;
    }

    private static JsonObject NotValid(string reason) => new()
    {
        ["member_did"] = null,
        ["claims"] = new JsonArray(),
        ["token_valid"] = false,
        ["reason"] = TokenReasons.Detail(reason),
        ["reason_code"] = reason,
    };

    private static ProblemHttpResult TokenInvalid(string reason) =>
        TypedResults.Problem(
            detail: TokenReasons.Detail(reason),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = ProblemCodes.QrTokenInvalid,
                ["token_valid"] = false,
                ["reason_code"] = reason,
            });

    // The key's id goes into the audit row; found through the same unique hash index the authentication used.
    // Set by the API-key handler; a lender signed in with a JWT verifies without a key id.
    private static Guid? ApiKeyId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(ApiKeyAuthenticationHandler.ApiKeyIdClaim)?.Value, out var id) ? id : null;
}
