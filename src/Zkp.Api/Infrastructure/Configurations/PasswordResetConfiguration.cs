using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

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
