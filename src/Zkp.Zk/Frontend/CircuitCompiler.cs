using Zkp.Bn254;
using Zkp.Zk.Constraints;
using static Zkp.Zk.Frontend.CircuitBuilder;

namespace Zkp.Zk.Frontend;

/// <summary>Turns a <see cref="Circuit"/> into an R1CS plus a witness solver.</summary>
public static class CircuitCompiler
{
    /// <exception cref="CircuitCompilationException">
    /// The definition is invalid: a false constant assertion, a duplicate signal name, or a wire
    /// that no constraint or hint determines (the solver would have to guess it).
    /// </exception>
    public static CompiledCircuit Compile(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var builder = new CircuitBuilder(circuit.Name);
        circuit.Define(builder);
        return CompileCore(builder);
    }

    private static CompiledCircuit CompileCore(CircuitBuilder builder)
    {
        var kinds = builder.WireKinds;
        var newIndex = new int[kinds.Count];
        int next = 1;
        foreach (var kind in new[] { WireKind.PublicOutput, WireKind.PublicInput, WireKind.SecretInput, WireKind.Internal })
        {
            for (int wire = 1; wire < kinds.Count; wire++)
            {
                if (kinds[wire] == kind)
                {
                    newIndex[wire] = next++;
                }
            }
        }

        int Count(WireKind kind) => kinds.Count(k => k == kind);
        int outputs = Count(WireKind.PublicOutput), publicInputs = Count(WireKind.PublicInput), secretInputs = Count(WireKind.SecretInput);

        var constraints = builder.Constraints
            .Select(c => new R1csConstraint(Remap(c.A, newIndex), Remap(c.B, newIndex), Remap(c.C, newIndex)))
            .ToArray();
        var labels = builder.Constraints.Select(c => c.Label).ToArray();
        var r1cs = new R1cs(kinds.Count, outputs, publicInputs, secretInputs, constraints);

        var names = new string[1 + outputs + publicInputs + secretInputs];
        for (int wire = 1; wire < kinds.Count; wire++)
        {
            if (kinds[wire] != WireKind.Internal)
            {
                names[newIndex[wire]] = builder.WireNames[wire]!;
            }
        }

        var steps = Plan(builder, constraints, labels, newIndex, 1 + publicInputs + outputs + secretInputs, outputs);
        return new CompiledCircuit(builder.CircuitName, r1cs, labels, names, steps);
    }

    // Replays the steps in emission order, tracking which wires are known, so that each constraint
    // either checks known values or solves exactly one unknown wire that appears linearly.
    // Every primitive of ICircuitApi determines the wire it creates at once (Mul, PublicOutput,
    // NewHint), so the "undetermined" errors below are a safety net for future primitives that
    // would let a wire be defined later; the planner, not the solver, is where that must fail.
    private static SolverStep[] Plan(CircuitBuilder builder, R1csConstraint[] constraints, string[] labels, int[] newIndex, int firstInternal, int outputs)
    {
        var known = new bool[builder.WireKinds.Count];
        known[0] = true;
        for (int wire = 1 + outputs; wire < firstInternal; wire++)
        {
            known[wire] = true;
        }

        var steps = new List<SolverStep>(builder.Steps.Count);
        foreach (var step in builder.Steps)
        {
            if (step.Hint is { } hint)
            {
                var inputs = hint.Inputs.Select(lc => Remap(lc, newIndex)).ToArray();
                foreach (var lc in inputs)
                {
                    foreach (var term in lc)
                    {
                        if (!known[term.Wire])
                        {
                            throw new CircuitCompilationException($"circuit '{builder.CircuitName}': {hint.Label} reads a wire that is not determined yet");
                        }
                    }
                }

                var outputWires = hint.Outputs.Select(w => newIndex[w]).ToArray();
                foreach (var wire in outputWires)
                {
                    known[wire] = true;
                }

                steps.Add(SolverStep.ForHint(new HintCall(hint.Function, inputs, outputWires, hint.Label)));
                continue;
            }

            int index = step.ConstraintIndex;
            var c = constraints[index];
            int unknownWire = -1;
            SolveSide side = SolveSide.None;
            Fr coefficient = Fr.Zero;
            foreach (var (terms, termSide) in new[] { (c.ATerms, SolveSide.A), (c.BTerms, SolveSide.B), (c.CTerms, SolveSide.C) })
            {
                foreach (var term in terms)
                {
                    if (known[term.Wire])
                    {
                        continue;
                    }

                    if (unknownWire != -1)
                    {
                        throw new CircuitCompilationException(
                            $"circuit '{builder.CircuitName}': constraint {index} ({labels[index]}) has more than one undetermined wire or an undetermined wire in a product; add a hint for it");
                    }

                    unknownWire = term.Wire;
                    side = termSide;
                    coefficient = term.Coefficient;
                }
            }

            if (unknownWire == -1)
            {
                steps.Add(SolverStep.ForCheck(index));
            }
            else
            {
                known[unknownWire] = true;
                steps.Add(SolverStep.ForSolve(index, side, unknownWire, coefficient.Inverse()));
            }
        }

        for (int wire = 1; wire < known.Length; wire++)
        {
            if (!known[wire])
            {
                throw new CircuitCompilationException($"circuit '{builder.CircuitName}': wire {wire} is never determined by a constraint or hint");
            }
        }

        return [.. steps];
    }

    private static R1csTerm[] Remap(R1csTerm[] terms, int[] newIndex)
    {
        var result = new R1csTerm[terms.Length];
        for (int i = 0; i < terms.Length; i++)
        {
            result[i] = new R1csTerm(newIndex[terms[i].Wire], terms[i].Coefficient);
        }

        Array.Sort(result, static (x, y) => x.Wire.CompareTo(y.Wire));
        return result;
    }
}
