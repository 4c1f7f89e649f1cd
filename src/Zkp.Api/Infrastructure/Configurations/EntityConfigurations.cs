using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Email).HasMaxLength(320);
        builder.HasIndex(a => a.Email).IsUnique();
        builder.Property(a => a.FullName).HasMaxLength(200);
        builder.Property(a => a.Role).HasMaxLength(32);
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId);
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organizations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.VerifierType).HasMaxLength(32);
        builder.Property(o => o.Plan).HasMaxLength(32);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasIndex(k => k.OrganizationId);
        builder.Property(k => k.DisplayPrefix).HasMaxLength(32);
        builder.HasOne<Organization>().WithMany().HasForeignKey(k => k.OrganizationId);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId);
    }
}

internal sealed class EmailVerificationConfiguration : IEntityTypeConfiguration<EmailVerification>
{
    public void Configure(EntityTypeBuilder<EmailVerification> builder)
    {
        builder.ToTable("email_verifications");
        builder.HasKey(v => v.Id);
        builder.HasIndex(v => v.CodeHash);
        builder.HasIndex(v => v.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.AccountId);
    }
}

internal sealed class PasswordResetConfiguration : IEntityTypeConfiguration<PasswordReset>
{
    public void Configure(EntityTypeBuilder<PasswordReset> builder)
    {
        builder.ToTable("password_resets");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId);
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.ToTable("recovery_codes");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.AccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId);
    }
}

internal sealed class QuotaUsageConfiguration : IEntityTypeConfiguration<QuotaUsage>
{
    public void Configure(EntityTypeBuilder<QuotaUsage> builder)
    {
        builder.ToTable("quota_usage");
        builder.HasKey(q => new { q.OrganizationId, q.MonthKey });
        builder.Property(q => q.MonthKey).HasMaxLength(7);
        builder.HasOne<Organization>().WithMany().HasForeignKey(q => q.OrganizationId);
    }
}
