using Zkp.Testing;

namespace Zkp.Zk.Tests;

/// <summary>
/// One snarkjs installation (from the pinned lock file, into this test project's output) shared by
/// every interop test class in this assembly.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SnarkjsCollection : ICollectionFixture<Snarkjs>
{
    public const string Name = "snarkjs";
}
