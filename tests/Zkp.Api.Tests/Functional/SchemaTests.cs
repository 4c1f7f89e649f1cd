using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Zkp.Api.Infrastructure;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

/// <summary>The migrator on both providers, and the EF model against the schema the scripts create.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaTests(PostgresCluster cluster)
{
    private static ZkpDbContext Postgres(string connectionString) =>
        new(new DbContextOptionsBuilder<ZkpDbContext>().UseNpgsql(connectionString).Options);

    private static ZkpDbContext Sqlite(string path) =>
        new(new DbContextOptionsBuilder<ZkpDbContext>().UseSqlite($"Data Source={path};Pooling=false").Options);

    private static SchemaMigrator Migrator(ZkpDbContext db) => new(db, NullLogger<SchemaMigrator>.Instance);

    [Fact]
    public async Task Postgres_upgrades_an_empty_database_and_a_second_run_changes_nothing()
    {
        var connectionString = await cluster.CreateDatabaseAsync("schema");
        await using var db = Postgres(connectionString);
        Assert.Empty(await Migrator(db).AppliedVersionsAsync());
        Assert.Equal([1, 2, 3, 4, 5, 6], await Migrator(db).MigrateAsync());
        var database = db.Database.GetDbConnection().Database;
        var before = await cluster.QueryAsync(database, "select string_agg(table_name || '.' || column_name || ':' || data_type, ',' order by table_name, column_name) from information_schema.columns where table_schema = 'public'");

        Assert.Empty(await Migrator(db).MigrateAsync());
        Assert.Equal([1, 2, 3, 4, 5, 6], await Migrator(db).AppliedVersionsAsync());
        Assert.Equal(before, await cluster.QueryAsync(database, "select string_agg(table_name || '.' || column_name || ':' || data_type, ',' order by table_name, column_name) from information_schema.columns where table_schema = 'public'"));
        Assert.Equal("1|initial\n2|issuers\n3|webhooks\n4|credentials\n5|verification\n6|rate_limits", await cluster.QueryAsync(database, "select version, name from schema_versions order by version"));
    }

    [Fact]
    public async Task Postgres_concurrent_start_ups_apply_each_version_once()
    {
        var connectionString = await cluster.CreateDatabaseAsync("concurrent");
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = Postgres(connectionString);
            return await Migrator(db).MigrateAsync();
        }));
        // Each version is its own transaction, so different nodes may apply different versions; each exactly once.
        Assert.Equal([1, 2, 3, 4, 5, 6], results.SelectMany(applied => applied).Order());
    }

    [Fact]
    public async Task Sqlite_upgrades_an_empty_database_and_a_second_run_changes_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"zkp-schema-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Sqlite(path))
            {
                Assert.Equal([1, 2, 3, 4, 5, 6], await Migrator(db).MigrateAsync());
                Assert.Empty(await Migrator(db).MigrateAsync());
                Assert.Equal([1, 2, 3, 4, 5, 6], await Migrator(db).AppliedVersionsAsync());
            }

            await using var again = Sqlite(path);
            Assert.Empty(await Migrator(again).MigrateAsync());
            await AssertModelMatchesSchemaAsync(again, SqliteColumnsAsync);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Sqlite_concurrent_start_ups_apply_each_version_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"zkp-schema-{Guid.NewGuid():N}.db");
        try
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                await using var db = Sqlite(path);
                return await Migrator(db).MigrateAsync();
            })));
            Assert.Equal([1, 2, 3, 4, 5, 6], results.SelectMany(applied => applied).Order());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Postgres_schema_matches_the_ef_model()
    {
        var connectionString = await cluster.CreateDatabaseAsync("drift");
        await using var db = Postgres(connectionString);
        await Migrator(db).MigrateAsync();
        await AssertModelMatchesSchemaAsync(db, PostgresColumnsAsync);
    }

    /// <summary>Every mapped table exists with exactly the mapped columns and nullability, and no unmapped table exists.</summary>
    private static async Task AssertModelMatchesSchemaAsync(ZkpDbContext db, Func<DbConnection, Task<List<(string Table, string Column, bool Nullable)>>> read)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var actual = await read(connection);
        await connection.CloseAsync();

        var expected = db.Model.GetEntityTypes()
            .SelectMany(entity => entity.GetProperties().Select(p => (Table: entity.GetTableName()!, Column: p.GetColumnName(), Nullable: p.IsNullable)))
            .OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.Column, StringComparer.Ordinal)
            .ToList();
        var actualMapped = actual.Where(c => c.Table != "schema_versions")
            .OrderBy(c => c.Table, StringComparer.Ordinal).ThenBy(c => c.Column, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actualMapped);
    }

    private static async Task<List<(string, string, bool)>> PostgresColumnsAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select table_name, column_name, is_nullable = 'YES' from information_schema.columns where table_schema = 'public'";
        return await ReadAsync(command);
    }

    private static async Task<List<(string, string, bool)>> SqliteColumnsAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "select m.name, p.name, p.\"notnull\" = 0 and p.pk = 0 from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table'";
        return await ReadAsync(command);
    }

    private static async Task<List<(string, string, bool)>> ReadAsync(DbCommand command)
    {
        var rows = new List<(string, string, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), Convert.ToBoolean(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
