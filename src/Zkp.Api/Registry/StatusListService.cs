using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Options;
using Zkp.Api.Security;
using Zkp.Credentials.Status;

namespace Zkp.Api.Registry;

/// <summary>
/// Per-issuer Bitstring Status Lists (purpose <c>revocation</c>, 131,072 entries): allocation of indexes that are
/// never reused, revocation (setting a bit), and the signed list credential.
/// </summary>
/// <remarks>
/// Allocation is serialised per issuer: on PostgreSQL by a row lock on the issuer (<c>SELECT ... FOR UPDATE</c>) held
/// until commit, on SQLite by the database write lock that <c>BEGIN IMMEDIATE</c> (the default of Microsoft.Data.Sqlite
/// transactions) takes. The allocated-index bitmap is written in the same transaction, so two callers never get the same index.
/// </remarks>
public sealed class StatusListService(ZkpDbContext db, KeyVault vault, IOptions<RegistryOptions> options, TimeProvider time)
{
    public const string RevocationPurpose = "revocation";

    private bool IsPostgres => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    public string CredentialUrl(Guid listId) => $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/v1/status-lists/{listId}";

    /// <summary>Hands out a fresh (list, index) for a credential of this issuer, creating a new list when the current one is full.</summary>
    /// <exception cref="InvalidOperationException">The issuer does not exist or is not active.</exception>
    /// <remarks>Joins the caller's transaction when one is open (then the index is handed out only if the caller commits).</remarks>
    public async Task<StatusListAllocation> AllocateAsync(Guid issuerId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginUnlessAmbientAsync(cancellationToken);
        if (IsPostgres)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM issuers WHERE id = {issuerId} FOR UPDATE", cancellationToken);
        }

        var status = await db.Issuers.Where(i => i.Id == issuerId).Select(i => i.Status).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Issuer {issuerId} does not exist.");
        if (status != IssuerStatuses.Active)
        {
            throw new InvalidOperationException($"Issuer {issuerId} is {status}; only active issuers issue credentials.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var list = await db.StatusLists
            .Where(s => s.IssuerId == issuerId && s.StatusPurpose == RevocationPurpose && s.AllocatedCount < s.Length)
            .OrderBy(s => s.CreatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
        if (list is null)
        {
            var length = BitstringStatusList.MinimumLength;
            list = new StatusList
            {
                Id = Guid.NewGuid(),
                IssuerId = issuerId,
                StatusPurpose = RevocationPurpose,
                Length = length,
                Bits = new byte[length / 8],
                AllocatedBits = new byte[length / 8],
                CreatedUtc = now,
                UpdatedUtc = now,
            };
            db.StatusLists.Add(list);
        }

        var allocator = new StatusListIndexAllocator(list.Length);
        var allocated = list.AllocatedBits;
        for (var index = 0; index < list.Length; index++)
        {
            if ((allocated[index >> 3] & (0x80 >> (index & 7))) != 0)
            {
                allocator.MarkAllocated(index);
            }
        }

        var fresh = allocator.Allocate();
        var updated = (byte[])allocated.Clone();
        updated[fresh >> 3] |= (byte)(0x80 >> (fresh & 7));
        list.AllocatedBits = updated;
        list.AllocatedCount = allocator.Allocated;
        await db.SaveChangesAsync(cancellationToken);
        await CommitIfOwnedAsync(transaction, cancellationToken);
        return new StatusListAllocation(list.Id, fresh, CredentialUrl(list.Id));
    }

    /// <summary>Sets the index's bit (revoked). Idempotent: returns false when it was already set.</summary>
    /// <exception cref="InvalidOperationException">No such list, or the index was never allocated.</exception>
    /// <remarks>Joins the caller's transaction when one is open.</remarks>
    public async Task<bool> RevokeAsync(Guid listId, int index, CancellationToken cancellationToken = default)
    {
        await using var transaction = await BeginUnlessAmbientAsync(cancellationToken);
        if (IsPostgres)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM status_lists WHERE id = {listId} FOR UPDATE", cancellationToken);
        }

        var list = await db.StatusLists.SingleOrDefaultAsync(s => s.Id == listId, cancellationToken)
            ?? throw new InvalidOperationException($"Status list {listId} does not exist.");
        if (index < 0 || index >= list.Length || (list.AllocatedBits[index >> 3] & (0x80 >> (index & 7))) == 0)
        {
            throw new InvalidOperationException($"Index {index} of status list {listId} was never allocated.");
        }

        var mask = (byte)(0x80 >> (index & 7));
        if ((list.Bits[index >> 3] & mask) != 0)
        {
            return false;
        }

        var bits = (byte[])list.Bits.Clone();
        bits[index >> 3] |= mask;
        list.Bits = bits;
        list.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await CommitIfOwnedAsync(transaction, cancellationToken);
        return true;
    }

    // A transaction of our own, or null inside the caller's (whose commit or rollback then decides for our changes too).
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginUnlessAmbientAsync(CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    private static async Task CommitIfOwnedAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The list credential signed with eddsa-jcs-2022 by the issuer's key. validFrom and the proof's created are the
    /// list's last change, and Ed25519 and JCS are deterministic, so the same state always gives the same bytes and ETag.
    /// Served whatever the issuer's status: verifiers must still see revocations of a suspended issuer.
    /// </summary>
    public async Task<SignedStatusList?> GetSignedAsync(Guid listId, CancellationToken cancellationToken = default)
    {
        var found = await db.StatusLists.AsNoTracking()
            .Where(s => s.Id == listId)
            .Join(db.Issuers, s => s.IssuerId, i => i.Id, (s, i) => new { List = s, i.Did, i.SigningSeedProtected })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var list = new BitstringStatusList(found.List.Length);
        for (var index = 0; index < found.List.Length; index++)
        {
            if ((found.List.Bits[index >> 3] & (0x80 >> (index & 7))) != 0)
            {
                list[index] = true;
            }
        }

        var changed = new DateTimeOffset(DateTime.SpecifyKind(found.List.UpdatedUtc, DateTimeKind.Utc));
        // Whole seconds: the credential's dates are XML dateTimes, and the ETag must not depend on sub-second storage precision.
        changed = changed.AddTicks(-(changed.Ticks % TimeSpan.TicksPerSecond));
        var unsigned = StatusListCredential.Create(CredentialUrl(listId), found.Did, found.List.StatusPurpose, list, changed);
        JsonObject signed;
        using (var key = vault.UnprotectIssuerKey(found.SigningSeedProtected))
        {
            signed = StatusListCredential.Sign(unsigned, key, changed);
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(signed);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 16)) + "\"";
        return new SignedStatusList(bytes, etag);
    }
}

public sealed record StatusListAllocation(Guid ListId, int Index, string StatusListCredential);

public sealed record SignedStatusList(byte[] Json, string ETag);
