using System.Text.Json.Nodes;
using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Credentials.Claims;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Status;
using Zkp.Credentials.Vc;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Credentials.Verification;

/// <summary>
/// The verifier pipeline: DECODE, FRESHNESS, ISSUER_AUTH, ZKP_VERIFY, REVOCATION, HOLDER_BINDING, in that
/// order, stopping at the first failing step. Pure: no database, no network; every input is injected.
/// </summary>
/// <remarks>
/// A step that checks credentials checks all of them, so every failing claim gets its reason, and fails with
/// the code of the first failing credential. The challenge is consumed last, only after the holder's
/// signature over it verified, so a forged presentation cannot burn a verifier's nonce.
/// </remarks>
public static class VerifierPipeline
{
    public static VerificationResult Verify(VerificationRequest request, VerifierContext context)
    {
        ValidateArguments(request, context);
        // Without an I/O challenge store or a proof verifier that waits, every step completes synchronously.
        var run = new Run(request, context with { ProofVerifier = null }).ExecuteAsync(CancellationToken.None);
        return run.IsCompleted ? run.Result : run.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// As <see cref="Verify"/>, with the challenge written through <see cref="IChallengeStore.TryConsumeAsync"/> and the
    /// pairing checks through <see cref="VerifierContext.ProofVerifier"/> (for example batched with other requests').
    /// The result is the one <see cref="Verify"/> gives for the same inputs.
    /// </summary>
    public static ValueTask<VerificationResult> VerifyAsync(VerificationRequest request, VerifierContext context, CancellationToken cancellationToken = default)
    {
        ValidateArguments(request, context);
        return new Run(request, context, consumeAsync: true).ExecuteAsync(cancellationToken);
    }

    private static void ValidateArguments(VerificationRequest request, VerifierContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request.PresentationJson);
        ArgumentException.ThrowIfNullOrEmpty(request.Challenge);
        ArgumentException.ThrowIfNullOrEmpty(request.Domain);
        ArgumentNullException.ThrowIfNull(context.TrustRegistry);
        ArgumentNullException.ThrowIfNull(context.StatusLists);
        ArgumentNullException.ThrowIfNull(context.VerifyingKeys);
        ArgumentNullException.ThrowIfNull(context.Challenges);
        ArgumentNullException.ThrowIfNull(context.Clock);
    }

    private readonly record struct Failure(string Code, string Detail);

    private sealed class Run(VerificationRequest request, VerifierContext context, bool consumeAsync = false)
    {
        private readonly List<VerificationStepResult> steps = [];
        private readonly DateTimeOffset now = context.Clock.GetUtcNow();
        private JsonObject presentation = null!;
        private string? holder;
        private List<(JsonObject Json, ClaimCredential Parsed)> credentials = [];
        private string?[] claimFailures = [];
        private IssuerInfo? issuerInfo;

        public async ValueTask<VerificationResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            if (Step(VerificationSteps.Decode, Decode)
                && Step(VerificationSteps.Freshness, Freshness)
                && Step(VerificationSteps.IssuerAuth, IssuerAuth)
                && Record(VerificationSteps.ZkpVerify, await ZkpVerifyAsync(cancellationToken))
                && Step(VerificationSteps.Revocation, () => PerCredential(Revocation)))
            {
                var binding = HolderBinding();
                if (binding is null)
                {
                    var fresh = consumeAsync
                        ? await context.Challenges.TryConsumeAsync(request.Domain, request.Challenge, cancellationToken)
                        : context.Challenges.TryConsume(request.Domain, request.Challenge);
                    binding = fresh ? null : new Failure(VerificationCodes.ChallengeReplayed, "the challenge was already used");
                }

                Record(VerificationSteps.HolderBinding, binding);
            }

            return Result();
        }

        private VerificationResult Result()
        {
            var allVerified = steps.Count == VerificationSteps.Order.Count && steps.TrueForAll(s => s.Passed);
            var failed = steps.Find(s => !s.Passed);
            var claims = new List<ClaimResult>(credentials.Count);
            var autoFill = new List<AutoFillEntry>();
            for (var i = 0; i < credentials.Count; i++)
            {
                var credential = credentials[i].Parsed;
                var reason = claimFailures[i] ?? (allVerified ? null : $"not verified: {failed!.Step} failed");
                claims.Add(new ClaimResult(credential.ClaimType, reason is null, reason));
                if (allVerified)
                {
                    autoFill.Add(new AutoFillEntry(credential.ClaimType, credential.Definition.AutoFillText(credential.Bounds), credential.ClaimType));
                }
            }

            return new VerificationResult(holder, steps, claims, issuerInfo, autoFill);
        }

        private bool Step(string step, Func<Failure?> check) => Record(step, check());

        private bool Record(string step, Failure? failure)
        {
            steps.Add(failure is { } f
                ? new VerificationStepResult(step, VerificationSteps.Label(step), false, f.Detail, f.Code)
                : new VerificationStepResult(step, VerificationSteps.Label(step), true, VerificationSteps.SuccessDetail(step), null));
            return failure is null;
        }

        // Runs a per-credential check on every credential, records each failing claim's reason, and fails the
        // step with the first failure.
        private Failure? PerCredential(Func<JsonObject, ClaimCredential, Failure?> check)
        {
            Failure? first = null;
            for (var i = 0; i < credentials.Count; i++)
            {
                if (check(credentials[i].Json, credentials[i].Parsed) is { } failure)
                {
                    var detail = $"{credentials[i].Parsed.ClaimType}: {failure.Detail}";
                    claimFailures[i] = detail;
                    first ??= failure with { Detail = detail };
                }
            }

            return first;
        }

        private Failure? Decode()
        {
            try
            {
                presentation = CredentialJson.Parse(request.PresentationJson);
            }
            catch (CredentialFormatException e)
            {
                return new Failure(VerificationCodes.MalformedJson, e.Message);
            }

            if (presentation["type"] is not JsonArray types || !types.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s == VerifiablePresentation.PresentationType))
            {
                return new Failure(VerificationCodes.NotAPresentation, $"type must include '{VerifiablePresentation.PresentationType}'");
            }

            holder = EddsaJcs2022.ReadString(presentation, "holder");
            var items = presentation["verifiableCredential"] switch
            {
                JsonObject single => [single],
                JsonArray array => array.ToList(),
                _ => [],
            };
            if (items.Count == 0)
            {
                return new Failure(VerificationCodes.NoCredentials, "the presentation carries no verifiableCredential");
            }

            var parsed = new List<(JsonObject, ClaimCredential)>(items.Count);
            var claimTypes = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is not JsonObject json)
                {
                    return new Failure(VerificationCodes.MalformedCredential, $"verifiableCredential[{i}] is not an object");
                }

                if (!ClaimCredential.TryParse(json, out var credential, out var error))
                {
                    return new Failure(VerificationCodes.MalformedCredential, $"verifiableCredential[{i}]: {error}");
                }

                // The binding public signal is derived from the id, so a credential without one cannot be checked.
                if (string.IsNullOrEmpty(credential!.Id))
                {
                    return new Failure(VerificationCodes.CredentialIdMissing, $"verifiableCredential[{i}] has no id");
                }

                if (!claimTypes.Add(credential.ClaimType))
                {
                    return new Failure(VerificationCodes.DuplicateClaimType, $"claim type {credential.ClaimType} is presented twice");
                }

                // One issuer_info describes the result, so one presentation carries one issuer's credentials.
                if (parsed.Count > 0 && parsed[0].Item2.Issuer != credential.Issuer)
                {
                    return new Failure(VerificationCodes.MixedIssuers, $"verifiableCredential[{i}] is issued by {credential.Issuer}, not {parsed[0].Item2.Issuer}");
                }

                parsed.Add((json, credential));
            }

            credentials = parsed;
            claimFailures = new string?[parsed.Count];
            var issuer = parsed[0].Item2.Issuer;
            issuerInfo = context.TrustRegistry.TryGet(issuer, out var entry)
                ? new IssuerInfo(issuer, entry.Name, entry.NcuaCharter, entry.IsActive)
                : new IssuerInfo(issuer, null, null, false);
            return null;
        }

        private Failure? Freshness()
        {
            if (request.Token is { } token)
            {
                if (now < token.NotBefore)
                {
                    return new Failure(VerificationCodes.TokenNotYetValid, $"QR token is not valid before {EddsaJcs2022.FormatDateTime(token.NotBefore)}");
                }

                if (now > token.NotAfter)
                {
                    return new Failure(VerificationCodes.TokenExpired, $"QR token expired at {EddsaJcs2022.FormatDateTime(token.NotAfter)}");
                }

                if (!string.Equals(token.Audience, request.Domain, StringComparison.Ordinal))
                {
                    return new Failure(VerificationCodes.TokenAudienceMismatch, $"QR token is for {token.Audience}, not {request.Domain}");
                }
            }

            return PerCredential((_, credential) => credential.CheckValidity(now) is { } problem
                ? new Failure(now < credential.ValidFrom ? VerificationCodes.CredentialNotYetValid : VerificationCodes.CredentialExpired, problem)
                : null);
        }

        private Failure? IssuerAuth()
        {
            var info = issuerInfo!;
            if (!context.TrustRegistry.TryGet(info.Did, out var entry))
            {
                return new Failure(VerificationCodes.IssuerUnknown, $"issuer {info.Did} is not in the trust registry");
            }

            if (!entry.IsActive)
            {
                return new Failure(VerificationCodes.IssuerNotActive, $"issuer {entry.Name} is {entry.Status}");
            }

            return PerCredential((json, _) => ClaimCredential.VerifyIssuerSignature(json) is { Verified: false } signature
                ? new Failure(VerificationCodes.IssuerSignatureInvalid, "issuer signature: " + signature.Detail)
                : null);
        }

        // Every credential's cheap checks first, then the pairing checks, all started before any is awaited so a
        // batching verifier sees a presentation's proofs together.
        private async ValueTask<Failure?> ZkpVerifyAsync(CancellationToken cancellationToken)
        {
            var failures = new Failure?[credentials.Count];
            var pending = new List<(int Index, ValueTask<bool> Valid)>();
            for (var i = 0; i < credentials.Count; i++)
            {
                failures[i] = ZkpPrecheck(credentials[i].Parsed, out var check);
                if (failures[i] is not null)
                {
                    continue;
                }

                var (key, circuitId, signals, proof) = check;
                if (context.ProofVerifier is { } verifier)
                {
                    pending.Add((i, verifier.VerifyAsync(key, circuitId, signals, proof, cancellationToken)));
                }
                else
                {
                    failures[i] = Groth16Verifier.Verify(key, circuitId, signals, proof) ? null : ProofInvalid;
                }
            }

            foreach (var (index, valid) in pending)
            {
                failures[index] = await valid ? null : ProofInvalid;
            }

            // PerCredential visits the credentials in order, so the position is the credential's index.
            var position = 0;
            return PerCredential((_, _) => failures[position++]);
        }

        private static readonly Failure ProofInvalid = new(VerificationCodes.ProofInvalid, "Groth16 pairing check failed");

        // The signed subject names the circuit, bounds, commitment and binding; the proof must be for exactly
        // those values. Cheap comparisons run before the pairing. Point decoding (ReadProof) checks that the
        // proof points are on their curves and G2 points in the subgroup. The pairing itself is not checked here.
        private Failure? ZkpPrecheck(ClaimCredential credential, out (VerifyingKey Key, string CircuitId, Fr[] Signals, Proof Proof) check)
        {
            check = default;
            var circuit = ClaimCircuits.Range;
            if (credential.CircuitId != circuit.Id)
            {
                return new Failure(VerificationCodes.UnsupportedCircuit, $"circuit {credential.CircuitId} is not the claim circuit {ClaimCircuits.Range.Id}");
            }

            if (!context.VerifyingKeys.TryGetValue(credential.CircuitId, out var key))
            {
                return new Failure(VerificationCodes.CircuitKeyMissing, $"no verifying key for circuit {credential.CircuitId}");
            }

            // Keys are bound to the circuit hash (SHA-256 of the .r1cs), so a key made for another circuit,
            // even one filed under this circuit's id, is refused.
            if (!string.Equals(key.CircuitId, circuit.CircuitHash, StringComparison.Ordinal))
            {
                return new Failure(VerificationCodes.CircuitKeyMismatch, $"the verifying key for {credential.CircuitId} is bound to {key.CircuitId ?? "no circuit"}, not {circuit.CircuitHash}");
            }

            if (credential.PublicSignals.Count != key.PublicSignalCount)
            {
                return new Failure(VerificationCodes.SignalCountMismatch, $"expected {key.PublicSignalCount} public signals, got {credential.PublicSignals.Count}");
            }

            var binding = ClaimCommitment.BindingFor(credential.Id!);
            if (Fr.Parse(credential.Binding) != binding)
            {
                return new Failure(VerificationCodes.BindingMismatch, "the signed binding is not the credential id's binding");
            }

            var expected = ClaimCommitment.RangePublicSignals(Fr.Parse(credential.Commitment), credential.Bounds.Lower, credential.Bounds.Upper, binding);
            var signals = new Fr[expected.Length];
            for (var i = 0; i < signals.Length; i++)
            {
                signals[i] = Fr.Parse(credential.PublicSignals[i]);
            }

            if (signals[0] != expected[0])
            {
                return new Failure(VerificationCodes.CommitmentMismatch, "the proof's commitment is not the signed commitment");
            }

            if (signals[1] != expected[1] || signals[2] != expected[2])
            {
                return new Failure(VerificationCodes.BoundsMismatch, $"the proof's bounds [{signals[1]}, {signals[2]}] are not the signed bounds [{credential.Bounds.LowerText}, {credential.Bounds.UpperText}]");
            }

            if (signals[3] != expected[3])
            {
                return new Failure(VerificationCodes.BindingMismatch, "the proof's binding is not the credential id's binding");
            }

            Proof proof;
            try
            {
                proof = SnarkjsJson.ReadProof(credential.ZkProof);
            }
            catch (ZkFormatException e)
            {
                return new Failure(VerificationCodes.ProofMalformed, e.Message);
            }

            check = (key, circuit.CircuitHash, expected, proof);
            return null;
        }

        private Failure? Revocation(JsonObject json, ClaimCredential credential)
        {
            // Every credential this product issues has a status entry; one without could never be revoked.
            if (credential.Status is not { } entry)
            {
                return new Failure(VerificationCodes.StatusEntryMissing, "the credential has no credentialStatus");
            }

            var check = StatusListCredential.Check(entry, context.StatusLists.Resolve(entry.StatusListCredential), credential.Issuer, now);
            if (!check.Succeeded)
            {
                var code = check.Error switch
                {
                    StatusListError.StatusRetrievalError => VerificationCodes.StatusListUnavailable,
                    StatusListError.StatusVerificationError => VerificationCodes.StatusListInvalid,
                    _ => VerificationCodes.StatusListMalformed,
                };
                return new Failure(code, $"{check.Error.SpecName()}: {check.Detail}");
            }

            if (!check.IsSet)
            {
                return null;
            }

            return entry.StatusPurpose == "suspension"
                ? new Failure(VerificationCodes.CredentialSuspended, "the credential is suspended: " + check.Detail)
                : new Failure(VerificationCodes.CredentialRevoked, "the credential is revoked: " + check.Detail);
        }

        private Failure? HolderBinding()
        {
            var verification = VerifiablePresentation.Verify(presentation, request.Challenge, request.Domain);
            if (!verification.Verified)
            {
                var code = verification.Failure switch
                {
                    DataIntegrityFailure.MissingProof => VerificationCodes.PresentationUnsigned,
                    DataIntegrityFailure.ChallengeMismatch => VerificationCodes.ChallengeMismatch,
                    DataIntegrityFailure.DomainMismatch => VerificationCodes.DomainMismatch,
                    _ => VerificationCodes.PresentationSignatureInvalid,
                };
                return new Failure(code, "presentation: " + verification.Detail);
            }

            // The challenge is consumed by the caller, only when this passes.
            return PerCredential((_, credential) => credential.SubjectId == verification.Holder
                ? null
                : new Failure(VerificationCodes.HolderNotSubject, $"the presentation is signed by {verification.Holder}, the credential subject is {credential.SubjectId}"));
        }
    }
}
