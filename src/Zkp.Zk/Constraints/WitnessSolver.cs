using Zkp.Bn254;

namespace Zkp.Zk.Constraints;

/// <summary>Replays the solver plan. Wires not yet solved hold zero, which is what lets a side be evaluated "without" its unknown.</summary>
internal static class WitnessSolver
{
    public static void Run(CompiledCircuit circuit, SolverStep[] steps, Fr[] witness)
    {
        var constraints = circuit.R1cs.Constraints;
        Fr[] hintInputs = [];
        Fr[] hintOutputs = [];
        foreach (var step in steps)
        {
            if (step.Hint is { } hint)
            {
                if (hintInputs.Length != hint.Inputs.Length)
                {
                    hintInputs = new Fr[hint.Inputs.Length];
                }

                if (hintOutputs.Length != hint.Outputs.Length)
                {
                    hintOutputs = new Fr[hint.Outputs.Length];
                }

                for (int i = 0; i < hint.Inputs.Length; i++)
                {
                    hintInputs[i] = LinearCombination.Evaluate(hint.Inputs[i], witness);
                }

                hint.Function(hintInputs, hintOutputs);
                for (int i = 0; i < hint.Outputs.Length; i++)
                {
                    witness[hint.Outputs[i]] = hintOutputs[i];
                }

                continue;
            }

            var c = (R1csConstraint)constraints[step.ConstraintIndex];
            var a = LinearCombination.Evaluate(c.ATerms, witness);
            var b = LinearCombination.Evaluate(c.BTerms, witness);
            var cValue = LinearCombination.Evaluate(c.CTerms, witness);
            switch (step.Side)
            {
                case SolveSide.None:
                    if (a * b != cValue)
                    {
                        throw Failure(circuit, step.ConstraintIndex, "is not satisfied by the given inputs");
                    }

                    break;
                case SolveSide.C:
                    // cRest + k * x = a * b
                    witness[step.Wire] = ((a * b) - cValue) * step.InverseCoefficient;
                    break;
                case SolveSide.A:
                    witness[step.Wire] = SolveFactor(circuit, step, a, b, cValue);
                    break;
                case SolveSide.B:
                    witness[step.Wire] = SolveFactor(circuit, step, b, a, cValue);
                    break;
            }
        }
    }

    // (rest + k * x) * other = c  =>  x = (c / other - rest) / k; impossible or ambiguous when other == 0.
    private static Fr SolveFactor(CompiledCircuit circuit, SolverStep step, Fr rest, Fr other, Fr c)
    {
        if (other.IsZero)
        {
            throw Failure(circuit, step.ConstraintIndex, "cannot be solved: its other factor is zero");
        }

        var quotient = other.IsOne ? c : c * other.Inverse();
        return (quotient - rest) * step.InverseCoefficient;
    }

    private static ConstraintNotSatisfiedException Failure(CompiledCircuit circuit, int index, string reason) =>
        new(circuit.Name, index, circuit.ConstraintLabel(index), reason);
}
