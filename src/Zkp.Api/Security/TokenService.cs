using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Options;

namespace Zkp.Api.Security;

/// <summary>Issues access tokens (JWT) and rotating refresh tokens (random, stored as SHA-256).</summary>
public sealed class TokenService(ZkpDbContext db, JwtSigningKey signingKey, IOptions<JwtOptions> options, TimeProvider time)
{
    public const string OrganizationClaim = "org_id";

    private static readonly JwtSecurityTokenHandler Handler = new();

    public async Task<IssuedTokens> IssueAsync(Account account, Guid? familyId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = time.GetUtcNow().UtcDateTime;
        var refresh = SecretHashing.RandomToken();
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            FamilyId = familyId ?? Guid.NewGuid(),
            TokenHash = SecretHashing.Sha256(refresh),
            CreatedUtc = now,
            ExpiresUtc = now.AddDays(options.Value.RefreshTokenDays),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedTokens(CreateAccessToken(account, now), refresh, options.Value.AccessTokenMinutes * 60);
    }

    public string CreateAccessToken(Account account, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(account);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, account.Id.ToString()),
            new(JwtRegisteredClaimNames.Email, account.Email),
            new("role", account.Role),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
        };
        if (account.OrganizationId is { } organizationId)
        {
            claims.Add(new Claim(OrganizationClaim, organizationId.ToString()));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = nowUtc,
            IssuedAt = nowUtc,
            Expires = nowUtc.AddMinutes(options.Value.AccessTokenMinutes),
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        };
        return Handler.WriteToken(Handler.CreateToken(descriptor));
    }

    /// <summary>
    /// Exchanges a refresh token for a new pair. A token that was already exchanged (or revoked) is
    /// evidence of theft: the whole family is revoked so neither the thief nor the owner can go on.
    /// </summary>
    public async Task<RefreshOutcome> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var hash = SecretHashing.Sha256(refreshToken);
        var stored = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (stored is null || stored.ExpiresUtc <= now)
        {
            return new RefreshOutcome(RefreshStatus.Invalid, null);
        }

        if (stored.ConsumedUtc is not null || stored.RevokedUtc is not null)
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return new RefreshOutcome(RefreshStatus.Reused, null);
        }

        // Conditional update: of two concurrent exchanges of the same token only one wins; the loser is a reuse.
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.ConsumedUtc == null && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedUtc, now), cancellationToken);
        if (claimed == 0)
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return new RefreshOutcome(RefreshStatus.Reused, null);
        }

        var account = await db.Accounts.SingleAsync(a => a.Id == stored.AccountId, cancellationToken);
        var issued = await IssueAsync(account, stored.FamilyId, cancellationToken);

        // A concurrent reuse may have revoked the family between our claim and our insert; its
        // revocation then missed the token just inserted. Looking again after the insert closes that gap.
        if (await db.RefreshTokens.AnyAsync(t => t.FamilyId == stored.FamilyId && t.RevokedUtc != null, cancellationToken))
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return new RefreshOutcome(RefreshStatus.Reused, null);
        }

        return new RefreshOutcome(RefreshStatus.Issued, issued);
    }

    /// <summary>Revokes the family of <paramref name="refreshToken"/>; false when the token is unknown.</summary>
    public async Task<bool> RevokeAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        var hash = SecretHashing.Sha256(refreshToken);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (familyId is null)
        {
            return false;
        }

        await RevokeFamilyAsync(familyId.Value, cancellationToken);
        return true;
    }

    public Task<int> RevokeAllForAccountAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.RefreshTokens.Where(t => t.AccountId == accountId && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, now), cancellationToken);
    }

    private Task<int> RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, now), cancellationToken);
    }
}

public sealed record IssuedTokens(string AccessToken, string RefreshToken, int ExpiresInSeconds);

public sealed record RefreshOutcome(RefreshStatus Status, IssuedTokens? Tokens);

public enum RefreshStatus
{
    Issued,
    Invalid,
    Reused,
}
