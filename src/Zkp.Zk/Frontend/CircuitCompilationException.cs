namespace Zkp.Zk.Frontend;

/// <summary>The circuit definition is invalid (e.g. a wire no step can solve, a false constant assertion).</summary>
public sealed class CircuitCompilationException : Exception
{
    public CircuitCompilationException()
    {
    }

    public CircuitCompilationException(string message)
        : base(message)
    {
    }

    public CircuitCompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
