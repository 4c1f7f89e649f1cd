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
