namespace Zkp.Credentials.Vc;

/// <summary>A document is not a well-formed credential or presentation of the kind expected.</summary>
public sealed class CredentialFormatException : Exception
{
    public CredentialFormatException()
    {
    }

    public CredentialFormatException(string message)
        : base(message)
    {
    }

    public CredentialFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
