using QRCoder;

namespace Zkp.Api.Verification;

/// <summary>
/// Renders a QR token as a QR code. The code holds the bare token text (<c>qr_...</c>): a handheld scanner types it
/// into the lender portal's token field and an app posts it unchanged to <c>/verify/token</c>, with no URL to parse.
/// Error correction level M (15%) keeps the 29-character payload at version 2 (25x25 modules).
/// </summary>
public static class QrCodeImages
{
    public const string PngContentType = "image/png";
    public const string SvgContentType = "image/svg+xml";

    private const int PixelsPerModule = 10;

    public static byte[] Png(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var data = QRCodeGenerator.GenerateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }

    public static string Svg(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var data = QRCodeGenerator.GenerateQrCode(token, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(PixelsPerModule);
    }
}
