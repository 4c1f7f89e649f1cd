using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Security;

namespace Zkp.Api.Apis;

/// <summary>
/// TOTP enrolment and checks. The secret is stored encrypted with Data Protection; recovery codes
/// are stored as SHA-256 (they are random, 50 bits each, and single use). A TOTP step, once accepted,
/// is recorded with a conditional update so the same code can never be accepted twice, even by two
/// requests racing on different nodes.
/// </summary>
public sealed class TwoFactorService(ZkpDbContext db, IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;
    public const string Issuer = "Zkp";
    private const int SecretBytes = 20;
    private const string RecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Zkp.Api.TotpSecret.v1");

    public async Task<TwoFactorEnableResponse> BeginEnrolmentAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(SecretBytes);
        account.TotpSecretProtected = _protector.Protect(Base32.Encode(secret));
        account.TotpEnabled = false;
        account.TotpLastUsedStep = null;

        await db.RecoveryCodes.Where(r => r.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        var codes = new List<string>(RecoveryCodeCount);
        for (var i = 0; i < RecoveryCodeCount; i++)
        {
            var code = NewRecoveryCode();
            codes.Add(code);
            db.RecoveryCodes.Add(new RecoveryCode { Id = Guid.NewGuid(), AccountId = account.Id, CodeHash = SecretHashing.Sha256(code) });
        }

        await db.SaveChangesAsync(cancellationToken);
        return new TwoFactorEnableResponse(Totp.ProvisioningUri(Issuer, account.Email, secret), Base32.Encode(secret), codes);
    }

    /// <summary>Accepts a current TOTP code once: true only if it matches a step after the last one used, and that step is now recorded.</summary>
    public async Task<bool> TryUseTotpAsync(Account account, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.TotpSecretProtected is null)
        {
            return false;
        }

        var secret = Base32.Decode(_protector.Unprotect(account.TotpSecretProtected));
        var step = Totp.Match(secret, code, Totp.TimeStep(time.GetUtcNow()), account.TotpLastUsedStep);
        if (step is null)
        {
            return false;
        }

        var recorded = await db.Accounts
            .Where(a => a.Id == account.Id && (a.TotpLastUsedStep == null || a.TotpLastUsedStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.TotpLastUsedStep, step), cancellationToken);
        if (recorded == 0)
        {
            return false;
        }

        account.TotpLastUsedStep = step;
        db.Entry(account).Property(a => a.TotpLastUsedStep).IsModified = false;
        return true;
    }

    /// <summary>Marks an unused recovery code of <paramref name="account"/> used; false when none matches.</summary>
    public async Task<bool> TryUseRecoveryCodeAsync(Account account, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var hash = SecretHashing.Sha256(code.Trim().ToLowerInvariant());
        var now = time.GetUtcNow().UtcDateTime;
        var used = await db.RecoveryCodes
            .Where(r => r.AccountId == account.Id && r.CodeHash == hash && r.UsedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.UsedUtc, now), cancellationToken);
        return used == 1;
    }

    public async Task DisableAsync(Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        account.TotpEnabled = false;
        account.TotpSecretProtected = null;
        account.TwoFactorChallengeExpiresUtc = null;
        await db.RecoveryCodes.Where(r => r.AccountId == account.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string NewRecoveryCode()
    {
        Span<char> chars = stackalloc char[11];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i == 5 ? '-' : RecoveryAlphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(RecoveryAlphabet.Length)];
        }

        return new string(chars);
    }
}
