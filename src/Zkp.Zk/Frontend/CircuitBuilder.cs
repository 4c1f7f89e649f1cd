using Zkp.Bn254;
using Zkp.Zk.Constraints;

namespace Zkp.Zk.Frontend;

/// <summary>
/// Records what <see cref="Circuit.Define"/> does, in "build" wire numbering (allocation order);
/// <see cref="CircuitCompiler"/> renumbers into snarkjs order afterwards.
/// </summary>
internal sealed class CircuitBuilder : ICircuitApi
{
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly HashSet<int> booleanWires = [];
    private readonly List<string> scopes = [];

    public CircuitBuilder(string circuitName)
    {
        CircuitName = circuitName;
        WireKinds.Add(WireKind.One);
        WireNames.Add("one");
    }

    internal enum WireKind
    {
        One,
        PublicOutput,
        PublicInput,
        SecretInput,
        Internal,
    }

    public string CircuitName { get; }

    public List<WireKind> WireKinds { get; } = [];

    public List<string?> WireNames { get; } = [];

    public List<BuildConstraint> Constraints { get; } = [];

    /// <summary>Constraints and hints in emission order: the order the solver replays them.</summary>
    public List<BuildStep> Steps { get; } = [];

    public Variable PublicInput(string name) => Declare(name, WireKind.PublicInput);

    public Variable SecretInput(string name) => Declare(name, WireKind.SecretInput);

    public Variable PublicOutput(string name, Variable value)
    {
        var output = Declare(name, WireKind.PublicOutput);
        Emit(LinearCombination.Constant(Fr.One), value.Terms, output.Terms, "PublicOutput " + name);
        return output;
    }

    public Variable Constant(in Fr value) => new(LinearCombination.Constant(value));

    public Variable Add(Variable a, Variable b) => new(LinearCombination.AddScaled(a.Terms, b.Terms, Fr.One));

    public Variable Sub(Variable a, Variable b) => new(LinearCombination.AddScaled(a.Terms, b.Terms, -Fr.One));

    public Variable Neg(Variable a) => new(LinearCombination.Scale(a.Terms, -Fr.One));

    public Variable Mul(Variable a, Variable b)
    {
        if (a.TryGetConstant(out var ca))
        {
            return new(LinearCombination.Scale(b.Terms, ca));
        }

        if (b.TryGetConstant(out var cb))
        {
            return new(LinearCombination.Scale(a.Terms, cb));
        }

        var product = NewWire(WireKind.Internal);
        Emit(a.Terms, b.Terms, product.Terms, "Mul");
        return product;
    }

    public void AssertEqual(Variable a, Variable b, string? label = null)
    {
        var difference = LinearCombination.AddScaled(a.Terms, b.Terms, -Fr.One);
        if (LinearCombination.TryGetConstant(difference, out var constant))
        {
            CheckConstant(constant.IsZero, label ?? "AssertEqual");
            return;
        }

        Emit(difference, LinearCombination.Constant(Fr.One), LinearCombination.Empty, label ?? "AssertEqual");
    }

    public void AssertProduct(Variable a, Variable b, Variable c, string? label = null)
    {
        if (a.TryGetConstant(out var ca) && b.TryGetConstant(out var cb) && c.TryGetConstant(out var cc))
        {
            CheckConstant(ca * cb == cc, label ?? "AssertProduct");
            return;
        }

        Emit(a.Terms, b.Terms, c.Terms, label ?? "AssertProduct");
    }

    public void AssertBoolean(Variable v, string? label = null)
    {
        if (v.TryGetConstant(out var constant))
        {
            CheckConstant(constant.IsZero || constant.IsOne, label ?? "AssertBoolean");
            return;
        }

        var terms = v.Terms;
        bool singleWire = terms.Length == 1 && terms[0].Coefficient.IsOne;
        if (singleWire && booleanWires.Contains(terms[0].Wire))
        {
            return;
        }

        Emit(terms, LinearCombination.AddScaled(terms, LinearCombination.Constant(Fr.One), -Fr.One), LinearCombination.Empty, label ?? "AssertBoolean");
        if (singleWire)
        {
            booleanWires.Add(terms[0].Wire);
        }
    }

    public Variable[] NewHint(Hint hint, int outputCount, params Variable[] inputs)
    {
        ArgumentNullException.ThrowIfNull(hint);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        var outputs = new Variable[outputCount];
        var outputWires = new int[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            outputs[i] = NewWire(WireKind.Internal);
            outputWires[i] = WireKinds.Count - 1;
        }

        Steps.Add(new BuildStep(-1, new HintCall(hint, [.. inputs.Select(v => v.Terms)], outputWires, CurrentLabel("Hint"))));
        return outputs;
    }

    public IDisposable Scope(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        scopes.Add(name);
        return new ScopeHandle(scopes);
    }

    private string CurrentLabel(string label) => scopes.Count == 0 ? label : string.Join('/', scopes) + "/" + label;

    private void CheckConstant(bool holds, string label)
    {
        if (!holds)
        {
            throw new CircuitCompilationException($"circuit '{CircuitName}': {CurrentLabel(label)} asserts a false statement about constants");
        }
    }

    private Variable Declare(string name, WireKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!names.Add(name))
        {
            throw new CircuitCompilationException($"circuit '{CircuitName}': signal '{name}' declared twice");
        }

        var variable = NewWire(kind);
        WireNames[^1] = name;
        return variable;
    }

    private Variable NewWire(WireKind kind)
    {
        WireKinds.Add(kind);
        WireNames.Add(null);
        return new Variable([new R1csTerm(WireKinds.Count - 1, Fr.One)]);
    }

    private void Emit(R1csTerm[] a, R1csTerm[] b, R1csTerm[] c, string label)
    {
        Constraints.Add(new BuildConstraint(a, b, c, CurrentLabel(label)));
        Steps.Add(new BuildStep(Constraints.Count - 1, null));
    }

    internal sealed record BuildConstraint(R1csTerm[] A, R1csTerm[] B, R1csTerm[] C, string Label);

    internal sealed record HintCall(Hint Function, R1csTerm[][] Inputs, int[] Outputs, string Label);

    /// <summary>Either a constraint (index >= 0) or a hint call.</summary>
    internal readonly record struct BuildStep(int ConstraintIndex, HintCall? Hint);

    private sealed class ScopeHandle(List<string> scopes) : IDisposable
    {
        private readonly int depth = scopes.Count;
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                scopes.RemoveRange(depth - 1, scopes.Count - depth + 1);
                disposed = true;
            }
        }
    }
}
