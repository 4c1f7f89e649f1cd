using Microsoft.EntityFrameworkCore;
using Zkp.Api.Apis;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;

namespace Zkp.Api.Registry;

/// <summary>
/// Writes validated attribute updates for one issuer: resolves members, enforces that a member belongs to the issuer
/// that wrote first, writes only changed fields, and audits each change (field names only). All rows in one transaction.
/// </summary>
public sealed class MemberAttributeService(ZkpDbContext db, TimeProvider time)
{
    /// <summary>Resolves every update's member; per-row problems go to <paramref name="error"/> under <c>{prefix}email</c> / <c>member_id</c>.</summary>
    public async Task<List<Guid?>> ResolveMembersAsync(Guid issuerId, IReadOnlyList<AttributeUpdate> updates, Func<int, string> prefix, Action<string, string> error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(error);
        var emails = updates.Where(u => u.Email is not null).Select(u => AccountService.NormalizeEmail(u.Email!)).Distinct().ToList();
        var ids = updates.Where(u => u.MemberId is not null).Select(u => u.MemberId!.Value).Distinct().ToList();
        var members = await db.Accounts.AsNoTracking()
            .Where(a => a.Role == Roles.Member && (emails.Contains(a.Email) || ids.Contains(a.Id)))
            .Select(a => new { a.Id, a.Email })
            .ToListAsync(cancellationToken);
        var memberIds = members.Select(m => m.Id).ToList();
        var owners = await db.MemberAttributes.AsNoTracking()
            .Where(m => memberIds.Contains(m.MemberAccountId))
            .ToDictionaryAsync(m => m.MemberAccountId, m => m.IssuerId, cancellationToken);

        var resolved = new List<Guid?>(updates.Count);
        var seen = new HashSet<Guid>();
        for (var i = 0; i < updates.Count; i++)
        {
            var update = updates[i];
            var field = update.Email is not null ? MemberAttributeRows.Email : MemberAttributeRows.MemberId;
            var member = update.Email is not null
                ? members.FirstOrDefault(m => m.Email == AccountService.NormalizeEmail(update.Email))
                : members.FirstOrDefault(m => m.Id == update.MemberId);
            Guid? id = null;
            if (member is null)
            {
                error(prefix(i) + field, "no registered member has this " + (field == MemberAttributeRows.Email ? "email." : "id."));
            }
            else if (owners.TryGetValue(member.Id, out var owner) && owner != issuerId)
            {
                error(prefix(i) + field, "the member belongs to another issuer.");
            }
            else if (!seen.Add(member.Id))
            {
                error(prefix(i) + field, "the member appears more than once in this request.");
            }
            else
            {
                id = member.Id;
            }

            resolved.Add(id);
        }

        return resolved;
    }

    /// <summary>
    /// Applies the updates (members already resolved and owned by <paramref name="issuerId"/>) in one transaction.
    /// Two first writes for the same member racing each other: the primary key lets one commit; the other (and a
    /// write whose member was claimed by another issuer since it was resolved) gets <see cref="ConcurrentAttributeWriteException"/>
    /// with nothing written, which the endpoints answer with 409 so the caller retries.
    /// </summary>
    public async Task<UpsertSummary> UpsertAsync(Guid issuerId, IReadOnlyList<(Guid MemberId, AttributeUpdate Update)> rows, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow().UtcDateTime;
        var ids = rows.Select(r => r.MemberId).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.MemberAttributes.Where(m => ids.Contains(m.MemberAccountId)).ToDictionaryAsync(m => m.MemberAccountId, cancellationToken);
        int created = 0, updated = 0, unchanged = 0;
        var changes = new List<(Guid MemberId, List<string> Fields)>();
        foreach (var (memberId, update) in rows)
        {
            var isNew = !existing.TryGetValue(memberId, out var attributes);
            if (attributes is null)
            {
                attributes = new MemberAttributes { MemberAccountId = memberId, IssuerId = issuerId, CreatedUtc = now, UpdatedUtc = now };
                db.MemberAttributes.Add(attributes);
            }
            else if (attributes.IssuerId != issuerId)
            {
                throw new ConcurrentAttributeWriteException("The member was claimed by another issuer after it was resolved.", null);
            }

            var fields = Apply(attributes, update);
            if (fields.Count == 0)
            {
                unchanged++;
                continue;
            }

            attributes.UpdatedUtc = now;
            db.AuditEvents.Add(actor.Event(isNew ? AuditActions.MemberAttributesCreated : AuditActions.MemberAttributesUpdated, now, issuerId, memberId, string.Join(',', fields)));
            changes.Add((memberId, fields));
            if (isNew)
            {
                created++;
            }
            else
            {
                updated++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            throw new ConcurrentAttributeWriteException("Another request created the member's attributes at the same time.", exception);
        }

        await transaction.CommitAsync(cancellationToken);
        return new UpsertSummary(created, updated, unchanged, changes);
    }

    private static List<string> Apply(MemberAttributes target, AttributeUpdate update)
    {
        var changed = new List<string>();
        Set(update.AnnualIncome, target.AnnualIncome, v => target.AnnualIncome = v, MemberAttributeRows.AnnualIncome);
        Set(update.CreditScore, target.CreditScore, v => target.CreditScore = v, MemberAttributeRows.CreditScore);
        Set(update.AccountOpenedOn, target.AccountOpenedOn, v => target.AccountOpenedOn = v, MemberAttributeRows.AccountOpenedOn);
        SetText(update.MembershipStatus, target.MembershipStatus, v => target.MembershipStatus = v, MemberAttributeRows.MembershipStatus);
        SetText(update.EmploymentStatus, target.EmploymentStatus, v => target.EmploymentStatus = v, MemberAttributeRows.EmploymentStatus);
        Set(update.EmploymentMonths, target.EmploymentMonths, v => target.EmploymentMonths = v, MemberAttributeRows.EmploymentMonths);
        Set(update.DtiRatioBps, target.DtiRatioBps, v => target.DtiRatioBps = v, MemberAttributeRows.DtiRatioBps);
        return changed;

        void Set<T>(T? value, T? current, Action<T> assign, string name)
            where T : struct, IEquatable<T>
        {
            if (value is { } v && !(current is { } c && c.Equals(v)))
            {
                assign(v);
                changed.Add(name);
            }
        }

        void SetText(string? value, string? current, Action<string> assign, string name)
        {
            if (value is not null && !string.Equals(value, current, StringComparison.Ordinal))
            {
                assign(value);
                changed.Add(name);
            }
        }
    }
}

public sealed record UpsertSummary(int Created, int Updated, int Unchanged, IReadOnlyList<(Guid MemberId, List<string> Fields)> Changes);

/// <summary>A concurrent write to the same member's attributes won; this request wrote nothing and may be retried.</summary>
public sealed class ConcurrentAttributeWriteException : Exception
{
    public ConcurrentAttributeWriteException()
    {
    }

    public ConcurrentAttributeWriteException(string message)
        : base(message)
    {
    }

    public ConcurrentAttributeWriteException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
