using System.Security.Cryptography;
using Zkp.Bn254;
using Zkp.Zk.Constraints;
using Zkp.Zk.Formats;
using Zkp.Zk.Frontend;

namespace Zkp.Circuits;

/// <summary>
/// A circuit shipped with the product: a stable id, its compiled R1CS (compiled once, on first use)
/// and its circuit hash, the SHA-256 of its canonical snarkjs <c>.r1cs</c> bytes.
/// </summary>
public sealed class BuiltInCircuit
{
    private readonly Lazy<(CompiledCircuit Compiled, byte[] R1cs, string Hash)> built;

    internal BuiltInCircuit(string id, string description, Func<Circuit> create)
    {
        Id = id;
        Description = description;
        built = new(() => Build(create()), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Id { get; }

    public string Description { get; }

    /// <summary>The R1CS and witness solver. Compiling the larger circuits takes a moment the first time.</summary>
    public CompiledCircuit Compiled => built.Value.Compiled;

    /// <summary>Lower-case hex SHA-256 of <see cref="R1csBytes"/>: changes whenever any constraint, wire order or count changes.</summary>
    public string CircuitHash => built.Value.Hash;

    /// <summary>The circuit as a snarkjs-compatible .r1cs file (a fresh copy).</summary>
    public byte[] R1csBytes() => (byte[])built.Value.R1cs.Clone();

    /// <summary>Public signal names in public.json order: public outputs, then public inputs.</summary>
    public IReadOnlyList<string> PublicSignalNames => [.. Compiled.PublicOutputNames, .. Compiled.PublicInputNames];

    /// <summary>Every input the solver needs (public inputs, then secret inputs), by name.</summary>
    public IReadOnlyList<string> InputNames => [.. Compiled.PublicInputNames, .. Compiled.SecretInputNames];

    /// <summary>Solves the full witness. See <see cref="CompiledCircuit.Solve"/> for the exceptions.</summary>
    public Witness Solve(IReadOnlyDictionary<string, Fr> inputs) => Compiled.Solve(inputs);

    public override string ToString() => Id;

    private static (CompiledCircuit, byte[], string) Build(Circuit circuit)
    {
        var compiled = CircuitCompiler.Compile(circuit);
        var r1cs = R1csFile.Write(compiled.R1cs);
        return (compiled, r1cs, Convert.ToHexStringLower(SHA256.HashData(r1cs)));
    }
}
