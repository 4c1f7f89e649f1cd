using System.Buffers.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Options;
using Zkp.Api.Security;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;

namespace Zkp.Api.Registry;

/// <summary>
/// Members' holder DIDs. A custodial did:key is created lazily, the first time it is asked for (so members who
/// never need one cost nothing); a member may replace it with a wallet DID by signing a server challenge.
/// </summary>
public sealed class MemberKeyService(ZkpDbContext db, KeyVault vault, IOptions<RegistryOptions> options, TimeProvider time)
{
    public const string ChallengePrefix = "zkp-wallet-binding:";

    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public async Task<MemberKey> GetOrCreateAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var existing = await db.MemberKeys.AsNoTracking().SingleOrDefaultAsync(k => k.AccountId == accountId, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        using var key = Ed25519PrivateKey.Generate();
        var now = UtcNow;
        var created = new MemberKey
        {
            AccountId = accountId,
            Did = DidKey.FromPublicKey(key.PublicKey).Did,
            HolderKeyCustody = HolderKeyCustody.Custodial,
            SeedProtected = vault.ProtectMemberKey(key),
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        db.MemberKeys.Add(created);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return created;
        }
        catch (DbUpdateException)
        {
            // Two first requests raced; the primary key let one win, and everyone uses the winner's key.
            db.Entry(created).State = EntityState.Detached;
            return await db.MemberKeys.AsNoTracking().SingleAsync(k => k.AccountId == accountId, cancellationToken);
        }
    }

    /// <summary>The custodial signing key, or null when the member's key is in their wallet. The caller disposes it.</summary>
    public async Task<Ed25519PrivateKey?> CustodialKeyAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var key = await GetOrCreateAsync(accountId, cancellationToken);
        return key.SeedProtected is null ? null : vault.UnprotectMemberKey(key.SeedProtected);
    }

    public async Task<(string Challenge, DateTime ExpiresUtc)> CreateChallengeAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var challenge = ChallengePrefix + SecretHashing.RandomToken();
        var now = UtcNow;
        var expires = now.AddSeconds(options.Value.WalletChallengeSeconds);
        db.WalletChallenges.Add(new WalletChallenge
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            ChallengeHash = SecretHashing.Sha256(challenge),
            CreatedUtc = now,
            ExpiresUtc = expires,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (challenge, expires);
    }

    /// <summary>
    /// Consumes the challenge (any attempt uses it up, so a wrong signature cannot be retried against it), then
    /// verifies <paramref name="signature"/> over the challenge's UTF-8 bytes with the did:key's Ed25519 key.
    /// The DID must already be parsed by the caller.
    /// </summary>
    public async Task<WalletBindingResult> BindWalletAsync(Guid accountId, DidKey wallet, string challenge, byte[] signature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wallet);
        ArgumentNullException.ThrowIfNull(challenge);
        var hash = SecretHashing.Sha256(challenge);
        var now = UtcNow;
        var stored = await db.WalletChallenges.SingleOrDefaultAsync(c => c.ChallengeHash == hash && c.AccountId == accountId, cancellationToken);
        if (stored is null || stored.ConsumedUtc is not null)
        {
            return WalletBindingResult.InvalidChallenge;
        }

        stored.ConsumedUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        if (stored.ExpiresUtc <= now)
        {
            return WalletBindingResult.ChallengeExpired;
        }

        if (!wallet.PublicKey.Verify(System.Text.Encoding.UTF8.GetBytes(challenge), signature))
        {
            return WalletBindingResult.InvalidSignature;
        }

        if (await db.MemberKeys.AnyAsync(k => k.Did == wallet.Did && k.AccountId != accountId, cancellationToken))
        {
            return WalletBindingResult.DidTaken;
        }

        var key = await db.MemberKeys.SingleOrDefaultAsync(k => k.AccountId == accountId, cancellationToken);
        if (key is null)
        {
            db.MemberKeys.Add(new MemberKey { AccountId = accountId, Did = wallet.Did, HolderKeyCustody = HolderKeyCustody.Wallet, CreatedUtc = now, UpdatedUtc = now });
        }
        else
        {
            key.Did = wallet.Did;
            key.HolderKeyCustody = HolderKeyCustody.Wallet;
            key.SeedProtected = null; // the custodial key must not sign for the member any more
            key.UpdatedUtc = now;
        }

        db.AuditEvents.Add(new Actor(accountId, null).Event(AuditActions.MemberWalletBound, now, memberAccountId: accountId));
        await db.SaveChangesAsync(cancellationToken);
        return WalletBindingResult.Bound;
    }

    /// <summary>Accepts a 64-byte signature as base64url (unpadded or padded) or as multibase (<c>z</c> base58btc, <c>u</c> base64url).</summary>
    public static bool TryDecodeSignature(string? text, out byte[] signature)
    {
        signature = [];
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        // 64 bytes are 86 base64url characters; a multibase base58btc signature is longer (88 or 89), so the
        // length decides, and a plain base64url signature that happens to start with 'z' or 'u' is read correctly.
        byte[] decoded;
        var unpadded = text.Length == 88 && text.EndsWith("==", StringComparison.Ordinal) ? text[..86] : text;
        if (unpadded.Length == 86 || (unpadded.Length == 87 && unpadded[0] == 'u'))
        {
            var body = unpadded.Length == 87 ? unpadded[1..] : unpadded;
            if (!Base64Url.IsValid(body))
            {
                return false;
            }

            decoded = Base64Url.DecodeFromChars(body);
        }
        else if (!Multibase.TryDecodeBase58Btc(text, out decoded, out _))
        {
            return false;
        }

        if (decoded.Length != Ed25519PublicKey.SignatureSize)
        {
            return false;
        }

        signature = decoded;
        return true;
    }
}

public enum WalletBindingResult
{
    Bound,
    InvalidChallenge,
    ChallengeExpired,
    InvalidSignature,
    DidTaken,
}
