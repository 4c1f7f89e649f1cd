using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Credentials;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Webhooks;
using Zkp.Credentials.Verification;

namespace Zkp.Api.Verification;

/// <summary>
/// Runs the verifier pipeline on a resolved QR token for a lender and records the run: one <c>verifications</c> row
/// and the <c>verification.completed</c> or <c>verification.failed</c> outbox rows, committed in one transaction.
/// </summary>
public sealed class VerificationService(
    ZkpDbContext db,
    VerifierInputs inputs,
    ClaimKeys keys,
    IWebhookEventPublisher webhooks,
    ProofVerifierChoice proofs,
    TimeProvider time)
{
    /// <summary>Verifies <paramref name="token"/> (already resolved for this lender: live, addressed to it or to anyone).</summary>
    public async Task<RecordedVerification> VerifyAsync(QrToken token, Guid lenderOrganizationId, Guid? apiKeyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var tokenHash = token.TokenHash ?? throw new ArgumentException("A pending token cannot be verified.", nameof(token));
        var presentation = token.PresentationJson ?? throw new ArgumentException("A pending token cannot be verified.", nameof(token));

        var registry = await inputs.TrustRegistryAsync(cancellationToken);
        var statusLists = await inputs.StatusListsAsync(presentation, cancellationToken);
        var now = time.GetUtcNow();
        var request = new VerificationRequest
        {
            PresentationJson = presentation,
            Challenge = token.Challenge,
            Domain = token.Domain,
            Token = new QrTokenWindow(Utc(token.CreatedUtc), Utc(token.ExpiresUtc), token.Domain),
        };
        var context = new VerifierContext
        {
            TrustRegistry = registry,
            StatusLists = statusLists,
            VerifyingKeys = keys.VerifyingKeys,
            Challenges = new DatabaseChallengeStore(db, tokenHash, now.UtcDateTime),
            Clock = time,
            ProofVerifier = proofs.Verifier,
        };
        var result = await VerifierPipeline.VerifyAsync(request, context, cancellationToken);

        var record = new VerificationRecord
        {
            Id = Guid.NewGuid(),
            LenderOrganizationId = lenderOrganizationId,
            ApiKeyId = apiKeyId,
            TokenHash = tokenHash,
            MemberDid = result.MemberDid,
            ClaimsVerified = ClaimsVerified(result).ToJsonString(),
            AllVerified = result.AllVerified,
            FailedStep = result.FailedStep?.Step,
            FailureCode = result.FailedStep?.Code,
            Steps = Steps(result).ToJsonString(),
            IssuerInfo = IssuerInfo(result.IssuerInfo)?.ToJsonString(),
            VerifiedUtc = now.UtcDateTime,
        };
        db.Verifications.Add(record);
        await webhooks.EnqueueAsync(
            db,
            lenderOrganizationId,
            result.AllVerified ? WebhookEvents.VerificationCompleted : WebhookEvents.VerificationFailed,
            WebhookPayload(record, result),
            cancellationToken);
        // One SaveChanges is one transaction: the record and its events commit together or not at all.
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new RecordedVerification(record, result);
    }

    /// <summary>The guide's verify/proof response, in the guide's field order, plus per-claim <c>claims</c> reasons.</summary>
    public static JsonObject ResponseJson(RecordedVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        var result = verification.Result;
        var autoFill = new JsonArray();
        foreach (var entry in result.AutoFill)
        {
            autoFill.Add(new JsonObject { ["field"] = entry.Field, ["value"] = entry.Value, ["claim_type"] = entry.ClaimType });
        }

        return new JsonObject
        {
            ["member_did"] = result.MemberDid,
            ["claims_verified"] = ClaimsVerified(result),
            ["all_verified"] = result.AllVerified,
            ["verification_id"] = verification.Record.Id.ToString(),
            ["steps"] = Steps(result),
            ["failed_step"] = result.FailedStep?.Step,
            ["failure_code"] = result.FailedStep?.Code,
            ["claims"] = Claims(result),
            ["issuer_info"] = IssuerInfo(result.IssuerInfo),
            ["auto_fill"] = autoFill,
        };
    }

    /// <summary>Timestamps as the guide shows them: UTC to the second, without an offset.</summary>
    public static string GuideTimestamp(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static object WebhookPayload(VerificationRecord record, VerificationResult result) => new JsonObject
    {
        ["verification_id"] = record.Id.ToString(),
        ["member_did"] = result.MemberDid,
        ["claims_verified"] = ClaimsVerified(result),
        ["all_verified"] = result.AllVerified,
        ["failed_step"] = result.FailedStep?.Step,
        ["failure_code"] = result.FailedStep?.Code,
        ["claims"] = Claims(result),
        ["issuer_info"] = IssuerInfo(result.IssuerInfo),
        ["verified_at"] = GuideTimestamp(record.VerifiedUtc),
    };

    private static JsonObject ClaimsVerified(VerificationResult result)
    {
        var claims = new JsonObject();
        foreach (var claim in result.Claims)
        {
            claims[claim.ClaimType] = claim.Passed;
        }

        return claims;
    }

    private static JsonArray Claims(VerificationResult result)
    {
        var claims = new JsonArray();
        foreach (var claim in result.Claims)
        {
            claims.Add(new JsonObject { ["claim_type"] = claim.ClaimType, ["passed"] = claim.Passed, ["reason"] = claim.Reason });
        }

        return claims;
    }

    private static JsonArray Steps(VerificationResult result)
    {
        var steps = new JsonArray();
        foreach (var step in result.Steps)
        {
            var node = new JsonObject { ["step"] = step.Step, ["label"] = step.Label, ["passed"] = step.Passed, ["detail"] = step.Detail };
            if (step.Code is not null)
            {
                node["code"] = step.Code;
            }

            steps.Add(node);
        }

        return steps;
    }

    private static JsonObject? IssuerInfo(IssuerInfo? info) => info is null ? null : new JsonObject
    {
        ["did"] = info.Did,
        ["name"] = info.Name,
        ["ncua_charter"] = info.NcuaCharter,
        ["trusted"] = info.Trusted,
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

public sealed record RecordedVerification(VerificationRecord Record, VerificationResult Result);

/// <summary>The process's proof verifier for verify/proof (<c>Verification:BatchProofs</c>); null checks each proof alone.</summary>
public sealed record ProofVerifierChoice(IProofVerifier? Verifier);
