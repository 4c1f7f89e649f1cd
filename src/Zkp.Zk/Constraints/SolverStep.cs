using Zkp.Bn254;
using static Zkp.Zk.Frontend.CircuitBuilder;

namespace Zkp.Zk.Constraints;

internal enum SolveSide : byte
{
    None,
    A,
    B,
    C,
}

/// <summary>One step of the witness solver: run a hint, check a constraint, or solve its one unknown wire.</summary>
internal readonly record struct SolverStep(int ConstraintIndex, SolveSide Side, int Wire, Fr InverseCoefficient, HintCall? Hint)
{
    public static SolverStep ForHint(HintCall hint) => new(-1, SolveSide.None, -1, Fr.Zero, hint);

    public static SolverStep ForCheck(int constraintIndex) => new(constraintIndex, SolveSide.None, -1, Fr.Zero, null);

    public static SolverStep ForSolve(int constraintIndex, SolveSide side, int wire, Fr inverseCoefficient) =>
        new(constraintIndex, side, wire, inverseCoefficient, null);
}
