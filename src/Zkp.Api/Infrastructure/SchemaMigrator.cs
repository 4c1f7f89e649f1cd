using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Zkp.Api.Infrastructure;

/// <summary>
/// Applies the versioned SQL scripts embedded under <c>Infrastructure/Schema/{provider}/NNNN_name.sql</c>.
/// Each pending version runs in its own transaction together with its <c>schema_versions</c> row, so a
/// version is either fully applied or not at all. On PostgreSQL the transaction first takes a
/// transaction-scoped advisory lock, so API nodes starting at the same time apply each version once;
/// on SQLite <c>BEGIN IMMEDIATE</c> takes the database write lock for the same effect.
/// </summary>
public sealed partial class SchemaMigrator(ZkpDbContext db, ILogger<SchemaMigrator> logger)
{
    // Any fixed 64-bit number works; it only has to be the same on every node.
    private const long AdvisoryLockKey = 0x5A4B_5053_4348_454D;

    public static IReadOnlyList<SchemaScript> ScriptsFor(DatabaseProvider provider)
    {
        var folder = provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";
        var assembly = typeof(SchemaMigrator).Assembly;
        var prefix = $"Schema/{folder}/";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(script => script.Version)
            .ToList();
    }

    /// <summary>Applies every pending version; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var provider = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var applied = new List<int>();
        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            foreach (var script in ScriptsFor(provider))
            {
                if (await ApplyIfPendingAsync(connection, provider, script, cancellationToken))
                {
                    applied.Add(script.Version);
                    LogApplied(logger, script.Version, script.Name);
                }
            }
        }
        finally
        {
            if (openedHere)
            {
                await connection.CloseAsync();
            }
        }

        return applied;
    }

    /// <summary>The versions recorded in <c>schema_versions</c>, empty when the table does not exist yet.</summary>
    public async Task<IReadOnlyList<int>> AppliedVersionsAsync(CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        var openedHere = connection.State != System.Data.ConnectionState.Open;
        if (openedHere)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
                ? "SELECT to_regclass('schema_versions') IS NOT NULL"
                : "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions'";
            if (!Convert.ToBoolean(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture))
            {
                return [];
            }

            command.CommandText = "SELECT version FROM schema_versions ORDER BY version";
            var versions = new List<int>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            }

            return versions;
        }
        finally
        {
            if (openedHere)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static async Task<bool> ApplyIfPendingAsync(DbConnection connection, DatabaseProvider provider, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;

        if (provider == DatabaseProvider.Postgres)
        {
            command.CommandText = $"SELECT pg_advisory_xact_lock({AdvisoryLockKey.ToString(CultureInfo.InvariantCulture)})";
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.CommandText = "CREATE TABLE IF NOT EXISTS schema_versions (version integer PRIMARY KEY, name text NOT NULL, applied_utc timestamptz NOT NULL DEFAULT now())";
        }
        else
        {
            command.CommandText = "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)";
        }

        await command.ExecuteNonQueryAsync(cancellationToken);

        // Checked after the lock: a node that waited sees the version another node just committed.
        command.CommandText = $"SELECT count(*) FROM schema_versions WHERE version = {script.Version.ToString(CultureInfo.InvariantCulture)}";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        command.CommandText = script.Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);

        command.CommandText = "INSERT INTO schema_versions (version, name) VALUES (@version, @name)";
        var version = command.CreateParameter();
        version.ParameterName = "@version";
        version.Value = script.Version;
        var name = command.CreateParameter();
        name.ParameterName = "@name";
        name.Value = script.Name;
        command.Parameters.Add(version);
        command.Parameters.Add(name);
        await command.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static SchemaScript Load(Assembly assembly, string resourceName, string fileStem)
    {
        var separator = fileStem.IndexOf('_', StringComparison.Ordinal);
        if (separator <= 0 || !int.TryParse(fileStem[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"Schema script '{resourceName}' must be named NNNN_description.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new SchemaScript(version, fileStem[(separator + 1)..], reader.ReadToEnd());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema version {Version} ({Name})")]
    private static partial void LogApplied(ILogger logger, int version, string name);
}

public sealed record SchemaScript(int Version, string Name, string Sql);

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
