using System.Text;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure;

public sealed class ZkpDbContext(DbContextOptions<ZkpDbContext> options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<EmailVerification> EmailVerifications => Set<EmailVerification>();

    public DbSet<PasswordReset> PasswordResets => Set<PasswordReset>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<QuotaUsage> QuotaUsages => Set<QuotaUsage>();

    public DbSet<Issuer> Issuers => Set<Issuer>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<MemberAttributes> MemberAttributes => Set<MemberAttributes>();

    public DbSet<MemberKey> MemberKeys => Set<MemberKey>();

    public DbSet<WalletChallenge> WalletChallenges => Set<WalletChallenge>();

    public DbSet<StatusList> StatusLists => Set<StatusList>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<Credential> Credentials => Set<Credential>();

    public DbSet<IssuanceJob> IssuanceJobs => Set<IssuanceJob>();
    public DbSet<QrToken> QrTokens => Set<QrToken>();

    public DbSet<VerificationRecord> Verifications => Set<VerificationRecord>();

    public DbSet<UsedChallenge> UsedChallenges => Set<UsedChallenge>();

    public DbSet<RateLimitWindow> RateLimitWindows => Set<RateLimitWindow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ZkpDbContext).Assembly);

        // The SQL schema scripts are written by hand in snake_case; name everything the same way
        // here instead of repeating HasColumnName in every configuration.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
