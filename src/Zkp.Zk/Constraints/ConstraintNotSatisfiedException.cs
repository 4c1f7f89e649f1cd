namespace Zkp.Zk.Constraints;

/// <summary>
/// The inputs given to a witness solver do not satisfy the circuit. Names the circuit, the
/// constraint index and its label; never carries witness values (they may be secret).
/// </summary>
public sealed class ConstraintNotSatisfiedException : Exception
{
    public ConstraintNotSatisfiedException()
    {
        CircuitName = string.Empty;
        Label = string.Empty;
    }

    public ConstraintNotSatisfiedException(string message)
        : base(message)
    {
        CircuitName = string.Empty;
        Label = string.Empty;
    }

    public ConstraintNotSatisfiedException(string message, Exception innerException)
        : base(message, innerException)
    {
        CircuitName = string.Empty;
        Label = string.Empty;
    }

    public ConstraintNotSatisfiedException(string circuitName, int constraintIndex, string label, string reason)
        : base($"circuit '{circuitName}': constraint {constraintIndex} ({label}) {reason}")
    {
        CircuitName = circuitName;
        ConstraintIndex = constraintIndex;
        Label = label;
    }

    public string CircuitName { get; }

    public int ConstraintIndex { get; }

    public string Label { get; }
}
