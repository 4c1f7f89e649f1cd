using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Zkp.Api.Email;

namespace Zkp.Api.Errors;

/// <summary>
/// Turns request-shape failures (malformed JSON, wrong types, unknown fields, oversized bodies) into
/// 400/413 problems with a clear detail, mail that cannot be sent into a 503, and anything else into a generic 500 that reveals nothing
/// about the server; the exception itself goes to the log only.
/// </summary>
public sealed partial class GlobalExceptionHandler(IProblemDetailsService problemDetails, ILogger<GlobalExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var (status, code, detail) = Classify(exception);
        if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail };
        problem.Extensions["code"] = code;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static (int Status, string Code, string Detail) Classify(Exception exception)
    {
        if (exception is BadHttpRequestException badRequest)
        {
            if (badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return (413, ProblemCodes.PayloadTooLarge, badRequest.Message);
            }

            if (badRequest.InnerException is JsonException json)
            {
                return (400, ProblemCodes.MalformedJson, DescribeJsonError(json));
            }

            if (badRequest.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                return (415, ProblemCodes.UnsupportedMediaType, ProblemCodes.DetailForStatus(415));
            }

            if (badRequest.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
            {
                return (400, ProblemCodes.MalformedJson, "A JSON request body is required.");
            }

            return (400, ProblemCodes.BadRequest, "The request is invalid: a query or route value could not be read.");
        }

        if (exception is EmailDeliveryException)
        {
            return (503, ProblemCodes.EmailUnavailable, "The email could not be sent right now, so nothing was changed. Please try again in a few minutes.");
        }

        return (500, ProblemCodes.InternalError, ProblemCodes.DetailForStatus(500));
    }

    /// <summary>Describes the JSON error by position and field, never by .NET type names.</summary>
    private static string DescribeJsonError(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? null : json.Path.TrimStart('$', '.');
        var message = json.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return path is null ? "The request body contains an unknown field." : $"Unknown field '{path}'.";
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return path is null ? "The request body must be a JSON object." : $"Field '{path}' has the wrong type.";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "The request body is missing required fields.";
        }

        var line = json.LineNumber is { } l ? $" (line {l + 1}, position {json.BytePositionInLine + 1})" : "";
        return $"The request body is not valid JSON{line}.";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
