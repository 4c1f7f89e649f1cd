using Zkp.Bn254;
using Zkp.Zk.Constraints;

namespace Zkp.Zk.Frontend;

/// <summary>
/// A value inside a circuit: a linear combination of wires, kept symbolic so that additions,
/// subtractions and multiplications by constants cost no constraint. Only the circuit API that
/// produced it can combine it. The default value is the constant 0.
/// </summary>
public readonly struct Variable
{
    private readonly R1csTerm[]? terms;

    internal Variable(R1csTerm[] terms)
    {
        this.terms = terms;
    }

    internal R1csTerm[] Terms => terms ?? LinearCombination.Empty;

    /// <summary>True when the value is known while compiling (no wire involved).</summary>
    public bool IsConstant => LinearCombination.TryGetConstant(Terms, out _);

    /// <summary>The value when <see cref="IsConstant"/>.</summary>
    public bool TryGetConstant(out Fr value) => LinearCombination.TryGetConstant(Terms, out value);
}
