using Zkp.Testing;

namespace Zkp.Api.Tests;

/// <summary>One PostgreSQL cluster for every functional test class; each test gets its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresCluster>
{
    public const string Name = "postgres";
}
