namespace Zkp.Cli.Tests;

public sealed class DispatcherTests
{
    private const string GeneralHelp =
        "zkp: zero-knowledge claim tooling (BN254, snarkjs-compatible files)\n\n" +
        "usage: zkp <command> [arguments]\n\n" +
        "commands:\n" +
        "  circuits list                                         list the built-in circuits\n" +
        "  r1cs export <circuit-id> <out.r1cs>                   write a built-in circuit as a snarkjs .r1cs file\n" +
        "  r1cs info <file.r1cs>                                 print the facts 'snarkjs r1cs info' prints\n" +
        "  wtns calculate <circuit-id> <input.json> <out.wtns>   solve a built-in circuit's witness from input.json\n" +
        "  vc inspect <file>                                     summarise a claim credential or a presentation\n" +
        "  vc verify <presentation.json> [options]               run the six-step verifier pipeline on a presentation\n" +
        "  vc sign <document.json> <seed-file> [options]         sign a claim credential (issuer) or a presentation (holder)\n" +
        "  claim input <value> <lower> <upper> <credential-id>   print an input.json for the claim circuit\n" +
        "  groth16 verify <verification_key.json> <public.json> <proof.json>\n" +
        "                                                        verify a Groth16 proof (as 'snarkjs groth16 verify')\n" +
        "  groth16 prove <circuit.zkey> <witness.wtns> <proof.json> <public.json>\n" +
        "                                                        make a Groth16 proof (as 'snarkjs groth16 prove')\n" +
        "  setup <circuit-id> <out.zkey> [--vk <verification_key.json>]\n" +
        "                                                        single-party Groth16 setup of a built-in circuit (development keys)\n" +
        "  zkey export verificationkey <circuit.zkey> <verification_key.json>\n" +
        "                                                        write a .zkey's verification key (as snarkjs)\n" +
        "\nexit codes: 0 success, 1 negative result, 2 usage error or unreadable input\n" +
        "run 'zkp <command> --help' for details\n";

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void General_help_lists_every_command(string flag)
    {
        Assert.Equal(new CliResult(0, GeneralHelp, string.Empty), Cli.Run(flag));
    }

    [Fact]
    public void Command_help_prints_usage_and_details()
    {
        Assert.Equal(
            new CliResult(0,
                "usage: zkp r1cs info <file.r1cs>\n\nprint the facts 'snarkjs r1cs info' prints\n\n" +
                "Curve, wires, constraints, private and public inputs, labels and outputs of any BN254 .r1cs file.\n",
                string.Empty),
            Cli.Run("r1cs", "info", "--help"));
    }

    [Fact]
    public void Help_wins_over_missing_arguments()
    {
        var result = Cli.Run("wtns", "calculate", "-h");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("usage: zkp wtns calculate <circuit-id> <input.json> <out.wtns>\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_help_lists_its_commands()
    {
        Assert.Equal(
            new CliResult(0,
                "usage: zkp r1cs <command> [arguments]\n\ncommands:\n" +
                "  r1cs export <circuit-id> <out.r1cs>                   write a built-in circuit as a snarkjs .r1cs file\n" +
                "  r1cs info <file.r1cs>                                 print the facts 'snarkjs r1cs info' prints\n",
                string.Empty),
            Cli.Run("r1cs", "--help"));
    }

    [Theory]
    [InlineData(new string[0], "zkp: missing command; run 'zkp --help' for the list of commands\n")]
    [InlineData(new[] { "prove" }, "zkp: unknown command 'prove'; run 'zkp --help' for the list of commands\n")]
    [InlineData(new[] { "r1cs" }, "zkp: 'r1cs' needs a subcommand: export, info; run 'zkp r1cs --help'\n")]
    [InlineData(new[] { "r1cs", "print" }, "zkp: unknown command 'r1cs print'; run 'zkp r1cs --help'\n")]
    [InlineData(new[] { "r1cs", "info" }, "zkp: r1cs info: expected 1 argument, got 0 (usage: zkp r1cs info <file.r1cs>)\n")]
    [InlineData(new[] { "r1cs", "export", "a", "b", "c" }, "zkp: r1cs export: expected 2 arguments, got 3 (usage: zkp r1cs export <circuit-id> <out.r1cs>)\n")]
    [InlineData(new[] { "circuits", "list", "--json" }, "zkp: circuits list: unknown option '--json' (usage: zkp circuits list)\n")]
    public void Usage_errors_exit_2_with_one_line(string[] args, string expectedStderr)
    {
        Assert.Equal(new CliResult(2, string.Empty, expectedStderr), Cli.Run(args));
    }
}
