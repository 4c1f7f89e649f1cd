using System.Globalization;

namespace Zkp.Credentials.DataIntegrity;

/// <summary>XML Schema dateTimeStamp as VC 2.0 and Data Integrity use it: a date-time with a time zone.</summary>
public static class XmlDateTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses <c>2023-01-01T00:00:00Z</c> or with an offset / fractional seconds; a zone is required.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || !(text.EndsWith('Z') || HasOffset(text)))
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static bool HasOffset(string text) =>
        text.Length > 6 && (text[^6] == '+' || text[^6] == '-') && text[^3] == ':';
}
