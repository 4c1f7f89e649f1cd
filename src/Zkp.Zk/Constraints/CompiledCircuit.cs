using Zkp.Bn254;

namespace Zkp.Zk.Constraints;

/// <summary>A compiled circuit: its R1CS, the constraint labels, the signal names and a witness solver.</summary>
public sealed class CompiledCircuit
{
    private readonly string[] labels;
    private readonly string[] signalNames; // index = wire, for wires 1..(declared signals); [0] unused
    private readonly SolverStep[] steps;

    internal CompiledCircuit(string name, R1cs r1cs, string[] labels, string[] signalNames, SolverStep[] steps)
    {
        Name = name;
        R1cs = r1cs;
        this.labels = labels;
        this.signalNames = signalNames;
        this.steps = steps;
    }

    public string Name { get; }

    public R1cs R1cs { get; }

    public IReadOnlyList<string> PublicOutputNames => signalNames.AsSpan(1, R1cs.PublicOutputCount).ToArray();

    public IReadOnlyList<string> PublicInputNames => signalNames.AsSpan(1 + R1cs.PublicOutputCount, R1cs.PublicInputCount).ToArray();

    public IReadOnlyList<string> SecretInputNames => signalNames.AsSpan(1 + R1cs.PublicSignalCount, R1cs.PrivateInputCount).ToArray();

    /// <summary>The label of a constraint (operation and scope path), as used in error messages.</summary>
    public string ConstraintLabel(int index) => labels[index];

    /// <summary>
    /// Fills the whole witness from the public and secret inputs (by declared name).
    /// </summary>
    /// <exception cref="ArgumentException">An input is missing, unknown or duplicated.</exception>
    /// <exception cref="ConstraintNotSatisfiedException">The inputs do not satisfy the circuit; names the first failing constraint.</exception>
    public Witness Solve(IReadOnlyDictionary<string, Fr> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var witness = new Fr[R1cs.WireCount];
        witness[0] = Fr.One;
        int first = 1 + R1cs.PublicOutputCount;
        int end = 1 + R1cs.PublicSignalCount + R1cs.PrivateInputCount;
        for (int wire = first; wire < end; wire++)
        {
            if (!inputs.TryGetValue(signalNames[wire], out var value))
            {
                throw new ArgumentException($"circuit '{Name}': missing input '{signalNames[wire]}'", nameof(inputs));
            }

            witness[wire] = value;
        }

        if (inputs.Count != end - first)
        {
            var unknown = inputs.Keys.Except(signalNames.Skip(first).Take(end - first), StringComparer.Ordinal).First();
            throw new ArgumentException($"circuit '{Name}': unknown input '{unknown}'", nameof(inputs));
        }

        WitnessSolver.Run(this, steps, witness);
        return new Witness(witness, R1cs.PublicSignalCount);
    }
}
