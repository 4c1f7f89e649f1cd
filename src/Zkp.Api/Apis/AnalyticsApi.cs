using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Zkp.Api.Errors;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.Quotas;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

public static class AnalyticsApi
{
    public static RouteGroupBuilder MapAnalyticsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/analytics").WithTags("Analytics");

        group.MapGet("/quota", GetQuotaAsync)
            .RequireAuthorization(AuthorizationPolicies.Lender)
            .WithRateLimit(RateLimitPolicies.Analytics)
            .WithSummary("This month's verification quota of the calling organisation (X-API-Key or lender JWT).")
            .WithExamples(null, (200, """{"plan":"free","monthly_quota":100,"used":42,"remaining":58,"month_key":"2026-11"}"""));

        return api;
    }

    internal static async Task<Results<Ok<QuotaResponse>, ProblemHttpResult>> GetQuotaAsync(
        ClaimsPrincipal user, QuotaService quotas, CancellationToken cancellationToken)
    {
        if (user.OrganizationId() is not { } organizationId)
        {
            return Problems.Create(403, ProblemCodes.Forbidden, "Only a lender organisation has a verification quota.");
        }

        var status = await quotas.GetStatusAsync(organizationId, cancellationToken);
        return TypedResults.Ok(new QuotaResponse(status.Plan, status.MonthlyQuota, status.Used, status.Remaining, status.MonthKey));
    }
}
