namespace Zkp.Credentials.Jcs;

/// <summary>The input cannot be canonicalized under RFC 8785 (non-finite number, lone surrogate, ...).</summary>
public sealed class JcsException : Exception
{
    public JcsException()
    {
    }

    public JcsException(string message)
        : base(message)
    {
    }

    public JcsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
