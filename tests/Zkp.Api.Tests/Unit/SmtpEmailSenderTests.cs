using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Zkp.Api.Email;
using Zkp.Api.Options;

namespace Zkp.Api.Tests.Unit;

public sealed class SmtpEmailSenderTests
{
    [Fact]
    public async Task Network_mode_authenticates_and_delivers_the_message_over_smtp()
    {
        using var server = new RecordingSmtpServer();
        var serving = server.ServeOneAsync();
        var options = Microsoft.Extensions.Options.Options.Create(new EmailOptions
        {
            SmtpHost = "127.0.0.1",
            SmtpPort = server.Port,
            EnableTls = false,
            Username = "mailer",
            Password = "s3cret-pass",
            From = "no-reply@zkp.test",
        });
        var sender = new SmtpEmailSender(options, NullLogger<SmtpEmailSender>.Instance);

        await sender.SendAsync("member@example.com", "Your Zkp verification code", "Your Zkp email verification code is: 123456\r\n");
        await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(("mailer", "s3cret-pass"), server.Credentials);
        Assert.Equal("<no-reply@zkp.test>", server.MailFrom);
        Assert.Equal(["<member@example.com>"], server.Recipients);
        Assert.Contains("Subject: Your Zkp verification code", server.Data, StringComparison.Ordinal);
        Assert.Contains("Your Zkp email verification code is: 123456", server.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pickup_mode_writes_an_eml_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "zkp-mail-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var sender = new SmtpEmailSender(Microsoft.Extensions.Options.Options.Create(new EmailOptions { PickupDirectory = directory }), NullLogger<SmtpEmailSender>.Instance);
            await sender.SendAsync("a@b.example", "Hello", "Your Zkp email verification code is: 654321\r\n");
            var file = Assert.Single(Directory.GetFiles(directory, "*.eml"));
            var text = await File.ReadAllTextAsync(file);
            Assert.Contains("To: a@b.example", text, StringComparison.Ordinal);
            Assert.Contains("verification code is: 654321", text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_as_an_email_delivery_failure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var options = Microsoft.Extensions.Options.Options.Create(new EmailOptions { SmtpHost = "127.0.0.1", SmtpPort = closedPort, EnableTls = false, From = "no-reply@zkp.test" });
        var sender = new SmtpEmailSender(options, NullLogger<SmtpEmailSender>.Instance);

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync("member@example.com", "Your Zkp verification code", "code\r\n"));

        Assert.Equal("The email 'Your Zkp verification code' could not be delivered.", failure.Message);
        Assert.IsType<System.Net.Mail.SmtpException>(failure.InnerException);
    }

    /// <summary>Just enough of RFC 5321 (EHLO, AUTH LOGIN, MAIL, RCPT, DATA, QUIT) to receive one message.</summary>
    private sealed class RecordingSmtpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public RecordingSmtpServer() => _listener.Start();

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public (string User, string Password) Credentials { get; private set; }

        public string MailFrom { get; private set; } = "";

        public List<string> Recipients { get; } = [];

        public string Data { get; private set; } = "";

        public async Task ServeOneAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync();
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 test ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-test");
                        await writer.WriteLineAsync("250 AUTH LOGIN");
                        break;
                    case "AUTH":
                        // "AUTH LOGIN <user>" (initial response) or "AUTH LOGIN" then the user on its own line.
                        var parts = line.Split(' ');
                        string encodedUser;
                        if (parts.Length >= 3)
                        {
                            encodedUser = parts[2];
                        }
                        else
                        {
                            await writer.WriteLineAsync("334 VXNlcm5hbWU6");
                            encodedUser = (await reader.ReadLineAsync())!;
                        }

                        var user = Encoding.UTF8.GetString(Convert.FromBase64String(encodedUser));
                        await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
                        var password = Encoding.UTF8.GetString(Convert.FromBase64String((await reader.ReadLineAsync())!));
                        Credentials = (user, password);
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "MAIL":
                        MailFrom = line["MAIL FROM:".Length..].Split(' ')[0];
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        Recipients.Add(line["RCPT TO:".Length..]);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine).Append("\r\n");
                        }

                        Data = data.ToString();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }

        public void Dispose() => _listener.Stop();
    }
}
