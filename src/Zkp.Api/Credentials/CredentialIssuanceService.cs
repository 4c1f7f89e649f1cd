using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.Options;
using Zkp.Api.Registry;
using Zkp.Api.Webhooks;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Vc;
using Zkp.Credentials.Verification;

namespace Zkp.Api.Credentials;

/// <summary>
/// Issues claim credentials to members from the attributes their credit union reported: checks the request and the
/// member's value first (a refusal writes nothing), proves, then, in one transaction, allocates a status-list index,
/// signs, stores the credential and enqueues <c>credential.issued</c>.
/// </summary>
public sealed class CredentialIssuanceService(
    ZkpDbContext db,
    ClaimKeys keys,
    IssuerService issuers,
    StatusListService statusLists,
    MemberKeyService memberKeys,
    IWebhookEventPublisher webhooks,
    IOptions<CredentialOptions> options,
    TimeProvider time)
{
    /// <summary>Issues one credential; returns the stored row (its <see cref="Credential.CredentialJson"/> is the signed VC).</summary>
    /// <exception cref="CredentialIssuanceException">The request or the member's data does not allow issuing; nothing was written.</exception>
    public async Task<Credential> IssueAsync(Guid memberAccountId, string claimType, ulong? threshold, ulong? upper, CancellationToken cancellationToken = default)
    {
        var (definition, bounds) = CheckRequest(claimType, threshold, upper);
        return await IssueCoreAsync(memberAccountId, definition, bounds, threshold ?? definition.DefaultThreshold!.Value, upper, beforeCommit: null, cancellationToken);
    }

    /// <summary>
    /// Issues for a queued job. <paramref name="completeJob"/> runs inside the issuing transaction with the new credential's
    /// id and must record the job's success there; when it returns false (the worker lost its lease) everything rolls back,
    /// so a job's credential is written at most once, together with its <c>succeeded</c> state.
    /// </summary>
    /// <exception cref="CredentialIssuanceException">Refused; nothing was written.</exception>
    /// <exception cref="IssuanceLeaseLostException">Another worker owns the job now; nothing was written.</exception>
    internal async Task<Credential> IssueForJobAsync(Guid memberAccountId, string claimType, ulong? threshold, ulong? upper, Func<Guid, Task<bool>> completeJob, CancellationToken cancellationToken)
    {
        var (definition, bounds) = CheckRequest(claimType, threshold, upper);
        return await IssueCoreAsync(memberAccountId, definition, bounds, threshold ?? definition.DefaultThreshold!.Value, upper, completeJob, cancellationToken);
    }

    /// <summary>Checks a request against the claim catalogue alone (no database), as the API does before queueing a job.</summary>
    /// <exception cref="CredentialIssuanceException"><c>unknown_claim_type</c> or <c>threshold_out_of_range</c>.</exception>
    public static (ClaimDefinition Definition, ClaimBounds Bounds) CheckRequest(string? claimType, ulong? threshold, ulong? upper)
    {
        if (!ClaimCatalogue.TryGet(claimType, out var definition))
        {
            throw new CredentialIssuanceException(StatusCodes.Status400BadRequest, ProblemCodes.UnknownClaimType,
                $"Unknown claim_type '{claimType}'. Supported: {string.Join(", ", ClaimCatalogue.All.Select(d => d.Name))}.");
        }

        if (!definition.TryBoundsFor(threshold, upper, out var bounds, out var error))
        {
            throw new CredentialIssuanceException(StatusCodes.Status400BadRequest, ProblemCodes.ThresholdOutOfRange, Sentence(error));
        }

        return (definition, bounds);
    }

    private async Task<Credential> IssueCoreAsync(
        Guid memberAccountId, ClaimDefinition definition, ClaimBounds bounds, ulong threshold, ulong? upper, Func<Guid, Task<bool>>? beforeCommit, CancellationToken cancellationToken)
    {
        var attributes = await db.MemberAttributes.AsNoTracking().SingleOrDefaultAsync(m => m.MemberAccountId == memberAccountId, cancellationToken)
            ?? throw new CredentialIssuanceException(StatusCodes.Status409Conflict, ProblemCodes.NoAttributes,
                "Your credit union has not reported any attributes for you yet, so no credential can be issued.");
        var issuer = await db.Issuers.AsNoTracking().SingleAsync(i => i.Id == attributes.IssuerId, cancellationToken);
        if (issuer.Status != IssuerStatuses.Active)
        {
            throw IssuerNotActive(issuer);
        }

        var now = time.GetUtcNow();
        var value = ClaimValues.ValueFor(definition.Name, attributes, DateOnly.FromDateTime(now.UtcDateTime))
            ?? throw new CredentialIssuanceException(StatusCodes.Status409Conflict, ProblemCodes.AttributeMissing,
                $"Your credit union has not reported {ClaimValues.AttributeFor(definition.Name)}, which {definition.Name} is about.");
        if (!bounds.Contains(value))
        {
            // The detail names the claim's bounds, never the member's value.
            throw new CredentialIssuanceException(StatusCodes.Status400BadRequest, ProblemCodes.ClaimNotSatisfied,
                $"Your {ClaimValues.AttributeFor(definition.Name)} does not satisfy {definition.Name} with these bounds ({Describe(definition, bounds)}); no credential was issued.");
        }

        var member = await memberKeys.GetOrCreateAsync(memberAccountId, cancellationToken);

        // Whole seconds: validFrom and the proof's created are XML dateTimes, and the stored timestamps should equal them.
        var validFrom = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var validUntil = validFrom.AddDays(options.Value.ValidityDays);
        var credentialId = Guid.NewGuid();

        // Prove before the transaction: allocation locks the issuer's status list (row lock / SQLite write lock) until
        // commit, and only the short signature needs the index.
        using var issuerKey = issuers.SigningKey(issuer);
        var proved = ClaimIssuance.Prove(new ClaimIssuanceRequest
        {
            IssuerKey = issuerKey,
            MemberDid = member.Did,
            ClaimType = definition.Name,
            Threshold = threshold,
            Upper = upper,
            Value = value,
            ProvingKey = keys.ProvingKey,
            CredentialId = UrnFor(credentialId),
            ValidFrom = validFrom,
            ValidUntil = validUntil,
        });

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        StatusListAllocation allocation;
        try
        {
            allocation = await statusLists.AllocateAsync(issuer.Id, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The issuer was suspended between the check above and the allocation's lock.
            throw IssuerNotActive(issuer);
        }

        var signed = proved.Sign(CredentialStatusEntry.ForRevocation(allocation.StatusListCredential, (ulong)allocation.Index));
        var credential = new Credential
        {
            Id = credentialId,
            MemberAccountId = memberAccountId,
            IssuerId = issuer.Id,
            ClaimType = definition.Name,
            Threshold = (long)threshold,
            UpperBound = definition.Comparison == ClaimComparison.Between ? (long)bounds.Upper : null,
            StatusListId = allocation.ListId,
            StatusListIndex = allocation.Index,
            CredentialJson = signed.ToJsonString(),
            Status = CredentialStatuses.Active,
            IssuedUtc = validFrom.UtcDateTime,
            ValidUntilUtc = validUntil.UtcDateTime,
        };
        db.Credentials.Add(credential);
        await webhooks.EnqueueAsync(db, issuer.Id, WebhookEvents.CredentialIssued, new
        {
            CredentialId = credentialId,
            MemberDid = member.Did,
            ClaimType = definition.Name,
            Threshold = threshold,
            IssuedAt = credential.IssuedUtc,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (beforeCommit is not null && !await beforeCommit(credentialId))
        {
            throw new IssuanceLeaseLostException();
        }

        await transaction.CommitAsync(cancellationToken);
        return credential;
    }

    /// <summary>The VC <c>id</c> of a credential row.</summary>
    public static string UrnFor(Guid credentialId) => "urn:uuid:" + credentialId.ToString("D", CultureInfo.InvariantCulture);

    internal static CredentialIssuanceException IssuerNotActive(Issuer issuer) =>
        new(StatusCodes.Status403Forbidden, ProblemCodes.IssuerNotActive,
            $"Your credit union ({issuer.Name}) is {issuer.Status} in the trust registry and cannot issue credentials.");

    private static string Describe(ClaimDefinition definition, ClaimBounds bounds) => definition.Comparison switch
    {
        ClaimComparison.AtLeast => string.Create(CultureInfo.InvariantCulture, $"at least {bounds.Lower} {definition.Unit}"),
        ClaimComparison.AtMost => string.Create(CultureInfo.InvariantCulture, $"at most {bounds.Upper} {definition.Unit}"),
        ClaimComparison.Exactly => string.Create(CultureInfo.InvariantCulture, $"exactly {bounds.Lower}, {definition.Unit}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"between {bounds.Lower} and {bounds.Upper} {definition.Unit}"),
    };

    private static string Sentence(string text) => text + ".";
}

/// <summary>The worker's lease on an issuance job lapsed and another worker took it; this worker's attempt was rolled back.</summary>
public sealed class IssuanceLeaseLostException : Exception
{
    public IssuanceLeaseLostException()
        : base("The issuance job's lease was lost; the attempt was rolled back.")
    {
    }

    public IssuanceLeaseLostException(string message)
        : base(message)
    {
    }

    public IssuanceLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
