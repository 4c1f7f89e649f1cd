namespace Zkp.Api.Email;

/// <summary>
/// The mail could not be handed to the SMTP server or written to the pickup directory. Callers send
/// inside the transaction of the change the mail announces, so this exception rolls that change back.
/// </summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
