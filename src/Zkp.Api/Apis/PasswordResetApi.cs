using Microsoft.AspNetCore.Http.HttpResults;
using Zkp.Api.Errors;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

public static class PasswordResetApi
{
    public const string RequestAcceptedDetail = "If an account exists for this email, a password reset token was sent to it.";

    public static RouteGroupBuilder MapPasswordResetApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/auth/password-reset").WithTags("Password reset");

        group.MapPost("/request", RequestAsync)
            .WithRateLimit(RateLimitPolicies.Sensitive)
            .WithSummary("Email a password reset token. Always 200, whether or not the account exists.")
            .WithExamples("""{"email":"member@example.com"}""", (200, $$"""{"detail":"{{RequestAcceptedDetail}}"}"""));

        group.MapPost("/confirm", ConfirmAsync)
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Set a new password with the emailed token; signs out every session.")
            .WithExamples("""{"token":"k3Jp...","new_password":"anotherSecret456!"}""", (200, """{"detail":"The password was changed. Log in with the new password."}"""));

        return api;
    }

    internal static async Task<Results<Ok<DetailResponse>, ValidationProblem>> RequestAsync(
        EmailRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Email("email", request.Email);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        await accounts.RequestPasswordResetAsync(request.Email!, cancellationToken);
        return TypedResults.Ok(new DetailResponse(RequestAcceptedDetail));
    }

    internal static async Task<Results<Ok<DetailResponse>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        PasswordResetConfirmRequest request, AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("token", request.Token);
        if (request.NewPassword is null)
        {
            errors.Add("new_password", "new_password is required.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var found = await accounts.FindPasswordResetAsync(request.Token!, cancellationToken);
        if (found is not { } pair)
        {
            return Problems.Create(400, ProblemCodes.InvalidToken, "The password reset token is invalid, used or expired.");
        }

        foreach (var problem in PasswordPolicy.Check(request.NewPassword, pair.Account.Email))
        {
            errors.Add("new_password", problem);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (!await accounts.CompletePasswordResetAsync(pair.Reset, pair.Account, request.NewPassword!, cancellationToken))
        {
            return Problems.Create(400, ProblemCodes.InvalidToken, "The password reset token is invalid, used or expired.");
        }

        await tokens.RevokeAllForAccountAsync(pair.Account.Id, cancellationToken);
        return TypedResults.Ok(new DetailResponse("The password was changed. Log in with the new password."));
    }
}
