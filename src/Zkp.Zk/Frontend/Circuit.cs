namespace Zkp.Zk.Frontend;

/// <summary>
/// A circuit (gnark's model): declares its inputs and constraints in <see cref="Define"/>.
/// Compile it with <see cref="CircuitCompiler.Compile"/>.
/// </summary>
public abstract class Circuit
{
    /// <summary>A stable name used in error messages and file metadata.</summary>
    public abstract string Name { get; }

    /// <summary>Declares inputs and constraints. Called once per compilation.</summary>
    public abstract void Define(ICircuitApi api);
}
