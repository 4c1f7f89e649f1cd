using Microsoft.AspNetCore.Http.HttpResults;
using Zkp.Api.Errors;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;

namespace Zkp.Api.Apis;

public static class EmailApi
{
    public static RouteGroupBuilder MapEmailApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/auth/email").WithTags("Email verification");

        group.MapPost("/verify", VerifyAsync)
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Verify an email address with the six-digit code; email is optional.")
            .WithExamples("""{"code":"123456"}""", (200, """{"email":"member@example.com","email_verified":true}"""));

        group.MapPost("/resend", ResendAsync)
            .WithRateLimit(RateLimitPolicies.Sensitive)
            .WithSummary("Send a new verification code (the previous one stops working). Always 200.")
            .WithExamples("""{"email":"member@example.com"}""", (200, """{"detail":"If the account exists and is not verified yet, a new code was sent."}"""));

        return api;
    }

    internal static async Task<Results<Ok<EmailVerifiedResponse>, ValidationProblem, ProblemHttpResult>> VerifyAsync(
        VerifyEmailRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.Code is null || request.Code.Length != 6 || !request.Code.All(char.IsAsciiDigit))
        {
            errors.Add("code", "code must be the six digits from the email.");
        }

        if (request.Email is not null)
        {
            errors.Email("email", request.Email);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var (status, verifiedEmail) = await accounts.VerifyEmailAsync(request.Code!, request.Email, cancellationToken);
        return status switch
        {
            VerifyEmailStatus.Verified => TypedResults.Ok(new EmailVerifiedResponse(verifiedEmail!, true)),
            VerifyEmailStatus.Expired => Problems.Create(400, ProblemCodes.CodeExpired, "The verification code has expired. Ask for a new one at POST /api/v1/auth/email/resend."),
            VerifyEmailStatus.TooManyAttempts => Problems.Create(400, ProblemCodes.TooManyAttempts, "Too many wrong codes. Ask for a new one at POST /api/v1/auth/email/resend."),
            VerifyEmailStatus.AlreadyVerified => Problems.Create(409, ProblemCodes.AlreadyVerified, "The email address is already verified."),
            _ => Problems.Create(400, ProblemCodes.InvalidCode, "The verification code is not valid."),
        };
    }

    internal static async Task<Results<Ok<DetailResponse>, ValidationProblem>> ResendAsync(
        EmailRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Email("email", request.Email);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var account = await accounts.FindByEmailAsync(request.Email!, cancellationToken);
        if (account is { EmailVerified: false })
        {
            await accounts.ResendVerificationCodeAsync(account, cancellationToken);
        }

        return TypedResults.Ok(new DetailResponse("If the account exists and is not verified yet, a new code was sent."));
    }
}
