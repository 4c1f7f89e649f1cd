using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

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
