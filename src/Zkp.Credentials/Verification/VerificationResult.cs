using System.Text.Json.Nodes;

namespace Zkp.Credentials.Verification;

/// <summary>One step that ran. <see cref="Code"/> is null when it passed.</summary>
public sealed record VerificationStepResult(string Step, string Label, bool Passed, string Detail, string? Code);

/// <summary>One credential's outcome; <see cref="Reason"/> is null when it passed.</summary>
public sealed record ClaimResult(string ClaimType, bool Passed, string? Reason);

/// <summary>The issuer of the presented credentials as the trust registry knows it.</summary>
public sealed record IssuerInfo(string Did, string? Name, string? NcuaCharter, bool Trusted);

/// <summary>A value a lender's form can be pre-filled with, e.g. income_range = "Above $50,000".</summary>
public sealed record AutoFillEntry(string Field, string Value, string ClaimType);

/// <summary>
/// The pipeline's outcome. <see cref="Steps"/> holds the steps that ran, in order: all six when everything
/// verified, otherwise up to and including the first failing one (later steps did not run and are absent).
/// </summary>
public sealed record VerificationResult(
    string? MemberDid,
    IReadOnlyList<VerificationStepResult> Steps,
    IReadOnlyList<ClaimResult> Claims,
    IssuerInfo? IssuerInfo,
    IReadOnlyList<AutoFillEntry> AutoFill)
{
    public bool AllVerified => Steps.Count == VerificationSteps.Order.Count && Steps.All(s => s.Passed);

    public VerificationStepResult? FailedStep => Steps.FirstOrDefault(s => !s.Passed);

    /// <summary>The integration guide's response shape (snake_case); <c>failed_step</c> is null when all verified.</summary>
    public JsonObject ToJson()
    {
        var claimsVerified = new JsonObject();
        var claims = new JsonArray();
        foreach (var claim in Claims)
        {
            claimsVerified[claim.ClaimType] = claim.Passed;
            claims.Add(new JsonObject { ["claim_type"] = claim.ClaimType, ["passed"] = claim.Passed, ["reason"] = claim.Reason });
        }

        var steps = new JsonArray();
        foreach (var step in Steps)
        {
            var node = new JsonObject { ["step"] = step.Step, ["label"] = step.Label, ["passed"] = step.Passed, ["detail"] = step.Detail };
            if (step.Code is not null)
            {
                node["code"] = step.Code;
            }

            steps.Add(node);
        }

        var autoFill = new JsonArray();
        foreach (var entry in AutoFill)
        {
            autoFill.Add(new JsonObject { ["field"] = entry.Field, ["value"] = entry.Value, ["claim_type"] = entry.ClaimType });
        }

        return new JsonObject
        {
            ["member_did"] = MemberDid,
            ["claims_verified"] = claimsVerified,
            ["all_verified"] = AllVerified,
            ["failed_step"] = FailedStep?.Step,
            ["steps"] = steps,
            ["claims"] = claims,
            ["issuer_info"] = IssuerInfo is null ? null : new JsonObject
            {
                ["did"] = IssuerInfo.Did,
                ["name"] = IssuerInfo.Name,
                ["ncua_charter"] = IssuerInfo.NcuaCharter,
                ["trusted"] = IssuerInfo.Trusted,
            },
            ["auto_fill"] = autoFill,
        };
    }
}
