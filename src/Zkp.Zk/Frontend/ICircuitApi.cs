using Zkp.Bn254;

namespace Zkp.Zk.Frontend;

/// <summary>
/// What a circuit's <see cref="Circuit.Define"/> can do. Primitives only; gadgets built from them
/// (division, bits, selection, comparisons) are extension methods in <see cref="CircuitApiExtensions"/>
/// and <see cref="Std.Comparators"/>.
/// </summary>
public interface ICircuitApi
{
    /// <summary>Declares a public input; public inputs become wires in declaration order.</summary>
    Variable PublicInput(string name);

    /// <summary>Declares a secret (private) input.</summary>
    Variable SecretInput(string name);

    /// <summary>Declares a public output wire constrained to equal <paramref name="value"/> (one constraint).</summary>
    Variable PublicOutput(string name, Variable value);

    Variable Constant(in Fr value);

    Variable Add(Variable a, Variable b);

    Variable Sub(Variable a, Variable b);

    Variable Neg(Variable a);

    /// <summary>a * b: free when either side is constant, else one constraint and a new wire.</summary>
    Variable Mul(Variable a, Variable b);

    /// <summary>Constrains a == b (one constraint unless both are constants).</summary>
    void AssertEqual(Variable a, Variable b, string? label = null);

    /// <summary>Constrains a * b == c (one constraint).</summary>
    void AssertProduct(Variable a, Variable b, Variable c, string? label = null);

    /// <summary>Constrains v to 0 or 1 (v * (v - 1) == 0); free when v was already asserted boolean.</summary>
    void AssertBoolean(Variable v, string? label = null);

    /// <summary>
    /// Runs <paramref name="hint"/> on the inputs' values while solving and returns its outputs
    /// as new wires. The outputs are NOT constrained: the caller must constrain them.
    /// </summary>
    Variable[] NewHint(Hint hint, int outputCount, params Variable[] inputs);

    /// <summary>Prefixes the labels of constraints emitted until disposal, for error messages.</summary>
    IDisposable Scope(string name);
}
