using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Apis;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Options;
using Zkp.Api.Security;

namespace Zkp.Api.Registry;

/// <summary>
/// Start-up data, idempotent (an existing row is never changed, so restarting never resets a password):
/// the platform admin from <c>Admin:Email</c>/<c>Admin:Password</c>; and, only for the embedded default
/// (SQLite in Development), a demo credit union with an issuer admin and a demo platform admin.
/// </summary>
public sealed partial class RegistrySeeder(
    ZkpDbContext db, AccountService accounts, IssuerService issuers, IOptions<AdminOptions> admin, IHostEnvironment environment, ILogger<RegistrySeeder> logger)
{
    public const string DemoIssuerName = "Demo Federal Credit Union";
    public const string DemoIssuerCharter = "60001";
    public const string DemoIssuerAdminEmail = "admin@demo-fcu.example";
    public const string DemoIssuerAdminPassword = "DemoIssuer!2026pass";
    public const string DemoPlatformAdminEmail = "platform-admin@zkp.example";
    public const string DemoPlatformAdminPassword = "DemoPlatform!2026pass";

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var configured = admin.Value;
        if (!string.IsNullOrWhiteSpace(configured.Email) && !string.IsNullOrEmpty(configured.Password))
        {
            var problems = PasswordPolicy.Check(configured.Password, configured.Email);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException("Admin:Password does not meet the password policy: " + string.Join(" ", problems));
            }

            await EnsureAccountAsync(configured.Email, configured.Password, Roles.PlatformAdmin, null, cancellationToken);
        }

        var isSqlite = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";
        if (!isSqlite || !environment.IsDevelopment())
        {
            return;
        }

        await EnsureAccountAsync(DemoPlatformAdminEmail, DemoPlatformAdminPassword, Roles.PlatformAdmin, null, cancellationToken);
        var demo = await db.Issuers.AsNoTracking().SingleOrDefaultAsync(i => i.NcuaCharter == DemoIssuerCharter, cancellationToken)
            ?? await issuers.CreateAsync(DemoIssuerName, DemoIssuerCharter, Actor.System, cancellationToken);
        await EnsureAccountAsync(DemoIssuerAdminEmail, DemoIssuerAdminPassword, Roles.IssuerAdmin, demo.Id, cancellationToken);
    }

    private async Task EnsureAccountAsync(string email, string password, string role, Guid? organizationId, CancellationToken cancellationToken)
    {
        var existing = await accounts.FindByEmailAsync(email, cancellationToken);
        if (existing is not null)
        {
            if (existing.Role != role)
            {
                LogRoleMismatch(logger, role, existing.Role);
            }

            return;
        }

        var account = accounts.NewAccount(email, password, role, fullName: null, organizationId);
        account.EmailVerified = true;
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        LogCreated(logger, role);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the seeded {Role} account")]
    private static partial void LogCreated(ILogger logger, string role);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A seeded {Role} account was not created: the email belongs to an existing {ExistingRole} account")]
    private static partial void LogRoleMismatch(ILogger logger, string role, string existingRole);
}
