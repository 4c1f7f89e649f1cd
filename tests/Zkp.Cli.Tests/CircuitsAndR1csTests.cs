using Zkp.Circuits;
using Zkp.Zk.Formats;

namespace Zkp.Cli.Tests;

public sealed class CircuitsAndR1csTests : TempDirectoryTest
{
    [Fact]
    public void Circuits_list_prints_id_constraints_and_public_signals()
    {
        Assert.Equal(
            new CliResult(0,
                "ID                                 CONSTRAINTS  PUBLIC SIGNALS\n" +
                "zkp.claim-range.v1                         567  4 (commitment, lower, upper, binding)\n" +
                "zkp.bench.poseidon-chain-259.v1          62161  1 (digest)\n",
                string.Empty),
            Cli.Run("circuits", "list"));
    }

    [Fact]
    public void R1cs_export_writes_the_circuit_file_whose_hash_it_prints()
    {
        var path = PathOf("claim.r1cs");

        var result = Cli.Run("r1cs", "export", "zkp.claim-range.v1", path);

        Assert.Equal(
            new CliResult(0, $"wrote zkp.claim-range.v1 (567 constraints) to {path}; circuit hash {ClaimCircuits.Range.CircuitHash}\n", string.Empty),
            result);
        Assert.Equal(ClaimCircuits.Range.R1csBytes(), File.ReadAllBytes(path));
    }

    [Fact]
    public void R1cs_export_of_an_unknown_circuit_is_a_usage_error()
    {
        Assert.Equal(
            new CliResult(2, string.Empty, "zkp: unknown circuit 'range_v1'; built-in circuits: zkp.claim-range.v1, zkp.bench.poseidon-chain-259.v1\n"),
            Cli.Run("r1cs", "export", "range_v1", PathOf("x.r1cs")));
        Assert.False(File.Exists(PathOf("x.r1cs")));
    }

    [Fact]
    public void R1cs_export_into_a_missing_directory_is_a_usage_error()
    {
        var path = PathOf("no/such/dir/claim.r1cs");

        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: cannot write '{path}': directory not found\n"),
            Cli.Run("r1cs", "export", "zkp.claim-range.v1", path));
    }

    [Fact]
    public void R1cs_info_prints_what_snarkjs_prints()
    {
        var path = PathOf("claim.r1cs");
        File.WriteAllBytes(path, ClaimCircuits.Range.R1csBytes());

        Assert.Equal(
            new CliResult(0,
                "Curve: bn-128\n# of Wires: 568\n# of Constraints: 567\n# of Private Inputs: 2\n" +
                "# of Public Inputs: 4\n# of Labels: 568\n# of Outputs: 0\n",
                string.Empty),
            Cli.Run("r1cs", "info", path));
    }

    [Fact]
    public void R1cs_info_counts_outputs_of_the_poseidon_chain()
    {
        var path = PathOf("chain.r1cs");
        File.WriteAllBytes(path, CircuitCatalogue.PoseidonChain.R1csBytes());

        var result = Cli.Run("r1cs", "info", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("# of Constraints: 62161\n# of Private Inputs: 2\n# of Public Inputs: 0\n# of Labels: 62164\n# of Outputs: 1\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void R1cs_info_names_a_wrong_magic()
    {
        var path = WriteFile("bad.r1cs", "wtns and then some more bytes");

        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {path}: r1cs: wrong magic: expected 'r1cs', got 'wtns'\n"),
            Cli.Run("r1cs", "info", path));
    }

    [Fact]
    public void R1cs_info_names_a_truncated_file()
    {
        var bytes = ClaimCircuits.Range.R1csBytes();
        var path = PathOf("truncated.r1cs");
        File.WriteAllBytes(path, bytes[..300]);

        Assert.Equal(
            new CliResult(2, string.Empty, $"zkp: {path}: r1cs: file truncated: section type 2 declares 295524 bytes, 200 remain\n"),
            Cli.Run("r1cs", "info", path));
    }

    [Fact]
    public void R1cs_info_of_a_missing_file_is_a_usage_error()
    {
        var path = PathOf("missing.r1cs");

        Assert.Equal(new CliResult(2, string.Empty, $"zkp: cannot read '{path}': file not found\n"), Cli.Run("r1cs", "info", path));
    }

    [Fact]
    public void R1cs_files_round_trip_through_export_and_the_reader()
    {
        var path = PathOf("claim.r1cs");
        Assert.Equal(0, Cli.Run("r1cs", "export", "zkp.claim-range.v1", path).ExitCode);

        var r1cs = R1csFile.ReadFile(path);

        Assert.Equal(ClaimCircuits.Range.Compiled.R1cs.Constraints.Count, r1cs.Constraints.Count);
    }
}
