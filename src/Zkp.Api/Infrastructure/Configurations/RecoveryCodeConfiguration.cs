using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

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
