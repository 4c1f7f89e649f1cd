using Microsoft.AspNetCore.Mvc;
using Zkp.Api.Errors;

namespace Zkp.Api.Admission;

/// <summary>
/// Runs an endpoint marked with <see cref="VerificationAdmissionMetadata"/> only once it has a place in
/// <see cref="VerificationAdmission"/>; a request that finds the queue full gets 503 <c>server_busy</c> with
/// <c>Retry-After</c> before anything of the endpoint runs, so it reads and writes nothing.
/// </summary>
/// <remarks>
/// Placed after authentication, rate limits and authorization: only a caller the endpoint would serve takes a place,
/// so anonymous or refused traffic cannot fill the queue in front of lenders.
/// </remarks>
public sealed class AdmissionMiddleware(RequestDelegate next, VerificationAdmission admission, IProblemDetailsService problemDetails)
{
    public const string BusyDetail = "The server is busy verifying other requests. Please retry shortly.";

    /// <summary>Seconds a refused client is asked to wait: a full queue drains in well under a second at the measured rates.</summary>
    public const int RetryAfterSeconds = 1;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (admission.Limiter is not { } limiter || context.GetEndpoint()?.Metadata.GetMetadata<VerificationAdmissionMetadata>() is null)
        {
            await next(context);
            return;
        }

        System.Threading.RateLimiting.RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while waiting: nothing ran, and there is nobody to answer.
            return;
        }

        using (lease)
        {
            if (lease.IsAcquired)
            {
                await next(context);
                return;
            }
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Detail = BusyDetail };
        problem.Extensions["code"] = ProblemCodes.ServerBusy;
        await problemDetails.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
