using Microsoft.AspNetCore.Http.HttpResults;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

public static class MemberAuthApi
{
    public static RouteGroupBuilder MapMemberAuthApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/auth/member").WithTags("Member authentication");

        group.MapPost("/register", RegisterAsync)
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Register a member; a six-digit verification code is emailed.")
            .WithExamples("""{"email":"member@example.com","password":"securePassword123!","full_name":"Jane Doe"}""",
                (201, """{"id":"3f1c0e7a-5b7e-4a8e-9d36-1d2b5b8f0c11","email":"member@example.com","full_name":"Jane Doe","email_verified":false,"detail":"A verification code was sent to the email address."}"""));

        group.MapPost("/login", LoginAsync)
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Log in with email and password; answers requires_2fa when TOTP is enabled.")
            .WithExamples("""{"email":"member@example.com","password":"securePassword123!"}""",
                (200, """{"access_token":"eyJhbGciOiJIUzI1NiIs...","token_type":"bearer","expires_in":900,"refresh_token":"q3Jx..."}"""));

        return api;
    }

    internal static async Task<Results<Created<MemberRegisterResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        MemberRegisterRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Email("email", request.Email).Required("full_name", request.FullName).MaxLength("full_name", request.FullName, 200);
        foreach (var problem in PasswordPolicy.Check(request.Password, request.Email))
        {
            errors.Add("password", problem);
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (await accounts.EmailExistsAsync(request.Email!, cancellationToken))
        {
            return Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.EmailTaken, "An account with this email address already exists.");
        }

        var account = accounts.NewAccount(request.Email!, request.Password!, Roles.Member, request.FullName, organizationId: null);
        await accounts.RegisterAsync(account, cancellationToken);
        return TypedResults.Created($"/api/v1/members/{account.Id}",
            new MemberRegisterResponse(account.Id, account.Email, account.FullName, false, "A verification code was sent to the email address."));
    }

    internal static async Task<Results<Ok<TokenResponse>, Ok<TwoFactorRequiredResponse>, ProblemHttpResult, ValidationProblem>> LoginAsync(
        LoginRequest request, AccountService accounts, TokenService tokens, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Required("email", request.Email).Required("password", request.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await accounts.PasswordLoginAsync(request.Email!, request.Password!, Roles.Member, cancellationToken);
        return await LoginResponses.ForAsync(result, tokens, cancellationToken);
    }
}
