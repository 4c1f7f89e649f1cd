using Zkp.Testing;

namespace Zkp.Api.Tests;

public sealed class PostgresClusterTests
{
    [Fact]
    public async Task Cluster_starts_creates_databases_and_is_removed_on_dispose()
    {
        var cluster = new PostgresCluster();
        await cluster.InitializeAsync();
        string database;
        try
        {
            var connectionString = await cluster.CreateDatabaseAsync("harness");
            database = connectionString.Split(';').Single(part => part.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];

            var version = await cluster.QueryAsync(database, "select current_setting('server_version_num')::int / 10000");
            Assert.True(int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) >= 15, $"server version {version}");
            Assert.Equal("on", await cluster.QueryAsync(database, "select case when inet_server_addr() = '127.0.0.1' then 'on' else 'off' end"));
            Assert.Equal("1", await cluster.QueryAsync(database, "select count(*) from pg_database where datname = current_database()"));
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        Assert.False(Directory.Exists(cluster.RootDirectory), "the cluster directory is removed on dispose");
    }
}
