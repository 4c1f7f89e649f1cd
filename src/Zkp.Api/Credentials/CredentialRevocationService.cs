using Microsoft.EntityFrameworkCore;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Registry;
using Zkp.Api.Webhooks;

namespace Zkp.Api.Credentials;

/// <summary>
/// Revokes credentials: in one transaction the row turns <c>revoked</c> (only if it was active), the credential's bit
/// in the issuer's status list is set, and <c>credential.revoked</c> is enqueued for the issuing credit union and for
/// every lender that verified a presentation of the credential. Callers check who may revoke.
/// </summary>
public sealed class CredentialRevocationService(ZkpDbContext db, StatusListService statusLists, IWebhookEventPublisher webhooks, TimeProvider time)
{
    /// <exception cref="CredentialIssuanceException">409 <c>credential_already_revoked</c>; nothing changed.</exception>
    public async Task<Credential> RevokeAsync(Credential credential, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The conditional update is the arbiter between two concurrent revocations: exactly one sees a row change.
        var changed = await db.Credentials
            .Where(c => c.Id == credential.Id && c.Status == CredentialStatuses.Active)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Status, CredentialStatuses.Revoked)
                .SetProperty(c => c.RevokedUtc, now)
                .SetProperty(c => c.RevokedByAccountId, actor.AccountId)
                .SetProperty(c => c.RevokedByOrganizationId, actor.OrganizationId), cancellationToken);
        if (changed == 0)
        {
            throw new CredentialIssuanceException(StatusCodes.Status409Conflict, ProblemCodes.CredentialAlreadyRevoked, "This credential is already revoked.");
        }

        await statusLists.RevokeAsync(credential.StatusListId, credential.StatusListIndex, cancellationToken);
        var payload = new
        {
            CredentialId = credential.Id,
            ClaimType = credential.ClaimType,
            RevokedAt = now,
        };
        await webhooks.EnqueueAsync(db, credential.IssuerId, WebhookEvents.CredentialRevoked, payload, cancellationToken);
        foreach (var lender in await LendersThatVerifiedAsync(credential, cancellationToken))
        {
            await webhooks.EnqueueAsync(db, lender, WebhookEvents.CredentialRevoked, payload, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await db.Credentials.AsNoTracking().SingleAsync(c => c.Id == credential.Id, cancellationToken);
    }

    /// <summary>
    /// The lender organisations with a recorded verification of a QR token that presented this credential (other than
    /// its issuer, which is told anyway). They already hold the credential's id, and its status list is public, so
    /// telling them of the revocation reveals nothing new; it saves them polling the list for a loan in progress. The
    /// member's tokens are found by the indexed member column; the id is matched in their JSON id arrays, which hold
    /// ids in one canonical form (lower-case, hyphenated), so a quoted substring match is exact.
    /// </summary>
    private async Task<List<Guid>> LendersThatVerifiedAsync(Credential credential, CancellationToken cancellationToken)
    {
        var quotedId = $"%\"{credential.Id:D}\"%";
        return await db.Verifications.AsNoTracking()
            .Where(v => v.LenderOrganizationId != credential.IssuerId && db.QrTokens.Any(q =>
                q.MemberAccountId == credential.MemberAccountId && q.TokenHash == v.TokenHash && EF.Functions.Like(q.CredentialIds, quotedId)))
            .Select(v => v.LenderOrganizationId)
            .Distinct()
            .OrderBy(id => id)
            .ToListAsync(cancellationToken);
    }
}
