using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Zkp.Api.Errors;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Verification;

namespace Zkp.Api.Apis;

public static partial class QrApi
{
    private static void MapGenerate(RouteGroupBuilder member)
    {
        member.MapPost("/generate", GenerateAsync)
            .WithRateLimit(RateLimitPolicies.QrGenerate)
            .WithSummary("Share credentials: a holder-signed presentation behind a QR token (qr_ + 128 random bits). expires_in 60 s up to the configured maximum (default 900 s); audience: a lender organisation id. Wallet members get 409 wallet_signature_required with the presentation to sign.")
            .WithExamples("""{"credential_ids":["7f3e0c52-8a0e-4a43-9d0b-2f4d1b9b7c10"]}""",
                (201, """{"token":"qr_k5v3q2x7...","expires_at":"2026-11-22T05:15:00Z","expires_in":900,"member_did":"did:key:z6Mk...","credential_ids":["7f3e0c52-8a0e-4a43-9d0b-2f4d1b9b7c10"],"audience":null,"qr_content":"qr_k5v3q2x7...","qr_png_url":"https://zkp.example/api/v1/qr/qr_k5v3q2x7....png","qr_svg_url":"https://zkp.example/api/v1/qr/qr_k5v3q2x7....svg"}"""));
        member.MapPost("/pending/{id:guid}", CompleteAsync)
            .WithRateLimit(RateLimitPolicies.QrGenerate)
            .WithSummary("Wallet flow, step 2: post the wallet-signed presentation (eddsa-jcs-2022, proofPurpose authentication, the given challenge and domain) for a pending token; answers as qr/generate.")
            .WithExamples("""{"presentation":{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],"holder":"did:key:z6Mk...","verifiableCredential":[],"proof":{}}}""", (201, """{"token":"qr_k5v3q2x7...","expires_at":"2026-11-22T05:15:00Z"}"""));
    }

    internal static async Task<Results<Created<QrGenerateResponse>, ValidationProblem, ProblemHttpResult>> GenerateAsync(
        QrGenerateRequest request, ClaimsPrincipal user, QrTokenService tokens, CancellationToken cancellationToken)
    {
        if (MemberId(user) is not { } memberId)
        {
            return NotMember();
        }

        var errors = new FieldErrors();
        var ids = new List<Guid>();
        if (request.CredentialIds is not { Count: > 0 } given)
        {
            errors.Add("credential_ids", "credential_ids must list at least one credential id.");
        }
        else if (given.Count > tokens.MaxCredentialsPerToken)
        {
            errors.Add("credential_ids", $"credential_ids may list at most {tokens.MaxCredentialsPerToken} credentials.");
        }
        else
        {
            foreach (var text in given)
            {
                var bare = text?.StartsWith("urn:uuid:", StringComparison.Ordinal) == true ? text["urn:uuid:".Length..] : text;
                if (!Guid.TryParse(bare, out var id))
                {
                    errors.Add("credential_ids", $"'{text}' is not a credential id.");
                }
                else if (ids.Contains(id))
                {
                    errors.Add("credential_ids", $"{id} is listed twice.");
                }
                else
                {
                    ids.Add(id);
                }
            }
        }

        var expiresIn = request.ExpiresIn ?? tokens.DefaultExpiresInSeconds;
        if (expiresIn < MinExpiresInSeconds || expiresIn > tokens.MaxExpiresInSeconds)
        {
            errors.Add("expires_in", $"expires_in must be from {MinExpiresInSeconds} to {tokens.MaxExpiresInSeconds} seconds.");
        }

        Guid? audience = null;
        if (request.Audience is { } audienceText)
        {
            if (!Guid.TryParse(audienceText, out var lender) || !await tokens.IsLenderAsync(lender, cancellationToken))
            {
                errors.Add("audience", "audience must be the organization_id of a registered lender.");
            }
            else
            {
                audience = lender;
            }
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var creation = await tokens.CreateAsync(memberId, ids, expiresIn, audience, cancellationToken);
        return Answer(creation, tokens);
    }

    internal static async Task<Results<Created<QrGenerateResponse>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        Guid id, QrWalletSignatureRequest request, ClaimsPrincipal user, QrTokenService tokens, CancellationToken cancellationToken)
    {
        if (MemberId(user) is not { } memberId)
        {
            return NotMember();
        }

        if (request.Presentation is not { } presentation)
        {
            return new FieldErrors().Add("presentation", "presentation is required: the wallet-signed presentation object.").ToProblem();
        }

        return Answer(await tokens.CompleteWalletSignatureAsync(memberId, id, presentation, cancellationToken), tokens);
    }

    private const int MinExpiresInSeconds = 60;

    private static Results<Created<QrGenerateResponse>, ValidationProblem, ProblemHttpResult> Answer(QrCreation creation, QrTokenService tokens)
    {
        if (creation.Problem is { } refusal)
        {
            return Problems.Create(refusal.Status, refusal.Code, refusal.Detail);
        }

        var row = creation.Row!;
        if (creation.UnsignedPresentation is { } unsigned)
        {
            return TypedResults.Problem(
                detail: "Your holder key is in your wallet: sign this presentation with it (eddsa-jcs-2022, proofPurpose authentication, this challenge and domain) and POST it to complete_url within expires_at.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?>
                {
                    ["code"] = ProblemCodes.WalletSignatureRequired,
                    ["pending_id"] = row.Id,
                    ["presentation"] = unsigned,
                    ["challenge"] = row.Challenge,
                    ["domain"] = row.Domain,
                    ["proof_purpose"] = "authentication",
                    ["cryptosuite"] = "eddsa-jcs-2022",
                    ["expires_at"] = ResolvedClaim.Iso(row.ExpiresUtc),
                    ["complete_url"] = $"/api/v1/qr/pending/{row.Id}",
                });
        }

        var token = creation.Token!;
        var response = new QrGenerateResponse(
            token,
            ResolvedClaim.Iso(row.ExpiresUtc),
            (int)Math.Round((row.ExpiresUtc - row.CreatedUtc).TotalSeconds),
            row.MemberDid,
            System.Text.Json.JsonSerializer.Deserialize<List<Guid>>(row.CredentialIds) ?? [],
            row.AudienceOrganizationId,
            token,
            tokens.ImageUrl(token, "png"),
            tokens.ImageUrl(token, "svg"));
        return TypedResults.Created($"/api/v1/qr/{token}.png", response);
    }
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QrGenerateRequest(List<string?>? CredentialIds, int? ExpiresIn, string? Audience);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record QrWalletSignatureRequest(JsonObject? Presentation);

public sealed record QrGenerateResponse(
    string Token,
    string ExpiresAt,
    int ExpiresIn,
    string MemberDid,
    IReadOnlyList<Guid> CredentialIds,
    Guid? Audience,
    string QrContent,
    string QrPngUrl,
    string QrSvgUrl);
