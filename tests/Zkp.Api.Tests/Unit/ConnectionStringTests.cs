using Npgsql;
using Zkp.Api.Extensions;

namespace Zkp.Api.Tests.Unit;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Auto_prepare_is_added_when_the_string_does_not_set_it()
    {
        var result = new NpgsqlConnectionStringBuilder(ServiceRegistration.WithAutoPrepare("Host=db;Database=zkp;Username=zkp;Password=secret"));
        Assert.Equal(64, result.MaxAutoPrepare);
        Assert.Equal("db", result.Host);
        Assert.Equal("zkp", result.Database);
        Assert.Equal("secret", result.Password);
    }

    [Theory]
    [InlineData("Host=db;Password=Max Auto Prepare", 64)]
    [InlineData("Host=db;Password=\"MaxAutoPrepare=1\"", 64)]
    [InlineData("Host=db;max auto prepare=3", 3)]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Max Auto Prepare=5", 5)]
    [InlineData("Host=db;MaxAutoPrepare=7", 7)]
    public void An_explicit_setting_is_kept_and_only_an_explicit_setting(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(ServiceRegistration.WithAutoPrepare(connectionString)).MaxAutoPrepare);
}
