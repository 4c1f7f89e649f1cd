using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Zkp.Api.Options;

namespace Zkp.Api.Webhooks;

/// <summary>
/// Decides which URLs a subscription may target and connects to them. In production only https to
/// hosts whose every resolved address is public; in development also http to loopback hosts. The
/// check runs at registration and again inside <see cref="ConnectAsync"/> on every delivery, which
/// connects to the very address it checked, so a DNS answer that changes between the check and the
/// connection (rebinding) cannot steer a delivery into the operator's network.
/// </summary>
public sealed class WebhookUrlPolicy(IOptions<WebhookOptions> options)
{
    public const int MaxUrlLength = 2048;

    private bool DevelopmentUrls => options.Value.AllowDevelopmentUrls ?? false;

    /// <summary>Null when the URL may be registered, otherwise the reason, phrased for the API caller.</summary>
    public async Task<string?> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "url is required.";
        }

        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"url must be an absolute URL of at most {MaxUrlLength} characters.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "url must not contain credentials.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            if (!DevelopmentUrls)
            {
                return "url must use https.";
            }

            if (!IsLoopbackHost(uri))
            {
                return "url must use https (http is allowed only for localhost in development).";
            }
        }
        else if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "url must use https.";
        }

        if (DevelopmentUrls)
        {
            return null;
        }

        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"url host '{uri.Host}' does not resolve.";
        }

        return addresses.Count == 0 ? $"url host '{uri.Host}' does not resolve."
            : addresses.All(WebhookAddressPolicy.IsPublic) ? null
            : $"url host '{uri.Host}' resolves to a private, loopback, link-local or otherwise non-public address.";
    }

    /// <summary>
    /// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the delivery client: resolves the host,
    /// refuses it (with <see cref="WebhookAddressRefusedException"/>) unless every address is allowed, and
    /// connects to the checked addresses in order.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.DnsEndPoint;
        var addresses = await ResolveAsync(endpoint.Host, cancellationToken);
        if (!DevelopmentUrls && (addresses.Count == 0 || !addresses.All(WebhookAddressPolicy.IsPublic)))
        {
            throw new WebhookAddressRefusedException($"Host '{endpoint.Host}' resolves to a non-public address.");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                last = exception;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    private static async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

    private static bool IsLoopbackHost(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

/// <summary>A delivery's host resolved to an address production deliveries may not reach; never retried.</summary>
public sealed class WebhookAddressRefusedException : Exception
{
    public WebhookAddressRefusedException()
    {
    }

    public WebhookAddressRefusedException(string message)
        : base(message)
    {
    }

    public WebhookAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
