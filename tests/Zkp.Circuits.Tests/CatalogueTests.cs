namespace Zkp.Circuits.Tests;

public sealed class CatalogueTests
{
    [Fact]
    public void Claim_circuits_hold_only_the_range_circuit()
    {
        Assert.Equal(["zkp.claim-range.v1"], ClaimCircuits.All.Select(c => c.Id));
        Assert.True(ClaimCircuits.TryGet("zkp.claim-range.v1", out var range));
        Assert.Same(ClaimCircuits.Range, range);
        Assert.False(ClaimCircuits.TryGet(CircuitCatalogue.PoseidonChain.Id, out _));
    }

    [Fact]
    public void Catalogue_finds_every_built_in_circuit_by_exact_id()
    {
        Assert.Equal(["zkp.claim-range.v1", "zkp.bench.poseidon-chain-259.v1"], CircuitCatalogue.All.Select(c => c.Id));
        Assert.Same(CircuitCatalogue.PoseidonChain, CircuitCatalogue.Get("zkp.bench.poseidon-chain-259.v1"));
        Assert.False(CircuitCatalogue.TryGet("ZKP.CLAIM-RANGE.V1", out _));
        Assert.False(CircuitCatalogue.TryGet(null, out _));
        var error = Assert.Throws<KeyNotFoundException>(() => CircuitCatalogue.Get("range_v1"));
        Assert.Equal("unknown circuit 'range_v1'; built-in circuits: zkp.claim-range.v1, zkp.bench.poseidon-chain-259.v1", error.Message);
    }
}
