using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Zkp.Api.Errors;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.RateLimiting;
using Zkp.Api.Registry;
using Zkp.Api.Security;
using Zkp.Credentials.Did;

namespace Zkp.Api.Apis;

/// <summary>The member's holder DID: custodial by default, or a wallet DID proven by signing a challenge.</summary>
public static class WalletApi
{
    public static RouteGroupBuilder MapWalletApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/members/me").WithTags("Member DID and wallet").RequireAuthorization(AuthorizationPolicies.UserJwt);
        group.MapGet("/did", GetDidAsync)
            .WithSummary("The member's holder DID (created on first request) and who holds its key.")
            .WithExamples(null, (200, """{"did":"did:key:z6Mk...","holder_key_custody":"custodial"}"""));
        group.MapPost("/wallet/challenge", ChallengeAsync)
            .WithRateLimit(RateLimitPolicies.Account)
            .WithSummary("A single-use challenge (valid 5 minutes) for the wallet to sign with its Ed25519 key.")
            .WithExamples(null, (200, """{"challenge":"zkp-wallet-binding:Q2hhbGxlbmdl...","expires_at":"2026-11-22T04:05:00Z"}"""));
        group.MapPost("/wallet", BindAsync)
            .WithRateLimit(RateLimitPolicies.Account)
            .WithSummary("Register a wallet did:key: signature over the challenge's UTF-8 bytes, base64url or multibase. Presentations must then be signed by the wallet.")
            .WithExamples("""{"did":"did:key:z6Mk...","challenge":"zkp-wallet-binding:Q2hhbGxlbmdl...","signature":"base64url..."}""",
                (200, """{"did":"did:key:z6Mk...","holder_key_custody":"wallet"}"""));
        return api;
    }

    internal static async Task<Results<Ok<MemberDidResponse>, ProblemHttpResult>> GetDidAsync(ClaimsPrincipal user, MemberKeyService keys, CancellationToken cancellationToken)
    {
        if (MemberId(user) is not { } accountId)
        {
            return NotMember();
        }

        var key = await keys.GetOrCreateAsync(accountId, cancellationToken);
        return TypedResults.Ok(new MemberDidResponse(key.Did, key.HolderKeyCustody));
    }

    internal static async Task<Results<Ok<WalletChallengeResponse>, ProblemHttpResult>> ChallengeAsync(ClaimsPrincipal user, MemberKeyService keys, CancellationToken cancellationToken)
    {
        if (MemberId(user) is not { } accountId)
        {
            return NotMember();
        }

        var (challenge, expires) = await keys.CreateChallengeAsync(accountId, cancellationToken);
        return TypedResults.Ok(new WalletChallengeResponse(challenge, DateTime.SpecifyKind(expires, DateTimeKind.Utc)));
    }

    internal static async Task<Results<Ok<MemberDidResponse>, ValidationProblem, ProblemHttpResult>> BindAsync(
        BindWalletRequest request, ClaimsPrincipal user, MemberKeyService keys, CancellationToken cancellationToken)
    {
        if (MemberId(user) is not { } accountId)
        {
            return NotMember();
        }

        var errors = new FieldErrors().Required("challenge", request.Challenge);
        if (!DidKey.TryParse(request.Did, out var did, out var didError))
        {
            errors.Add("did", $"did must be an Ed25519 did:key ({didError}).");
        }

        if (!MemberKeyService.TryDecodeSignature(request.Signature, out var signature))
        {
            errors.Add("signature", "signature must be a 64-byte Ed25519 signature in base64url or multibase (z/u).");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await keys.BindWalletAsync(accountId, did!, request.Challenge!, signature, cancellationToken) switch
        {
            WalletBindingResult.Bound => TypedResults.Ok(new MemberDidResponse(did!.Did, HolderKeyCustody.Wallet)),
            WalletBindingResult.ChallengeExpired => Problems.Create(StatusCodes.Status400BadRequest, ProblemCodes.ChallengeExpired, "The challenge has expired; request a new one."),
            WalletBindingResult.InvalidSignature => Problems.Create(StatusCodes.Status400BadRequest, ProblemCodes.InvalidWalletSignature, "The signature does not verify with the DID's key; request a new challenge."),
            WalletBindingResult.DidTaken => Problems.Create(StatusCodes.Status409Conflict, ProblemCodes.Conflict, "This DID is registered to another member."),
            _ => Problems.Create(StatusCodes.Status400BadRequest, ProblemCodes.InvalidChallenge, "Unknown or already used challenge; request a new one."),
        };
    }

    private static Guid? MemberId(ClaimsPrincipal user) => user.IsInRole(Roles.Member) ? user.AccountId() : null;

    private static ProblemHttpResult NotMember() =>
        Problems.Create(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Only members have a holder DID.");
}
