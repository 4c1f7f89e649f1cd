using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Credentials;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Registry;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

/// <summary>Claim credentials: issuance (synchronous or queued), the member's list, one credential, revocation.</summary>
public static class CredentialsApi
{
    private const string CredentialExample =
        """{"id":"7d0c8a52-3b8e-4a59-9f0c-2d6f3c1e9a10","claim_type":"income_range","threshold":50000,"upper_bound":null,"status":"active","issuer_id":"550e8400-e29b-41d4-a716-446655440000","issued_at":"2026-11-22T05:00:00Z","expires_at":"2027-11-22T05:00:00Z","revoked_at":null,"credential":{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:7d0c8a52-3b8e-4a59-9f0c-2d6f3c1e9a10","type":["VerifiableCredential","ZkpClaimCredential"],"issuer":"did:key:z6Mk...","validFrom":"2026-11-22T05:00:00Z","validUntil":"2027-11-22T05:00:00Z","credentialStatus":{"type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"9051","statusListCredential":"https://zkp.example/api/v1/status-lists/..."},"credentialSubject":{"id":"did:key:z6Mk...","claimType":"income_range","...":"..."},"proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022","...":"..."}}}""";

    public static RouteGroupBuilder MapCredentialsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/credentials").WithTags("Credentials");
        group.MapPost("/issue", IssueAsync)
            .RequireAuthorization(AuthorizationPolicies.UserJwt)
            .WithRateLimit(RateLimitPolicies.Account)
            .WithSummary("Issue a claim credential from the attributes the member's credit union reported (201 with the credential). The value never leaves the server: the credential carries a commitment and a Groth16 proof. With ?async=true: 202 with job_id, poll GET /credentials/issue/{job_id}.")
            .WithExamples("""{"claim_type":"income_range","threshold":50000}""", (201, CredentialExample), (202, """{"job_id":"0b5e2a7c-1d3f-4e8a-9c6b-5a4d3e2f1a0b","status":"queued"}"""));
        group.MapGet("/issue/{jobId:guid}", GetJobAsync)
            .RequireAuthorization(AuthorizationPolicies.UserJwt)
            .WithSummary("An asynchronous issuance job of the signed-in member: queued, running, succeeded (with the credential) or failed (with failure_code and failure_reason). 404 for anyone else's job.")
            .WithExamples(null, (200, "{\"job_id\":\"0b5e2a7c-1d3f-4e8a-9c6b-5a4d3e2f1a0b\",\"status\":\"succeeded\",\"created_at\":\"2026-11-22T05:00:00Z\",\"completed_at\":\"2026-11-22T05:00:01Z\",\"credential\":" + CredentialExample + ",\"failure_code\":null,\"failure_reason\":null}"));
        group.MapPost("/{id:guid}/revoke", RevokeAsync)
            .RequireAuthorization(AuthorizationPolicies.AnyCaller)
            .WithSummary("Revoke a credential (its member, or the issuing credit union's admin or API key): sets its status-list bit and emits credential.revoked. Revoking again answers 409 credential_already_revoked.")
            .WithExamples(null, (200, CredentialExample.Replace("\"status\":\"active\"", "\"status\":\"revoked\"", StringComparison.Ordinal)));
        group.MapGet("", ListAsync)
            .RequireAuthorization(AuthorizationPolicies.UserJwt)
            .WithSummary("The signed-in member's credentials, newest first, with their status.")
            .WithExamples(null, (200, "[" + CredentialExample + "]"));
        group.MapGet("/{id:guid}", GetAsync)
            .RequireAuthorization(AuthorizationPolicies.AnyCaller)
            .WithSummary("One credential: for its member, or for the issuing credit union's admin or API key (404 for anyone else).")
            .WithExamples(null, (200, CredentialExample));
        return api;
    }

    internal static async Task<Results<Created<CredentialResponse>, Accepted<IssuanceJobAccepted>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        IssueCredentialRequest request, ClaimsPrincipal user, CredentialIssuanceService issuance, ZkpDbContext db, TimeProvider time, CancellationToken cancellationToken,
        [FromQuery(Name = "async")] bool asynchronous = false)
    {
        if (MemberId(user) is not { } memberId)
        {
            return NotMember();
        }

        var errors = new FieldErrors().Required("claim_type", request.ClaimType);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (request.Threshold is < 0 || request.UpperBound is < 0)
        {
            return Problems.Create(StatusCodes.Status400BadRequest, ProblemCodes.ThresholdOutOfRange, "threshold and upper_bound must not be negative.");
        }

        try
        {
            if (asynchronous)
            {
                // Only the catalogue is checked now; the member's data is read when the job runs, and a refusal then fails the job.
                CredentialIssuanceService.CheckRequest(request.ClaimType, (ulong?)request.Threshold, (ulong?)request.UpperBound);
                var job = new IssuanceJob
                {
                    Id = Guid.NewGuid(),
                    MemberAccountId = memberId,
                    RequestJson = JsonSerializer.Serialize(new QueuedIssuance(request.ClaimType!, (ulong?)request.Threshold, (ulong?)request.UpperBound), IssuanceWorker.RequestJson),
                    Status = IssuanceJobStatuses.Queued,
                    CreatedUtc = time.GetUtcNow().UtcDateTime,
                };
                db.IssuanceJobs.Add(job);
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Accepted($"/api/v1/credentials/issue/{job.Id}", new IssuanceJobAccepted(job.Id, job.Status));
            }

            var credential = await issuance.IssueAsync(memberId, request.ClaimType!, (ulong?)request.Threshold, (ulong?)request.UpperBound, cancellationToken);
            return TypedResults.Created($"/api/v1/credentials/{credential.Id}", CredentialResponse.From(credential));
        }
        catch (CredentialIssuanceException refused)
        {
            return Problems.Create(refused.Status, refused.Code, refused.Message);
        }
    }

    internal static async Task<Results<Ok<IssuanceJobResponse>, ProblemHttpResult>> GetJobAsync(Guid jobId, ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken)
    {
        var memberId = MemberId(user);
        var job = await db.IssuanceJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null || memberId is null || job.MemberAccountId != memberId)
        {
            return Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No issuance job with this id.");
        }

        var credential = job.CredentialId is { } credentialId
            ? await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == credentialId, cancellationToken)
            : null;
        return TypedResults.Ok(new IssuanceJobResponse(
            job.Id,
            job.Status,
            CredentialResponse.Utc(job.CreatedUtc),
            job.CompletedUtc is { } completed ? CredentialResponse.Utc(completed) : null,
            credential is null ? null : CredentialResponse.From(credential),
            job.FailureCode,
            job.FailureDetail));
    }

    internal static async Task<Results<Ok<CredentialResponse>, ProblemHttpResult>> RevokeAsync(
        Guid id, ClaimsPrincipal user, ZkpDbContext db, CredentialRevocationService revocation, CancellationToken cancellationToken)
    {
        var row = await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (row is null || !MaySee(user, row))
        {
            return CredentialNotFound();
        }

        try
        {
            return TypedResults.Ok(CredentialResponse.From(await revocation.RevokeAsync(row, Actor.From(user), cancellationToken)));
        }
        catch (CredentialIssuanceException refused)
        {
            return Problems.Create(refused.Status, refused.Code, refused.Message);
        }
    }

    internal static async Task<Results<Ok<List<CredentialResponse>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken)
    {
        if (MemberId(user) is not { } memberId)
        {
            return NotMember();
        }

        var rows = await db.Credentials.AsNoTracking()
            .Where(c => c.MemberAccountId == memberId)
            .OrderByDescending(c => c.IssuedUtc).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(CredentialResponse.From).ToList());
    }

    internal static async Task<Results<Ok<CredentialResponse>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return row is not null && MaySee(user, row) ? TypedResults.Ok(CredentialResponse.From(row)) : CredentialNotFound();
    }

    /// <summary>The credential's member, or the issuing credit union (its admins' JWTs and its API keys, both role issuer_admin).</summary>
    internal static bool MaySee(ClaimsPrincipal user, Credential credential) =>
        (user.IsInRole(Roles.Member) && user.AccountId() == credential.MemberAccountId)
        || (user.IsInRole(Roles.IssuerAdmin) && user.OrganizationId() == credential.IssuerId);

    // Anyone else gets the same 404 as for an id that does not exist, so ids cannot be probed.
    internal static ProblemHttpResult CredentialNotFound() =>
        Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No credential with this id.");

    private static Guid? MemberId(ClaimsPrincipal user) => user.IsInRole(Roles.Member) ? user.AccountId() : null;

    private static ProblemHttpResult NotMember() =>
        Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only members hold credentials.");
}
