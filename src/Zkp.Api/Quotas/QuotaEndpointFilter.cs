using Zkp.Api.Errors;
using Zkp.Api.Security;

namespace Zkp.Api.Quotas;

/// <summary>
/// Counts one verification against the calling organisation's monthly quota before the endpoint runs,
/// answering 429 <c>quota_exceeded</c> when it is used up. Verification endpoints add it with
/// <see cref="QuotaEndpointConventions.ConsumesVerificationQuota{TBuilder}"/>.
/// </summary>
public sealed class QuotaEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (http.User.OrganizationId() is not { } organizationId)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only a lender organisation has a verification quota.");
        }

        var quotas = http.RequestServices.GetRequiredService<QuotaService>();
        if (!await quotas.TryConsumeAsync(organizationId, http.RequestAborted))
        {
            return Problems.Create(StatusCodes.Status429TooManyRequests, ProblemCodes.QuotaExceeded,
                "The monthly verification quota of your plan is used up. It resets at the start of next month (UTC).");
        }

        return await next(context);
    }
}

public static class QuotaEndpointConventions
{
    public static TBuilder ConsumesVerificationQuota<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new QuotaEndpointFilter());
}
