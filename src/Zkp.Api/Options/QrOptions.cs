namespace Zkp.Api.Options;

/// <summary>Section <c>Qr</c>: lifetimes of the QR tokens members share with lenders.</summary>
public sealed class QrOptions
{
    public const string Section = "Qr";

    /// <summary>Lifetime when <c>qr/generate</c> gives no <c>expires_in</c>: 15 minutes.</summary>
    public int DefaultExpiresInSeconds { get; set; } = 900;

    /// <summary>The longest <c>expires_in</c> a member may ask for: 24 hours.</summary>
    public int MaxExpiresInSeconds { get; set; } = 86_400;

    /// <summary>The most credentials one token may bundle.</summary>
    public int MaxCredentialsPerToken { get; set; } = 6;
}
