namespace Zkp.Credentials.Claims;

/// <summary>A claim request the catalogue refuses (unknown type, threshold out of range, ...).</summary>
public sealed class ClaimException : Exception
{
    public ClaimException()
    {
    }

    public ClaimException(string message)
        : base(message)
    {
    }

    public ClaimException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
