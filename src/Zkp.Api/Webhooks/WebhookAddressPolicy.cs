using System.Net;
using System.Net.Sockets;

namespace Zkp.Api.Webhooks;

/// <summary>Which IP addresses a production webhook may reach: public unicast only.</summary>
public static class WebhookAddressPolicy
{
    /// <summary>
    /// False for unspecified, loopback, private (RFC 1918), CGNAT (100.64/10), link-local, multicast,
    /// broadcast and reserved IPv4 ranges, and for IPv6 unspecified, loopback, link-local, site-local,
    /// unique-local (fc00::/7) and multicast; IPv4-mapped and NAT64 (64:ff9b::/96) IPv6 addresses are
    /// judged by the IPv4 address they carry.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4().GetAddressBytes());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (bytes[0] & 0xFE) == 0xFC)
        {
            return false;
        }

        // 64:ff9b::/96 translates to the IPv4 address in the last four bytes.
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xFF && bytes[3] == 0x9B && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(bytes[12..]);
        }

        // ::/96 (IPv4-compatible, deprecated) and the rest of ::/8 are never public unicast.
        return bytes[0] != 0x00;
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                   // 0.0.0.0/8 "this network"
        || b[0] == 10                               // 10/8
        || b[0] == 127                              // loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)     // 100.64/10 CGNAT
        || (b[0] == 169 && b[1] == 254)             // link-local
        || (b[0] == 172 && (b[1] & 0xF0) == 16)     // 172.16/12
        || (b[0] == 192 && b[1] == 168)             // 192.168/16
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)  // 192.0.0/24 IETF protocol assignments
        || (b[0] == 198 && (b[1] & 0xFE) == 18)     // 198.18/15 benchmarking
        || b[0] >= 224);                            // multicast 224/4, reserved 240/4, broadcast
}
