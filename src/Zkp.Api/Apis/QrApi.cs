using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Zkp.Api.Errors;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Security;
using Zkp.Api.Verification;

namespace Zkp.Api.Apis;

/// <summary>The member side of sharing: QR tokens over the member's credentials, their images, listing and revocation.</summary>
public static partial class QrApi
{
    public static RouteGroupBuilder MapQrApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var member = api.MapGroup("/qr").WithTags("QR tokens").RequireAuthorization(AuthorizationPolicies.UserJwt);
        MapGenerate(member);
        member.MapGet("/", ListAsync)
            .WithRateLimit(RateLimitPolicies.Account)
            .WithSummary("The member's live QR tokens (issued, not revoked, not expired), newest first. Tokens themselves are never shown again: each entry has id, credential_ids, audience, created_at, expires_at.")
            .WithExamples(null, (200, """{"tokens":[{"id":"0b9d...","credential_ids":["7f3e..."],"audience":null,"created_at":"2026-11-22T05:00:00Z","expires_at":"2026-11-22T05:15:00Z"}]}"""));
        member.MapDelete("/{token}", RevokeAsync)
            .WithRateLimit(RateLimitPolicies.Account)
            .WithSummary("Revoke one of the member's live tokens: lenders then get token_valid false, reason_code token_revoked.");

        var images = api.MapGroup("/qr").WithTags("QR tokens").AllowAnonymous().WithRateLimit(RateLimitPolicies.Verify);
        images.MapGet("/{token}.png", PngAsync)
            .WithSummary("The token as a QR code (PNG). Knowing the token is the permission: the image shows nothing else. 404 when unknown, revoked or expired.");
        images.MapGet("/{token}.svg", SvgAsync)
            .WithSummary("The token as a QR code (SVG). 404 when unknown, revoked or expired.");
        return api;
    }

    internal static async Task<Results<Ok<QrTokenListResponse>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, QrTokenService tokens, CancellationToken cancellationToken)
    {
        if (MemberId(user) is not { } memberId)
        {
            return NotMember();
        }

        var live = await tokens.ListLiveAsync(memberId, cancellationToken);
        return TypedResults.Ok(new QrTokenListResponse(live.Select(QrTokenSummary.From).ToList()));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string token, ClaimsPrincipal user, QrTokenService tokens, CancellationToken cancellationToken)
    {
        if (MemberId(user) is not { } memberId)
        {
            return NotMember();
        }

        return await tokens.RevokeAsync(memberId, token, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.QrTokenNotFound, "You have no live token with this value.");
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PngAsync(string token, HttpContext http, QrTokenService tokens, CancellationToken cancellationToken)
    {
        if (await tokens.FindLiveAsync(token, cancellationToken) is null)
        {
            return ImageNotFound();
        }

        NoStore(http);
        return TypedResults.File(QrCodeImages.Png(QrTokenFormat.Canonicalize(token)!), QrCodeImages.PngContentType);
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SvgAsync(string token, HttpContext http, QrTokenService tokens, CancellationToken cancellationToken)
    {
        if (await tokens.FindLiveAsync(token, cancellationToken) is null)
        {
            return ImageNotFound();
        }

        NoStore(http);
        return TypedResults.File(Encoding.UTF8.GetBytes(QrCodeImages.Svg(QrTokenFormat.Canonicalize(token)!)), QrCodeImages.SvgContentType);
    }

    // The image is as secret as the token: keep it out of shared caches and browser history caches.
    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    private static ProblemHttpResult ImageNotFound() =>
        Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.QrTokenNotFound, "No live token has this value.");

    private static Guid? MemberId(ClaimsPrincipal user) => user.IsInRole(Roles.Member) ? user.AccountId() : null;

    private static ProblemHttpResult NotMember() =>
        Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only members share credentials through QR tokens.");
}

public sealed record QrTokenSummary(Guid Id, IReadOnlyList<Guid> CredentialIds, Guid? Audience, string CreatedAt, string ExpiresAt)
{
    public static QrTokenSummary From(QrToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new QrTokenSummary(
            token.Id,
            System.Text.Json.JsonSerializer.Deserialize<List<Guid>>(token.CredentialIds) ?? [],
            token.AudienceOrganizationId,
            ResolvedClaim.Iso(token.CreatedUtc),
            ResolvedClaim.Iso(token.ExpiresUtc));
    }
}

public sealed record QrTokenListResponse(IReadOnlyList<QrTokenSummary> Tokens);
