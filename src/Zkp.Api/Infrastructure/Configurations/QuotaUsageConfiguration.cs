using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

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
