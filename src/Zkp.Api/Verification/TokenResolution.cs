using System.Globalization;
using System.Text.Json.Nodes;
using Zkp.Api.Model;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Vc;

namespace Zkp.Api.Verification;

/// <summary>Stable reason codes for a QR token a lender may not (or may no longer) use.</summary>
public static class TokenReasons
{
    /// <summary>Never issued, malformed, or addressed to another lender: all answered alike, so nothing leaks.</summary>
    public const string Unknown = "token_unknown";

    public const string Expired = "token_expired";

    public const string Revoked = "token_revoked";

    /// <summary>The stored presentation does not decode (only a damaged database produces this).</summary>
    public const string Malformed = "token_malformed";

    public static string Detail(string reason) => reason switch
    {
        Unknown => "The token is not valid.",
        Expired => "The token has expired; ask the member for a new QR code.",
        Revoked => "The member revoked this token.",
        Malformed => "The token's presentation cannot be read.",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown token reason"),
    };
}

/// <summary>A token as one lender sees it: usable (<see cref="Token"/> set) or not, with a reason.</summary>
public sealed record TokenResolution(QrToken? Token, string? Reason)
{
    public bool IsValid => Token is not null;

    public static TokenResolution Valid(QrToken token) => new(token, null);

    public static TokenResolution Invalid(string reason) => new(null, reason);
}

/// <summary>One bundled claim as <c>verify/token</c> shows it: type, threshold and the proof's public signals.</summary>
public sealed record ResolvedClaim(string ClaimType, ulong Threshold, ulong? Upper, IReadOnlyList<string> PublicSignals)
{
    /// <summary>
    /// Reads the presented credentials' claims, without verifying anything (that is <c>verify/proof</c>'s job);
    /// null when the presentation or a credential does not parse.
    /// </summary>
    public static IReadOnlyList<ResolvedClaim>? FromPresentation(string presentationJson)
    {
        JsonObject presentation;
        try
        {
            presentation = CredentialJson.Parse(presentationJson);
        }
        catch (CredentialFormatException)
        {
            return null;
        }

        var items = presentation["verifiableCredential"] switch
        {
            JsonObject single => [single],
            JsonArray array => array.ToList(),
            _ => [],
        };
        var claims = new List<ResolvedClaim>(items.Count);
        foreach (var item in items)
        {
            if (item is not JsonObject json || !ClaimCredential.TryParse(json, out var credential, out _))
            {
                return null;
            }

            var bounds = credential!.Bounds;
            var (threshold, upper) = credential.Definition.Comparison switch
            {
                ClaimComparison.AtMost => (bounds.Upper, (ulong?)null),
                ClaimComparison.Between => (bounds.Lower, bounds.Upper),
                _ => (bounds.Lower, null),
            };
            claims.Add(new ResolvedClaim(credential.ClaimType, threshold, upper, credential.PublicSignals));
        }

        return claims.Count == 0 ? null : claims;
    }

    public JsonObject ToJson()
    {
        var signals = new JsonArray();
        foreach (var signal in PublicSignals)
        {
            signals.Add(signal);
        }

        var json = new JsonObject { ["claim_type"] = ClaimType, ["threshold"] = Threshold };
        if (Upper is { } upper)
        {
            json["upper"] = upper;
        }

        json["public_signals"] = signals;
        return json;
    }

    internal static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
