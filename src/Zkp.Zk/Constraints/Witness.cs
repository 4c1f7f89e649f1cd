using Zkp.Bn254;

namespace Zkp.Zk.Constraints;

/// <summary>A full assignment of the wires of an R1CS (wire 0 = 1), as solved or read from a .wtns file.</summary>
public sealed class Witness
{
    private readonly Fr[] values;

    public Witness(Fr[] values, int publicSignalCount)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(publicSignalCount);
        if (values.Length < 1 + publicSignalCount)
        {
            throw new ArgumentException($"a witness with {publicSignalCount} public signals needs at least {1 + publicSignalCount} values", nameof(values));
        }

        this.values = values;
        PublicSignalCount = publicSignalCount;
    }

    public int PublicSignalCount { get; }

    public int Length => values.Length;

    public Fr this[int wire] => values[wire];

    public ReadOnlySpan<Fr> Values => values;

    /// <summary>Wires 1..nPublic: public outputs then public inputs, the order of snarkjs public.json.</summary>
    public Fr[] PublicSignals() => values.AsSpan(1, PublicSignalCount).ToArray();
}
