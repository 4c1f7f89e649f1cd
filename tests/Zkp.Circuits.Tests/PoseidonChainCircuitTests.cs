using Zkp.Bn254;
using Zkp.Zk.Std;

namespace Zkp.Circuits.Tests;

public sealed class PoseidonChainCircuitTests
{
    [Fact]
    public void Has_259_hashes_of_240_constraints_plus_the_output()
    {
        var r1cs = CircuitCatalogue.PoseidonChain.Compiled.R1cs;

        Assert.Equal((259 * 240) + 1, r1cs.Constraints.Count);
        Assert.Equal(1, r1cs.PublicOutputCount);
        Assert.Equal(0, r1cs.PublicInputCount);
        Assert.Equal(2, r1cs.PrivateInputCount);
    }

    [Fact]
    public void Digest_is_the_native_poseidon_chain()
    {
        var seed = Fr.FromUInt64(12345);
        var key = Fr.Parse("777777777777777777777777777777");
        var expected = seed;
        for (int i = 0; i < 259; i++)
        {
            expected = Poseidon.Hash(expected, key);
        }

        var witness = CircuitCatalogue.PoseidonChain.Solve(new Dictionary<string, Fr> { ["seed"] = seed, ["key"] = key });

        Assert.Equal([expected], witness.PublicSignals());
        Assert.Equal(["digest"], CircuitCatalogue.PoseidonChain.PublicSignalNames);
        Assert.Equal(-1, CircuitCatalogue.PoseidonChain.Compiled.R1cs.FindFirstUnsatisfied(witness.Values));
    }

    // Expected digests computed with iden3/circomlibjs 0.1.7 buildPoseidonReference():
    // h = seed; 259 times h = poseidon([h, key]).
    [Theory]
    [InlineData("1", "2", "11375717404428386626527723545486569339702534793672666938519626603410879379078")]
    [InlineData("12345", "777777777777777777777777777777", "19894404690128425183221926181864009624108793688366481277720695014707320738032")]
    public void Digest_matches_circomlibjs(string seed, string key, string expected)
    {
        var witness = CircuitCatalogue.PoseidonChain.Solve(new Dictionary<string, Fr> { ["seed"] = Fr.Parse(seed), ["key"] = Fr.Parse(key) });

        Assert.Equal([Fr.Parse(expected)], witness.PublicSignals());
    }
}
