using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> builder)
    {
        builder.ToTable("credentials");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.ClaimType).HasMaxLength(32);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.HasIndex(c => new { c.MemberAccountId, c.IssuedUtc });
        builder.HasIndex(c => c.IssuerId);
        builder.HasIndex(c => new { c.StatusListId, c.StatusListIndex }).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.MemberAccountId);
        builder.HasOne<Issuer>().WithMany().HasForeignKey(c => c.IssuerId);
        builder.HasOne<StatusList>().WithMany().HasForeignKey(c => c.StatusListId);
    }
}
