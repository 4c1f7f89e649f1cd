using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

internal sealed class IssuerConfiguration : IEntityTypeConfiguration<Issuer>
{
    public void Configure(EntityTypeBuilder<Issuer> builder)
    {
        builder.ToTable("issuers");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Did).HasMaxLength(128);
        builder.HasIndex(i => i.Did).IsUnique();
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.NcuaCharter).HasMaxLength(16);
        builder.HasIndex(i => i.NcuaCharter).IsUnique();
        builder.Property(i => i.Status).HasMaxLength(16);
        builder.HasOne<Organization>().WithOne().HasForeignKey<Issuer>(i => i.Id);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.HasIndex(a => a.IssuerId);
        builder.HasIndex(a => a.MemberAccountId);
    }
}

internal sealed class MemberAttributesConfiguration : IEntityTypeConfiguration<MemberAttributes>
{
    public void Configure(EntityTypeBuilder<MemberAttributes> builder)
    {
        builder.ToTable("member_attributes");
        builder.HasKey(m => m.MemberAccountId);
        builder.Property(m => m.MemberAccountId).ValueGeneratedNever();
        builder.Property(m => m.MembershipStatus).HasMaxLength(16);
        builder.Property(m => m.EmploymentStatus).HasMaxLength(32);
        builder.HasOne<Account>().WithOne().HasForeignKey<MemberAttributes>(m => m.MemberAccountId);
        builder.HasOne<Issuer>().WithMany().HasForeignKey(m => m.IssuerId);
    }
}

internal sealed class MemberKeyConfiguration : IEntityTypeConfiguration<MemberKey>
{
    public void Configure(EntityTypeBuilder<MemberKey> builder)
    {
        builder.ToTable("member_keys");
        builder.HasKey(m => m.AccountId);
        builder.Property(m => m.AccountId).ValueGeneratedNever();
        builder.Property(m => m.Did).HasMaxLength(128);
        builder.HasIndex(m => m.Did).IsUnique();
        builder.Property(m => m.HolderKeyCustody).HasMaxLength(16);
        builder.HasOne<Account>().WithOne().HasForeignKey<MemberKey>(m => m.AccountId);
    }
}

internal sealed class WalletChallengeConfiguration : IEntityTypeConfiguration<WalletChallenge>
{
    public void Configure(EntityTypeBuilder<WalletChallenge> builder)
    {
        builder.ToTable("wallet_challenges");
        builder.HasKey(w => w.Id);
        builder.HasIndex(w => w.ChallengeHash).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(w => w.AccountId);
    }
}

internal sealed class StatusListConfiguration : IEntityTypeConfiguration<StatusList>
{
    public void Configure(EntityTypeBuilder<StatusList> builder)
    {
        builder.ToTable("status_lists");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.StatusPurpose).HasMaxLength(16);
        builder.HasIndex(s => s.IssuerId);
        builder.HasOne<Issuer>().WithMany().HasForeignKey(s => s.IssuerId);
    }
}
