using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

public static class TwoFactorApi
{
    public static RouteGroupBuilder MapTwoFactorApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/auth/2fa").WithTags("Two-factor authentication");

        group.MapPost("/enable", EnableAsync)
            .RequireAuthorization(AuthorizationPolicies.UserJwt)
            .WithRateLimit(RateLimitPolicies.Account)
            .WithSummary("Start TOTP enrolment: returns the otpauth:// URI and 10 single-use recovery codes (shown once).")
            .WithExamples(null, (200, """{"totp_uri":"otpauth://totp/Zkp:member%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Zkp&algorithm=SHA1&digits=6&period=30","secret":"JBSWY3DPEHPK3PXP","recovery_codes":["k7m2p-x9qrt","..."]}"""));

        group.MapPost("/confirm", ConfirmAsync)
            .RequireAuthorization(AuthorizationPolicies.UserJwt)
            .WithRateLimit(RateLimitPolicies.Account)
            .WithSummary("Activate TOTP with a current code from the authenticator app.")
            .WithExamples("""{"code":"123456"}""", (200, """{"two_factor_enabled":true}"""));

        group.MapPost("/verify-login", VerifyLoginAsync)
            .WithRateLimit(RateLimitPolicies.Auth)
            .WithSummary("Complete a login that answered requires_2fa, with totp_code or recovery_code.")
            .WithExamples("""{"email":"user@example.com","totp_code":"123456"}""",
                (200, """{"access_token":"eyJhbGciOiJIUzI1NiIs...","token_type":"bearer","expires_in":900,"refresh_token":"q3Jx..."}"""));

        group.MapPost("/disable", DisableAsync)
            .RequireAuthorization(AuthorizationPolicies.UserJwt)
            .WithRateLimit(RateLimitPolicies.Account)
            .WithSummary("Turn TOTP off; needs a current code.")
            .WithExamples("""{"code":"123456"}""", (200, """{"two_factor_enabled":false}"""));

        return api;
    }

    internal static async Task<Results<Ok<TwoFactorEnableResponse>, ProblemHttpResult>> EnableAsync(
        ClaimsPrincipal user, ZkpDbContext db, TwoFactorService twoFactor, CancellationToken cancellationToken)
    {
        var account = await CurrentAccountAsync(user, db, cancellationToken);
        if (account is null)
        {
            return Problems.Create(401, ProblemCodes.Unauthorized, "The account of this token no longer exists.");
        }

        if (account.TotpEnabled)
        {
            return Problems.Create(409, ProblemCodes.TwoFactorAlreadyEnabled, "Two-factor authentication is already enabled. Disable it first to enrol a new device.");
        }

        return TypedResults.Ok(await twoFactor.BeginEnrolmentAsync(account, cancellationToken));
    }

    internal static async Task<Results<Ok<TwoFactorStatusResponse>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        TotpCodeRequest request, ClaimsPrincipal user, ZkpDbContext db, TwoFactorService twoFactor, CancellationToken cancellationToken)
    {
        if (ValidateCode("code", request.Code) is { } invalid)
        {
            return invalid;
        }

        var account = await CurrentAccountAsync(user, db, cancellationToken);
        if (account is null)
        {
            return Problems.Create(401, ProblemCodes.Unauthorized, "The account of this token no longer exists.");
        }

        if (account.TotpEnabled)
        {
            return Problems.Create(409, ProblemCodes.TwoFactorAlreadyEnabled, "Two-factor authentication is already enabled.");
        }

        if (account.TotpSecretProtected is null)
        {
            return Problems.Create(409, ProblemCodes.TwoFactorNotPending, "Start with POST /api/v1/auth/2fa/enable.");
        }

        if (!await twoFactor.TryUseTotpAsync(account, request.Code!, cancellationToken))
        {
            return Problems.Create(400, ProblemCodes.InvalidTotp, "The code is wrong, expired or already used.");
        }

        account.TotpEnabled = true;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new TwoFactorStatusResponse(true));
    }

    internal static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> VerifyLoginAsync(
        VerifyLoginRequest request, AccountService accounts, TwoFactorService twoFactor, TokenService tokens, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors().Email("email", request.Email);
        if ((request.TotpCode is null) == (request.RecoveryCode is null))
        {
            errors.Add("totp_code", "Give exactly one of totp_code and recovery_code.");
        }
        else if (request.TotpCode is not null && (request.TotpCode.Length != Totp.Digits || !request.TotpCode.All(char.IsAsciiDigit)))
        {
            errors.Add("totp_code", "totp_code must be six digits.");
        }
        else if (request.RecoveryCode is { Length: 0 or > 64 })
        {
            errors.Add("recovery_code", "recovery_code is not in the expected format.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var account = await accounts.FindByEmailAsync(request.Email!, cancellationToken);
        var now = accounts.UtcNow;
        if (account is null || !account.TotpEnabled || !(account.TwoFactorChallengeExpiresUtc > now))
        {
            return Problems.Create(401, ProblemCodes.NoLoginChallenge, "No pending two-factor login for this email. Log in with the password first.");
        }

        if (account.LockoutEndUtc > now)
        {
            return Problems.Create(403, ProblemCodes.AccountLocked, "The account is temporarily locked after repeated failed logins. Try again later.");
        }

        var accepted = request.TotpCode is not null
            ? await twoFactor.TryUseTotpAsync(account, request.TotpCode, cancellationToken)
            : await twoFactor.TryUseRecoveryCodeAsync(account, request.RecoveryCode!, cancellationToken);
        if (!accepted)
        {
            await accounts.RecordFailureAsync(account, cancellationToken);
            return request.TotpCode is not null
                ? Problems.Create(401, ProblemCodes.InvalidTotp, "The code is wrong, expired or already used.")
                : Problems.Create(401, ProblemCodes.InvalidRecoveryCode, "The recovery code is wrong or already used.");
        }

        account.TwoFactorChallengeExpiresUtc = null;
        account.FailedLoginCount = 0;
        return TypedResults.Ok(LoginResponses.ToResponse(await tokens.IssueAsync(account, cancellationToken: cancellationToken)));
    }

    internal static async Task<Results<Ok<TwoFactorStatusResponse>, ValidationProblem, ProblemHttpResult>> DisableAsync(
        TotpCodeRequest request, ClaimsPrincipal user, ZkpDbContext db, TwoFactorService twoFactor, CancellationToken cancellationToken)
    {
        if (ValidateCode("code", request.Code) is { } invalid)
        {
            return invalid;
        }

        var account = await CurrentAccountAsync(user, db, cancellationToken);
        if (account is null)
        {
            return Problems.Create(401, ProblemCodes.Unauthorized, "The account of this token no longer exists.");
        }

        if (!account.TotpEnabled)
        {
            return Problems.Create(409, ProblemCodes.TwoFactorNotEnabled, "Two-factor authentication is not enabled.");
        }

        if (!await twoFactor.TryUseTotpAsync(account, request.Code!, cancellationToken))
        {
            return Problems.Create(400, ProblemCodes.InvalidTotp, "The code is wrong, expired or already used.");
        }

        await twoFactor.DisableAsync(account, cancellationToken);
        return TypedResults.Ok(new TwoFactorStatusResponse(false));
    }

    private static ValidationProblem? ValidateCode(string field, string? code) =>
        code is { Length: Totp.Digits } && code.All(char.IsAsciiDigit)
            ? null
            : new FieldErrors().Add(field, $"{field} must be the six digits shown by the authenticator app.").ToProblem();

    private static async Task<Account?> CurrentAccountAsync(ClaimsPrincipal user, ZkpDbContext db, CancellationToken cancellationToken) =>
        user.AccountId() is { } id ? await db.Accounts.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) : null;
}
