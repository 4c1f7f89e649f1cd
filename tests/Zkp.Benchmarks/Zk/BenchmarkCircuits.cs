using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Benchmarks.Zk;

/// <summary>
/// The built-in circuits the Zk benchmarks run on, with fixed inputs and proving keys cached on disk:
/// the engine's own setup uses constant-time scalar multiplication for every key point (its
/// randomness is toxic waste), which takes minutes for the 62k-constraint chain, and BenchmarkDotNet
/// runs each case in a fresh process.
/// </summary>
internal static class BenchmarkCircuits
{
    public const string ClaimRange = "zkp.claim-range.v1";
    public const string PoseidonChain = "zkp.bench.poseidon-chain-259.v1";

    public static BuiltInCircuit Get(string id) => CircuitCatalogue.Get(id);

    public static Dictionary<string, Fr> Inputs(string id) => id switch
    {
        ClaimRange => ClaimCommitment.RangeInputs(
            value: 72_500, salt: Fr.FromUInt64(0x5eed), lower: 50_000, upper: ulong.MaxValue,
            binding: ClaimCommitment.BindingFor("urn:uuid:0b7c2f5e-4d1a-4e8b-9a63-2f1d5c7e9b10")),
        PoseidonChain => new(StringComparer.Ordinal) { ["seed"] = Fr.FromUInt64(42), ["key"] = Fr.FromUInt64(7) },
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "no benchmark inputs for this circuit"),
    };

    /// <summary>
    /// A proving key for the circuit, from <c>$TMPDIR/zkp-bench-keys/{circuit hash}.zkey</c> when an
    /// earlier run left one, else from a fresh setup (then written there). Keys are for benchmarks only.
    /// </summary>
    public static ProvingKey ProvingKey(BuiltInCircuit circuit)
    {
        var directory = Path.Combine(Path.GetTempPath(), "zkp-bench-keys");
        var path = Path.Combine(directory, circuit.CircuitHash + ".zkey");
        if (File.Exists(path))
        {
            return ZkeyFile.ReadFile(path).BindTo(circuit.CircuitHash);
        }

        var key = Groth16Setup.Run(circuit.Compiled.R1cs);
        Directory.CreateDirectory(directory);
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        ZkeyFile.WriteFile(key, temporary);
        File.Move(temporary, path, overwrite: true);
        return key;
    }
}
