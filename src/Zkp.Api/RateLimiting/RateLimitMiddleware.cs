using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Zkp.Api.Errors;
using Zkp.Api.Options;
using Zkp.Api.Security;

namespace Zkp.Api.RateLimiting;

/// <summary>
/// Applies the endpoint's rate-limit policy (per authenticated user or organisation, otherwise per
/// client IP) and, for API-key callers, their plan's requests per minute. Every API response carries
/// <c>X-RateLimit-Limit/Remaining/Reset</c> of the tighter limit; a refused request gets 429 with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitMiddleware(
    RequestDelegate next,
    IRateLimitCounters counters,
    IOptionsMonitor<RateLimitOptions> options,
    IOptionsMonitor<PlanOptions> plans,
    IProblemDetailsService problemDetails)
{
    public const string RateLimitExceededDetail = "Rate limit exceeded. Please try again later.";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.CurrentValue;
        var endpoint = context.GetEndpoint();
        var policy = endpoint?.Metadata.GetMetadata<RateLimitPolicyMetadata>()?.Policy;
        if (!settings.Enabled || policy is null)
        {
            await next(context);
            return;
        }

        var caller = CallerKey(context);
        var rule = settings.Resolve(policy);
        // Limits are per endpoint: five logins a minute do not use up the five registrations.
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint!.DisplayName;
        var decision = await counters.AcquireAsync(context, $"{policy}|{route}|{caller}", rule.PermitLimit, rule.WindowSeconds);

        if (context.User.FindFirstValue(ApiKeyAuthenticationHandler.PlanClaim) is { } plan && context.User.OrganizationId() is { } organizationId)
        {
            var planDecision = await counters.AcquireAsync(context, $"plan|{organizationId}", plans.CurrentValue.For(plan).RequestsPerMinute, 60);
            if (!planDecision.Allowed || (decision.Allowed && planDecision.Remaining < decision.Remaining))
            {
                decision = planDecision;
            }
        }

        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            if (context.Response.StatusCode == StatusCodes.Status429TooManyRequests && !decision.Allowed)
            {
                headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });

        if (decision.Allowed)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var problem = new ProblemDetails { Status = 429, Detail = RateLimitExceededDetail };
        problem.Extensions["code"] = ProblemCodes.RateLimited;
        await problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static string CallerKey(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue("sub") is { } subject)
        {
            return "user:" + subject;
        }

        return "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
