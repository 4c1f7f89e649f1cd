using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

internal sealed class QrTokenConfiguration : IEntityTypeConfiguration<QrToken>
{
    public void Configure(EntityTypeBuilder<QrToken> builder)
    {
        builder.ToTable("qr_tokens");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.HasIndex(q => q.TokenHash).IsUnique();
        builder.HasIndex(q => q.MemberAccountId);
        builder.Property(q => q.MemberDid).HasMaxLength(128);
        builder.Property(q => q.Challenge).HasMaxLength(64);
        builder.Property(q => q.Domain).HasMaxLength(256);
        builder.HasOne<Account>().WithMany().HasForeignKey(q => q.MemberAccountId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(q => q.AudienceOrganizationId);
    }
}

internal sealed class VerificationRecordConfiguration : IEntityTypeConfiguration<VerificationRecord>
{
    public void Configure(EntityTypeBuilder<VerificationRecord> builder)
    {
        builder.ToTable("verifications");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.MemberDid).HasMaxLength(128);
        builder.Property(v => v.FailedStep).HasMaxLength(32);
        builder.Property(v => v.FailureCode).HasMaxLength(64);
        builder.HasIndex(v => new { v.LenderOrganizationId, v.VerifiedUtc });
        builder.HasIndex(v => v.TokenHash);
        builder.HasOne<Organization>().WithMany().HasForeignKey(v => v.LenderOrganizationId);
    }
}

internal sealed class UsedChallengeConfiguration : IEntityTypeConfiguration<UsedChallenge>
{
    public void Configure(EntityTypeBuilder<UsedChallenge> builder)
    {
        builder.ToTable("used_challenges");
        builder.HasKey(c => new { c.Domain, c.Challenge });
        builder.Property(c => c.Domain).HasMaxLength(256);
        builder.Property(c => c.Challenge).HasMaxLength(64);
    }
}
