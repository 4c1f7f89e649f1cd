using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Registry;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

/// <summary>Member financial attributes: written by the member's credit union (issuer admin JWT or issuer API key), read by the member.</summary>
public static class MemberAttributesApi
{
    private const string AttributesExample = """{"annual_income":85000,"credit_score":742,"account_opened_on":"2019-03-01","membership_status":"active","employment_status":"employed","employment_months":38,"dti_ratio_bps":2800}""";

    public static RouteGroupBuilder MapMemberAttributesApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var issuer = api.MapGroup("/issuer/members").WithTags("Member attributes (issuer)")
            .RequireAuthorization(AuthorizationPolicies.IssuerCaller);
        issuer.MapPut("/{member}/attributes", UpsertOneAsync)
            .Accepts<JsonElement>("application/json")
            .WithSummary("Create or update one member's attributes ({member} = email or member id). Given fields are written, omitted ones kept.")
            .WithExamples(AttributesExample,
                (200, """{"member_id":"3f1c0e7a-5b7e-4a8e-9d36-1d2b5b8f0c11","issuer_id":"550e8400-e29b-41d4-a716-446655440000","annual_income":85000,"credit_score":742,"account_opened_on":"2019-03-01","membership_status":"active","employment_status":"employed","employment_months":38,"dti_ratio_bps":2800,"updated_at":"2026-11-22T04:00:00Z","changed_fields":["annual_income","credit_score"]}"""));
        issuer.MapPost("/attributes:bulk", UpsertBulkAsync)
            .Accepts<JsonElement>("application/json", "text/csv")
            .WithSummary("Upsert many members: a JSON array of objects (each with email or member_id) or text/csv with a header row. Any invalid row: nothing is written.")
            .WithExamples("""[{"email":"member@example.com","credit_score":742,"annual_income":85000}]""",
                (200, """{"rows":1,"created":1,"updated":0,"unchanged":0}"""));

        api.MapGet("/members/me/attributes", GetOwnAsync)
            .WithTags("Member attributes (member)")
            .RequireAuthorization(AuthorizationPolicies.UserJwt)
            .WithSummary("The signed-in member's attributes as their credit union reported them.")
            .WithExamples(null, (200, """{"member_id":"3f1c0e7a-5b7e-4a8e-9d36-1d2b5b8f0c11","issuer_id":"550e8400-e29b-41d4-a716-446655440000","annual_income":85000,"credit_score":742,"account_opened_on":"2019-03-01","membership_status":"active","employment_status":"employed","employment_months":38,"dti_ratio_bps":2800,"updated_at":"2026-11-22T04:00:00Z","changed_fields":null}"""));
        return api;
    }

    internal static async Task<Results<Ok<MemberAttributesResponse>, ValidationProblem, ProblemHttpResult>> UpsertOneAsync(
        string member, JsonElement body, ClaimsPrincipal user, ZkpDbContext db, MemberAttributeService service, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ActiveIssuerAsync(user, db, cancellationToken) is not { } issuerId)
        {
            return NotActive();
        }

        var errors = new FieldErrors();
        var raw = MemberAttributeRows.FromJson(body, "", (field, message) => errors.Add(field, $"{field} {message}"));
        var update = MemberAttributeRows.Validate(raw, "", requireIdentifier: false, Today(time), (field, message) => errors.Add(field, $"{field} {message}"));
        if (errors.Any || update is null)
        {
            return errors.ToProblem();
        }

        var named = Guid.TryParse(member, out var memberId) ? update with { MemberId = memberId } : update with { Email = member };
        var resolveErrors = new List<string>();
        var resolved = await service.ResolveMembersAsync(issuerId, [named], _ => "", (_, message) => resolveErrors.Add(message), cancellationToken);
        if (resolved[0] is not { } id)
        {
            return resolveErrors.Single().Contains("another issuer", StringComparison.Ordinal)
                ? Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.MemberOfOtherIssuer, "The member belongs to another issuer.")
                : Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.MemberNotFound, "No registered member has this email or id.");
        }

        UpsertSummary summary;
        try
        {
            summary = await service.UpsertAsync(issuerId, [(id, named)], Actor.From(user), cancellationToken);
        }
        catch (ConcurrentAttributeWriteException)
        {
            return ConcurrentWrite();
        }

        var stored = await db.MemberAttributes.AsNoTracking().SingleAsync(m => m.MemberAccountId == id, cancellationToken);
        return TypedResults.Ok(MemberAttributesResponse.From(stored, summary.Changes.SingleOrDefault().Fields ?? []));
    }

    internal static async Task<Results<Ok<BulkUpsertResponse>, ValidationProblem, ProblemHttpResult>> UpsertBulkAsync(
        HttpRequest request, ClaimsPrincipal user, ZkpDbContext db, MemberAttributeService service, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await ActiveIssuerAsync(user, db, cancellationToken) is not { } issuerId)
        {
            return NotActive();
        }

        var errors = new FieldErrors();
        void Error(string field, string message) => errors.Add(field, $"{field} {message}");
        List<RawAttributeRow> rows;
        var mediaType = request.ContentType is { } contentType ? contentType.Split(';')[0].Trim() : "";
        if (mediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            rows = MemberAttributeRows.FromCsv(await reader.ReadToEndAsync(cancellationToken), (field, message) => errors.Add(field, message));
        }
        else if (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            }
            catch (JsonException exception)
            {
                throw new BadHttpRequestException("Invalid JSON body.", StatusCodes.Status400BadRequest, exception);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    return new FieldErrors().Add("body", "The body must be a JSON array of member objects.").ToProblem();
                }

                rows = document.RootElement.EnumerateArray().Select((row, i) => MemberAttributeRows.FromJson(row, $"rows[{i}].", Error)).ToList();
            }
        }
        else
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, ProblemCodes.UnsupportedMediaType, "The body must be application/json (an array) or text/csv.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (rows.Count == 0 || rows.Count > MemberAttributeRows.MaxRows)
        {
            return new FieldErrors().Add("rows", $"Between 1 and {MemberAttributeRows.MaxRows} rows are required.").ToProblem();
        }

        var today = Today(time);
        var updates = new List<AttributeUpdate?>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            updates.Add(MemberAttributeRows.Validate(rows[i], $"rows[{i}].", requireIdentifier: true, today, Error));
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var valid = updates.Select(u => u!).ToList();
        var members = await service.ResolveMembersAsync(issuerId, valid, i => $"rows[{i}].", Error, cancellationToken);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        UpsertSummary summary;
        try
        {
            summary = await service.UpsertAsync(issuerId, valid.Select((u, i) => (members[i]!.Value, u)).ToList(), Actor.From(user), cancellationToken);
        }
        catch (ConcurrentAttributeWriteException)
        {
            return ConcurrentWrite();
        }

        return TypedResults.Ok(new BulkUpsertResponse(rows.Count, summary.Created, summary.Updated, summary.Unchanged));
    }

    internal static async Task<Results<Ok<MemberAttributesResponse>, ProblemHttpResult>> GetOwnAsync(ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Member) || user.AccountId() is not { } accountId)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only members have attributes.");
        }

        var attributes = await db.MemberAttributes.AsNoTracking().SingleOrDefaultAsync(m => m.MemberAccountId == accountId, cancellationToken);
        return attributes is null
            ? Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "Your credit union has not reported any attributes for you yet.")
            : TypedResults.Ok(MemberAttributesResponse.From(attributes, null));
    }

    /// <summary>The caller's issuer when it is active; null for a suspended or revoked issuer (or a caller without one).</summary>
    private static async Task<Guid?> ActiveIssuerAsync(ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } issuerId)
        {
            return null;
        }

        var status = await db.Issuers.Where(i => i.Id == issuerId).Select(i => i.Status).SingleOrDefaultAsync(cancellationToken);
        return status == IssuerStatuses.Active ? issuerId : null;
    }

    private static ProblemHttpResult NotActive() =>
        Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.IssuerNotActive, "The issuer is not active (suspended or revoked); it cannot change member data.");

    private static ProblemHttpResult ConcurrentWrite() =>
        Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "Another request wrote a member's attributes at the same time; nothing was written. Retry the request.");

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
