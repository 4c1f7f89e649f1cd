using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

internal sealed class IssuanceJobConfiguration : IEntityTypeConfiguration<IssuanceJob>
{
    public void Configure(EntityTypeBuilder<IssuanceJob> builder)
    {
        builder.ToTable("issuance_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.Status).HasMaxLength(16);
        builder.Property(j => j.FailureCode).HasMaxLength(64);
        builder.Property(j => j.FailureDetail).HasMaxLength(500);
        builder.HasIndex(j => new { j.Status, j.CreatedUtc });
        builder.HasIndex(j => j.MemberAccountId);
        builder.HasOne<Account>().WithMany().HasForeignKey(j => j.MemberAccountId);
    }
}
