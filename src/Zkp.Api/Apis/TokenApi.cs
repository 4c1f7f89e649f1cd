using Microsoft.AspNetCore.Http.HttpResults;
using Zkp.Api.Errors;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

public static class TokenApi
{
    public static RouteGroupBuilder MapTokenApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/auth").WithTags("Sessions");

        group.MapPost("/refresh", RefreshAsync)
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Exchange a refresh token for a new pair; reusing an exchanged token revokes the whole session.")
            .WithExamples("""{"refresh_token":"q3Jx..."}""",
                (200, """{"access_token":"eyJhbGciOiJIUzI1NiIs...","token_type":"bearer","expires_in":900,"refresh_token":"b8Kw..."}"""));

        group.MapPost("/logout", LogoutAsync)
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Revoke the session (refresh token family) the refresh token belongs to.")
            .WithExamples("""{"refresh_token":"q3Jx..."}""");

        return api;
    }

    internal static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, TokenService tokens, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("refresh_token", request.RefreshToken).MaxLength("refresh_token", request.RefreshToken, 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var outcome = await tokens.RefreshAsync(request.RefreshToken!, cancellationToken);
        return outcome.Status switch
        {
            RefreshStatus.Issued => TypedResults.Ok(LoginResponses.ToResponse(outcome.Tokens!)),
            RefreshStatus.Reused => Problems.Create(401, ProblemCodes.RefreshTokenReused,
                "This refresh token was already used. The session has been revoked; log in again."),
            _ => Problems.Create(401, ProblemCodes.InvalidToken, "The refresh token is invalid or expired."),
        };
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> LogoutAsync(
        RefreshRequest request, TokenService tokens, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("refresh_token", request.RefreshToken).MaxLength("refresh_token", request.RefreshToken, 200);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await tokens.RevokeAsync(request.RefreshToken!, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Create(401, ProblemCodes.InvalidToken, "The refresh token is invalid.");
    }
}
