using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Options;
using Zkp.Api.Registry;

namespace Zkp.Api.Verification;

/// <summary>
/// QR tokens: creation from the member's credentials (custodial signing, or the two-step wallet flow), lookup for
/// lenders and for the image endpoints, listing and revocation by the member.
/// </summary>
public sealed partial class QrTokenService(
    ZkpDbContext db,
    CompiledQueries queries,
    MemberKeyService memberKeys,
    IOptions<QrOptions> qr,
    IOptions<RegistryOptions> registry,
    TimeProvider time)
{
    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The token as <paramref name="lenderOrganizationId"/> may see it. A token addressed to another lender is
    /// answered exactly like one that never existed, whatever its state, so lenders learn nothing about it.
    /// </summary>
    public async Task<TokenResolution> ResolveForLenderAsync(string? token, Guid lenderOrganizationId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(token, cancellationToken) is not { } row
            || (row.AudienceOrganizationId is { } audience && audience != lenderOrganizationId))
        {
            return TokenResolution.Invalid(TokenReasons.Unknown);
        }

        if (row.RevokedUtc is not null)
        {
            return TokenResolution.Invalid(TokenReasons.Revoked);
        }

        return row.ExpiresUtc <= UtcNow ? TokenResolution.Invalid(TokenReasons.Expired) : TokenResolution.Valid(row);
    }

    /// <summary>A token that is issued (not pending), not revoked and not expired; null otherwise.</summary>
    public async Task<QrToken?> FindLiveAsync(string? token, CancellationToken cancellationToken = default) =>
        await FindAsync(token, cancellationToken) is { RevokedUtc: null } row && row.ExpiresUtc > UtcNow ? row : null;

    /// <summary>The member's tokens that are issued, not revoked and not expired, newest first.</summary>
    public async Task<List<QrToken>> ListLiveAsync(Guid memberAccountId, CancellationToken cancellationToken = default)
    {
        var now = UtcNow;
        return await db.QrTokens.AsNoTracking()
            .Where(q => q.MemberAccountId == memberAccountId && q.TokenHash != null && q.RevokedUtc == null && q.ExpiresUtc > now)
            .OrderByDescending(q => q.CreatedUtc).ThenBy(q => q.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Revokes one of the member's live tokens; false when the member has no such live token.</summary>
    public async Task<bool> RevokeAsync(Guid memberAccountId, string? token, CancellationToken cancellationToken = default)
    {
        if (QrTokenFormat.Canonicalize(token) is not { } canonical)
        {
            return false;
        }

        var hash = QrTokenFormat.Hash(canonical);
        var now = UtcNow;
        var row = await db.QrTokens.SingleOrDefaultAsync(q => q.TokenHash == hash && q.MemberAccountId == memberAccountId, cancellationToken);
        if (row is null || row.RevokedUtc is not null || row.ExpiresUtc <= now)
        {
            return false;
        }

        row.RevokedUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<QrToken?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (QrTokenFormat.Canonicalize(token) is not { } canonical)
        {
            return null;
        }

        return await queries.QrTokenByHash(db, QrTokenFormat.Hash(canonical), cancellationToken);
    }
}
