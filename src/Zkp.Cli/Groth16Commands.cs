using System.Globalization;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Cli;

/// <summary>
/// The snarkjs-compatible Groth16 commands: <c>groth16 verify</c>, <c>groth16 prove</c>, <c>setup</c>
/// and <c>zkey export verificationkey</c>. Files are snarkjs's formats, so either tool can take
/// over at any step.
/// </summary>
internal static class Groth16Commands
{
    public const string DevelopmentKeyWarning =
        "zkp: warning: development key: this process generated and discarded its toxic waste, so nobody else can check it was destroyed; " +
        "production operators should run a snarkjs phase-2 ceremony and import its .zkey";

    public static IEnumerable<CliCommand> All =>
    [
        new(["groth16", "verify"], "<verification_key.json> <public.json> <proof.json>", "verify a Groth16 proof (as 'snarkjs groth16 verify')",
            "Prints OK and exits 0 for a valid proof; exits 1 with 'zkp: invalid proof' otherwise.\n" +
            "Unreadable or malformed files (bad JSON, points off the curve or outside the subgroup, signals >= r,\n" +
            "gamma = delta, a signal count other than the key's) exit 2 naming the file.", 3, Verify),
        new(["groth16", "prove"], "<circuit.zkey> <witness.wtns> <proof.json> <public.json>", "make a Groth16 proof (as 'snarkjs groth16 prove')",
            "The witness is not checked against the circuit: an unsatisfying witness gives a proof that does not verify.", 4, Prove),
        new(["setup"], "<circuit-id> <out.zkey> [--vk <verification_key.json>]", "single-party Groth16 setup of a built-in circuit (development keys)",
            "Writes a snarkjs .zkey and, with --vk, its verification_key.json. The toxic waste is generated and discarded\n" +
            "by this process; production keys come from a snarkjs phase-2 ceremony.", CliOptions.ParsesOwnOptions, Setup),
        new(["zkey", "export", "verificationkey"], "<circuit.zkey> <verification_key.json>", "write a .zkey's verification key (as snarkjs)",
            string.Empty, 2, ExportVerificationKey),
    ];

    private static void Verify(CliContext context, string[] arguments)
    {
        var (keyPath, publicPath, proofPath) = (arguments[0], arguments[1], arguments[2]);
        var key = CliFiles.Parse(keyPath, () => SnarkjsJson.ReadVerifyingKey(CliFiles.ReadText(keyPath)));
        var signals = CliFiles.Parse(publicPath, () => SnarkjsJson.ReadPublicSignals(CliFiles.ReadText(publicPath)));
        var proof = CliFiles.Parse(proofPath, () => SnarkjsJson.ReadProof(CliFiles.ReadText(proofPath)));

        // A count mismatch is a malformed input, not a failed proof: no proof could verify against it.
        if (signals.Length != key.PublicSignalCount)
        {
            throw new CliUsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{publicPath}: {signals.Length} public signals, the verification key expects {key.PublicSignalCount}"));
        }

        if (!Groth16Verifier.Verify(key, signals, proof))
        {
            throw new CliNegativeResultException("invalid proof");
        }

        context.Stdout.WriteLine("OK");
    }

    private static void Prove(CliContext context, string[] arguments)
    {
        var (zkeyPath, wtnsPath, proofPath, publicPath) = (arguments[0], arguments[1], arguments[2], arguments[3]);
        var key = ReadZkey(zkeyPath);
        var witnessBytes = CliFiles.ReadBytes(wtnsPath);
        var witness = CliFiles.Parse(wtnsPath, () => WtnsFile.Read(witnessBytes));
        if (witness.Length != key.WireCount)
        {
            throw new CliUsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{wtnsPath}: {witness.Length} wires, the key {zkeyPath} expects {key.WireCount}"));
        }

        if (!witness[0].IsOne)
        {
            throw new CliUsageException($"{wtnsPath}: wire 0 is not the constant 1");
        }

        var proof = Groth16Prover.Prove(key, witness);
        WriteText(proofPath, SnarkjsJson.WriteProof(proof));
        WriteText(publicPath, SnarkjsJson.WritePublicSignals(witness.AsSpan(1, key.PublicSignalCount)));
        context.Stdout.WriteLine($"wrote {proofPath} and {publicPath}");
    }

    private static void Setup(CliContext context, string[] arguments)
    {
        const string Usage = "zkp setup <circuit-id> <out.zkey> [--vk <verification_key.json>]";
        var options = CliOptions.Parse("setup", Usage, arguments, 2, ["--vk"], []);
        var circuit = CircuitCommands.Find(options.Positional[0]);
        var zkeyPath = options.Positional[1];
        var vkPath = options.Single("--vk");

        var key = Groth16Setup.Run(circuit.Compiled.R1cs);
        context.Stderr.WriteLine(DevelopmentKeyWarning);
        CliFiles.WriteBytes(zkeyPath, ZkeyFile.Write(key));
        context.Stdout.WriteLine($"wrote {zkeyPath} for {circuit.Id} (circuit hash {circuit.CircuitHash})");
        if (vkPath is not null)
        {
            WriteText(vkPath, SnarkjsJson.WriteVerifyingKey(key.VerifyingKey));
            context.Stdout.WriteLine($"wrote {vkPath}");
        }
    }

    private static void ExportVerificationKey(CliContext context, string[] arguments)
    {
        var key = ReadZkey(arguments[0]);
        WriteText(arguments[1], SnarkjsJson.WriteVerifyingKey(key.VerifyingKey));
        context.Stdout.WriteLine($"wrote {arguments[1]}");
    }

    private static ProvingKey ReadZkey(string path)
    {
        var bytes = CliFiles.ReadBytes(path);
        return CliFiles.Parse(path, () => ZkeyFile.Read(bytes));
    }

    private static void WriteText(string path, string content) =>
        CliFiles.WriteBytes(path, System.Text.Encoding.UTF8.GetBytes(content + "\n"));
}
