using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Email;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Options;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

/// <summary>Password sign-in, lockout and the one-time codes sent by email. Endpoints validate input; this does the work.</summary>
public sealed partial class AccountService(
    ZkpDbContext db,
    IPasswordHasher<Account> hasher,
    IEmailSender email,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<AccountService> logger)
{
    // Verified against when the email is unknown (or locked) so those answers take as long as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Account>().HashPassword(null!, SecretHashing.RandomToken()));

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public Task<Account?> FindByEmailAsync(string emailAddress, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(emailAddress);
        return db.Accounts.SingleOrDefaultAsync(a => a.Email == normalized, cancellationToken);
    }

    public Task<bool> EmailExistsAsync(string emailAddress, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(emailAddress);
        return db.Accounts.AnyAsync(a => a.Email == normalized, cancellationToken);
    }

    public Account NewAccount(string emailAddress, string password, string role, string? fullName, Guid? organizationId)
    {
        var account = new Account
        {
            Id = Guid.NewGuid(),
            Email = NormalizeEmail(emailAddress),
            PasswordHash = "",
            FullName = fullName?.Trim(),
            Role = role,
            OrganizationId = organizationId,
            CreatedUtc = UtcNow,
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        return account;
    }

    public async Task<LoginResult> PasswordLoginAsync(string emailAddress, string password, string role, CancellationToken cancellationToken)
    {
        var account = await FindByEmailAsync(emailAddress, cancellationToken);
        if (account is null || account.Role != role)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return new LoginResult(LoginStatus.InvalidCredentials, null);
        }

        var now = UtcNow;
        if (account.LockoutEndUtc > now)
        {
            // Only someone who knows the password learns that the account is locked; a wrong password
            // still gets invalid_credentials, so lockout cannot be used to find out which emails exist.
            return hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed
                ? new LoginResult(LoginStatus.InvalidCredentials, null)
                : new LoginResult(LoginStatus.Locked, account);
        }

        var verification = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(account, cancellationToken);
            return new LoginResult(LoginStatus.InvalidCredentials, null);
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, password);
        }

        account.FailedLoginCount = 0;
        account.LockoutEndUtc = null;
        if (account.Role == Roles.Member && !account.EmailVerified)
        {
            await db.SaveChangesAsync(cancellationToken);
            return new LoginResult(LoginStatus.EmailNotVerified, account);
        }

        if (account.TotpEnabled)
        {
            account.TwoFactorChallengeExpiresUtc = now.AddMinutes(options.Value.TwoFactorChallengeMinutes);
            await db.SaveChangesAsync(cancellationToken);
            return new LoginResult(LoginStatus.RequiresTwoFactor, account);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new LoginResult(LoginStatus.Success, account);
    }

    /// <summary>Counts a failed password or second-factor attempt; the Nth in a row locks the account.</summary>
    public async Task RecordFailureAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        account.FailedLoginCount++;
        if (account.FailedLoginCount >= options.Value.MaxFailedLogins)
        {
            account.LockoutEndUtc = UtcNow.AddMinutes(options.Value.LockoutMinutes);
            account.FailedLoginCount = 0;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Replaces any pending code with a new six-digit one and mails it.</summary>
    /// <summary>
    /// Registers the account and mails its first verification code in one transaction: when the mail
    /// cannot be sent, the <see cref="EmailDeliveryException"/> leaves no account behind.
    /// </summary>
    public async Task RegisterAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        await SendVerificationCodeAsync(account, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Replaces the pending code with a new one, or changes nothing when the mail cannot be sent. The
    /// caller answers the same either way so that the answer does not reveal which accounts exist.
    /// </summary>
    public async Task ResendVerificationCodeAsync(Account account, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await SendVerificationCodeAsync(account, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (EmailDeliveryException exception)
        {
            LogEmailNotSent(logger, exception, "verification code");
            db.ChangeTracker.Clear();
        }
    }

    private async Task SendVerificationCodeAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = UtcNow;
        await db.EmailVerifications.Where(v => v.AccountId == account.Id && v.ConsumedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ConsumedUtc, now), cancellationToken);

        // Codes are found by their hash when no email is given, so no two pending codes may be equal.
        string code;
        byte[] hash;
        do
        {
            code = SecretHashing.RandomDigits(6);
            hash = SecretHashing.Sha256(code);
        }
        while (await db.EmailVerifications.AnyAsync(v => v.CodeHash == hash && v.ConsumedUtc == null && v.ExpiresUtc > now, cancellationToken));

        var minutes = options.Value.VerificationCodeMinutes;
        db.EmailVerifications.Add(new EmailVerification
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            CodeHash = hash,
            CreatedUtc = now,
            ExpiresUtc = now.AddMinutes(minutes),
        });
        await db.SaveChangesAsync(cancellationToken);
        await email.SendAsync(account.Email, "Your Zkp verification code",
            $"Your Zkp email verification code is: {code}\r\n\r\nIt expires in {minutes} minutes. If you did not register, ignore this message.\r\n",
            cancellationToken);
    }

    public async Task<(VerifyEmailStatus Status, string? Email)> VerifyEmailAsync(string code, string? emailAddress, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var hash = SecretHashing.Sha256(code);
        EmailVerification? pending;
        if (emailAddress is not null)
        {
            var account = await FindByEmailAsync(emailAddress, cancellationToken);
            if (account is null)
            {
                return (VerifyEmailStatus.InvalidCode, null);
            }

            if (account.EmailVerified)
            {
                return (VerifyEmailStatus.AlreadyVerified, null);
            }

            pending = await db.EmailVerifications.Where(v => v.AccountId == account.Id && v.ConsumedUtc == null)
                .OrderByDescending(v => v.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
            if (pending is null)
            {
                return (VerifyEmailStatus.InvalidCode, null);
            }

            if (pending.FailedAttempts >= options.Value.VerificationCodeMaxAttempts)
            {
                return (VerifyEmailStatus.TooManyAttempts, null);
            }

            if (!SecretHashing.HashesEqual(pending.CodeHash, hash))
            {
                pending.FailedAttempts++;
                await db.SaveChangesAsync(cancellationToken);
                return (pending.FailedAttempts >= options.Value.VerificationCodeMaxAttempts ? VerifyEmailStatus.TooManyAttempts : VerifyEmailStatus.InvalidCode, null);
            }
        }
        else
        {
            pending = await db.EmailVerifications.Where(v => v.CodeHash == hash && v.ConsumedUtc == null)
                .OrderByDescending(v => v.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
            if (pending is null)
            {
                return (VerifyEmailStatus.InvalidCode, null);
            }

            if (pending.FailedAttempts >= options.Value.VerificationCodeMaxAttempts)
            {
                return (VerifyEmailStatus.TooManyAttempts, null);
            }
        }

        if (pending.ExpiresUtc <= now)
        {
            return (VerifyEmailStatus.Expired, null);
        }

        var claimed = await db.EmailVerifications.Where(v => v.Id == pending.Id && v.ConsumedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.ConsumedUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return (VerifyEmailStatus.InvalidCode, null);
        }

        await db.Accounts.Where(a => a.Id == pending.AccountId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.EmailVerified, true), cancellationToken);
        var verifiedEmail = await db.Accounts.Where(a => a.Id == pending.AccountId).Select(a => a.Email).SingleAsync(cancellationToken);
        return (VerifyEmailStatus.Verified, verifiedEmail);
    }

    public async Task RequestPasswordResetAsync(string emailAddress, CancellationToken cancellationToken)
    {
        var account = await FindByEmailAsync(emailAddress, cancellationToken);
        if (account is null)
        {
            // Same work as a real request, minus the email, so the answer does not reveal accounts.
            _ = SecretHashing.Sha256(SecretHashing.RandomToken());
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await CreatePasswordResetAsync(account, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (EmailDeliveryException exception)
        {
            // The answer stays the same as for an unknown address; the earlier token stays valid.
            LogEmailNotSent(logger, exception, "password reset");
            db.ChangeTracker.Clear();
        }
    }

    private async Task CreatePasswordResetAsync(Account account, CancellationToken cancellationToken)
    {
        var now = UtcNow;
        var token = SecretHashing.RandomToken();
        await db.PasswordResets.Where(r => r.AccountId == account.Id && r.ConsumedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConsumedUtc, now), cancellationToken);
        var minutes = options.Value.PasswordResetMinutes;
        db.PasswordResets.Add(new PasswordReset
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            TokenHash = SecretHashing.Sha256(token),
            CreatedUtc = now,
            ExpiresUtc = now.AddMinutes(minutes),
        });
        await db.SaveChangesAsync(cancellationToken);
        await email.SendAsync(account.Email, "Reset your Zkp password",
            $"Your Zkp password reset token is: {token}\r\n\r\nIt expires in {minutes} minutes. If you did not ask for this, ignore this message.\r\n",
            cancellationToken);
    }

    /// <summary>Finds the unexpired, unused reset for <paramref name="token"/>; null when there is none.</summary>
    public async Task<(PasswordReset Reset, Account Account)?> FindPasswordResetAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SecretHashing.Sha256(token);
        var now = UtcNow;
        var reset = await db.PasswordResets.SingleOrDefaultAsync(r => r.TokenHash == hash, cancellationToken);
        if (reset is null || reset.ConsumedUtc is not null || reset.ExpiresUtc <= now)
        {
            return null;
        }

        return (reset, await db.Accounts.SingleAsync(a => a.Id == reset.AccountId, cancellationToken));
    }

    public async Task<bool> CompletePasswordResetAsync(PasswordReset reset, Account account, string newPassword, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reset);
        ArgumentNullException.ThrowIfNull(account);
        var now = UtcNow;
        var claimed = await db.PasswordResets.Where(r => r.Id == reset.Id && r.ConsumedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ConsumedUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        account.PasswordHash = hasher.HashPassword(account, newPassword);
        account.FailedLoginCount = 0;
        account.LockoutEndUtc = null;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Purpose} email could not be sent; the change was rolled back")]
    private static partial void LogEmailNotSent(ILogger logger, Exception exception, string purpose);
}

public sealed record LoginResult(LoginStatus Status, Account? Account);

public enum LoginStatus
{
    Success,
    InvalidCredentials,
    Locked,
    EmailNotVerified,
    RequiresTwoFactor,
}

public enum VerifyEmailStatus
{
    Verified,
    InvalidCode,
    Expired,
    TooManyAttempts,
    AlreadyVerified,

}
