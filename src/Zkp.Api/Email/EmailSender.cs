using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.Extensions.Options;
using Zkp.Api.Options;

namespace Zkp.Api.Email;

public interface IEmailSender
{
    /// <exception cref="EmailDeliveryException">The server refused the mail or could not be reached, or the pickup directory could not be written.</exception>
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default);
}

/// <summary>
/// Sends plain-text mail with <see cref="SmtpClient"/>: through the configured SMTP server, or, when
/// no host is configured, as <c>.eml</c> files in the pickup directory (the development default).
/// Bodies are ASCII (codes and tokens) and sent 7-bit so the .eml files stay readable; they are never logged.
/// </summary>
public sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        using var message = new MailMessage(settings.From, to, subject, body)
        {
            BodyEncoding = System.Text.Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.SevenBit,
        };
        using var client = new SmtpClient();
        string? pickupDirectory = null;
        if (string.IsNullOrEmpty(settings.SmtpHost))
        {
            pickupDirectory = Path.GetFullPath(settings.PickupDirectory ?? throw new InvalidOperationException("Email:PickupDirectory is not set."));
            client.DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory;
            client.PickupDirectoryLocation = pickupDirectory;
        }
        else
        {
            client.DeliveryMethod = SmtpDeliveryMethod.Network;
            client.Host = settings.SmtpHost;
            client.Port = settings.SmtpPort;
            client.EnableSsl = settings.EnableTls;
            if (!string.IsNullOrEmpty(settings.Username))
            {
                client.Credentials = new NetworkCredential(settings.Username, settings.Password);
            }
        }

        try
        {
            if (pickupDirectory is not null)
            {
                Directory.CreateDirectory(pickupDirectory);
            }

            await client.SendMailAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is SmtpException or IOException or UnauthorizedAccessException)
        {
            throw new EmailDeliveryException($"The email '{subject}' could not be delivered.", exception);
        }

        LogSent(logger, subject);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent email '{Subject}'")]
    private static partial void LogSent(ILogger logger, string subject);
}
