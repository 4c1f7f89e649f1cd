using Microsoft.AspNetCore.Http.HttpResults;
using Zkp.Api.Errors;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

internal static class LoginResponses
{
    public const string InvalidCredentialsDetail = "Invalid email or password.";

    public static async Task<Results<Ok<TokenResponse>, Ok<TwoFactorRequiredResponse>, ProblemHttpResult, ValidationProblem>> ForAsync(
        LoginResult result, TokenService tokens, CancellationToken cancellationToken) => result.Status switch
        {
            LoginStatus.Success => TypedResults.Ok(ToResponse(await tokens.IssueAsync(result.Account!, cancellationToken: cancellationToken))),
            LoginStatus.RequiresTwoFactor => TypedResults.Ok(new TwoFactorRequiredResponse(true,
                "Two-factor authentication is required. Complete the login with POST /api/v1/auth/2fa/verify-login.")),
            LoginStatus.Locked => Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.AccountLocked,
                "The account is temporarily locked after repeated failed logins. Try again later."),
            LoginStatus.EmailNotVerified => Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.EmailNotVerified,
                "The email address is not verified yet. Enter the code sent by email at POST /api/v1/auth/email/verify."),
            _ => InvalidCredentials(),
        };

    public static ProblemHttpResult InvalidCredentials() =>
        Problems.Create(StatusCodes.Status401Unauthorized, ProblemCodes.InvalidCredentials, InvalidCredentialsDetail);

    public static TokenResponse ToResponse(IssuedTokens tokens) =>
        new(tokens.AccessToken, "bearer", tokens.ExpiresInSeconds, tokens.RefreshToken);
}
