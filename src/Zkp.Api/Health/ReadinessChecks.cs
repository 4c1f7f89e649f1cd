using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Zkp.Api.Infrastructure;
using Zkp.Api.Security;

namespace Zkp.Api.Health;

/// <summary>Ready when the database answers and carries every schema version this build ships.</summary>
public sealed class DatabaseReadyCheck(ZkpDbContext db, SchemaMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }

            var provider = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
            var expected = SchemaMigrator.ScriptsFor(provider).Max(s => s.Version);
            var applied = await migrator.AppliedVersionsAsync(cancellationToken);
            return applied.Count > 0 && applied.Max() >= expected
                ? HealthCheckResult.Healthy("database reachable, schema current")
                : HealthCheckResult.Unhealthy("schema not current");
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // The exception text can name hosts and users; the check result only says what failed.
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}

/// <summary>Ready when the Data Protection key ring can protect and unprotect, and a JWT signing key is loaded.</summary>
public sealed class KeysReadyCheck(IDataProtectionProvider dataProtection, JwtSigningKey signingKey) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var protector = dataProtection.CreateProtector("Zkp.Health.v1");
            var roundTrip = protector.Unprotect(protector.Protect("ready"));
            return Task.FromResult(roundTrip == "ready" && signingKey.Key.KeySize >= 256
                ? HealthCheckResult.Healthy("keys loaded")
                : HealthCheckResult.Unhealthy("keys not usable"));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("data protection keys not usable"));
        }
    }
}
