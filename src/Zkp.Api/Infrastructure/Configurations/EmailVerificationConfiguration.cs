using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Zkp.Api.Model;

namespace Zkp.Api.Infrastructure.Configurations;

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
