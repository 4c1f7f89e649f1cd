using Microsoft.EntityFrameworkCore;
using Zkp.Api.Apis;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Security;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;

namespace Zkp.Api.Registry;

/// <summary>Creates issuers with their key pair, changes their status, and creates their admins and API keys. Callers validate input.</summary>
public sealed class IssuerService(ZkpDbContext db, KeyVault vault, AccountService accounts, TimeProvider time)
{
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public Task<bool> CharterExistsAsync(string charter, CancellationToken cancellationToken) =>
        db.Issuers.AnyAsync(i => i.NcuaCharter == charter, cancellationToken);

    /// <summary>Generates the issuer's Ed25519 key pair; the seed is stored only in protected form.</summary>
    public async Task<Issuer> CreateAsync(string name, string charter, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = UtcNow;
        using var key = Ed25519PrivateKey.Generate();
        var issuer = new Issuer
        {
            Id = Guid.NewGuid(),
            Did = DidKey.FromPublicKey(key.PublicKey).Did,
            Name = name,
            NcuaCharter = charter,
            Status = IssuerStatuses.Active,
            PublicKey = key.PublicKey.ToArray(),
            SigningSeedProtected = vault.ProtectIssuerKey(key),
            CreatedUtc = now,
        };
        db.Organizations.Add(new Organization
        {
            Id = issuer.Id,
            Name = name,
            VerifierType = "credit_union",
            Plan = Plans.Enterprise,
            IsSandbox = false,
            CreatedUtc = now,
        });
        db.Issuers.Add(issuer);
        db.AuditEvents.Add(actor.Event(AuditActions.IssuerCreated, now, issuer.Id));
        await db.SaveChangesAsync(cancellationToken);
        return issuer;
    }

    /// <summary>Returns false when the issuer already had this status (nothing is written or audited then).</summary>
    public async Task<bool> SetStatusAsync(Issuer issuer, string status, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(actor);
        if (issuer.Status == status)
        {
            return false;
        }

        issuer.Status = status;
        db.AuditEvents.Add(actor.Event(AuditActions.IssuerStatusChanged, UtcNow, issuer.Id, fields: status));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>An issuer admin is an account with role issuer_admin whose organisation is the issuer.</summary>
    public async Task<Account> CreateAdminAsync(Issuer issuer, string email, string password, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(actor);
        var account = accounts.NewAccount(email, password, Roles.IssuerAdmin, fullName: null, issuer.Id);
        account.EmailVerified = true;
        db.Accounts.Add(account);
        db.AuditEvents.Add(actor.Event(AuditActions.IssuerAdminCreated, UtcNow, issuer.Id));
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>An API key for the issuer's core banking system; the API-key handler gives it the issuer_admin role.</summary>
    public async Task<string> CreateApiKeyAsync(Issuer issuer, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(actor);
        var key = ApiKeys.Generate(sandbox: false);
        var now = UtcNow;
        db.ApiKeys.Add(new ApiKey { Id = Guid.NewGuid(), OrganizationId = issuer.Id, KeyHash = key.Hash, DisplayPrefix = key.DisplayPrefix, CreatedUtc = now });
        db.AuditEvents.Add(actor.Event(AuditActions.IssuerApiKeyCreated, now, issuer.Id));
        await db.SaveChangesAsync(cancellationToken);
        return key.Key;
    }

    /// <summary>The issuer's signing key; the caller disposes it. Does not check the issuer's status.</summary>
    public Ed25519PrivateKey SigningKey(Issuer issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return vault.UnprotectIssuerKey(issuer.SigningSeedProtected);
    }
}
