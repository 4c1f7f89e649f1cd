using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zkp.Api.Errors;
using Zkp.Api.Model;
using Zkp.Api.Security;
using Zkp.Credentials.Jcs;
using Zkp.Credentials.Vc;

namespace Zkp.Api.Verification;

public sealed partial class QrTokenService
{
    /// <summary>
    /// Builds a presentation of the member's own active credentials, bound to a fresh challenge and the token's
    /// domain, and signs it with the custodial key. A member whose key is in a wallet gets a pending token and
    /// the unsigned presentation instead (<see cref="QrCreation.WalletSignatureRequired"/>).
    /// Arguments are validated by the caller (count, expiry range, audience exists).
    /// </summary>
    public async Task<QrCreation> CreateAsync(Guid memberAccountId, IReadOnlyList<Guid> credentialIds, int expiresInSeconds, Guid? audience, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credentialIds);
        var now = UtcNow;
        var rows = await db.Credentials.AsNoTracking()
            .Where(c => credentialIds.Contains(c.Id) && c.MemberAccountId == memberAccountId)
            .ToListAsync(cancellationToken);
        // Another member's credential is answered like a missing one.
        if (credentialIds.FirstOrDefault(id => rows.All(c => c.Id != id)) is var missing && missing != Guid.Empty)
        {
            return QrCreation.Refused(StatusCodes.Status404NotFound, ProblemCodes.CredentialNotFound, $"You have no credential {missing}.");
        }

        var key = await memberKeys.GetOrCreateAsync(memberAccountId, cancellationToken);
        var documents = new List<JsonObject>(credentialIds.Count);
        foreach (var id in credentialIds)
        {
            var row = rows.Single(c => c.Id == id);
            if (row.Status != CredentialStatuses.Active || row.RevokedUtc is not null)
            {
                return QrCreation.Refused(StatusCodes.Status409Conflict, ProblemCodes.CredentialNotActive, $"Credential {id} is revoked.");
            }

            if (row.ValidUntilUtc <= now)
            {
                return QrCreation.Refused(StatusCodes.Status409Conflict, ProblemCodes.CredentialNotActive, $"Credential {id} has expired; request a new one.");
            }

            var document = CredentialJson.Parse(row.CredentialJson);
            // Holder binding would fail at every lender: the credential names a DID the member no longer holds.
            if (!ClaimCredential.TryParse(document, out var parsed, out _) || parsed!.SubjectId != key.Did)
            {
                return QrCreation.Refused(StatusCodes.Status409Conflict, ProblemCodes.CredentialNotActive, $"Credential {id} was issued to a DID you no longer hold; request a new one.");
            }

            documents.Add(document);
        }

        var tokenRow = new QrToken
        {
            Id = Guid.NewGuid(),
            MemberAccountId = memberAccountId,
            MemberDid = key.Did,
            CredentialIds = JsonSerializer.Serialize(credentialIds),
            Challenge = SecretHashing.RandomToken(16),
            Domain = DomainFor(audience),
            AudienceOrganizationId = audience,
            CreatedUtc = now,
            ExpiresUtc = now.AddSeconds(expiresInSeconds),
        };
        var unsigned = VerifiablePresentation.Create(key.Did, documents, "urn:uuid:" + tokenRow.Id);

        using var holderKey = await memberKeys.CustodialKeyAsync(memberAccountId, cancellationToken);
        if (holderKey is null)
        {
            tokenRow.UnsignedPresentationJson = unsigned.ToJsonString();
            db.QrTokens.Add(tokenRow);
            await db.SaveChangesAsync(cancellationToken);
            return new QrCreation(null, tokenRow, unsigned, null);
        }

        var token = QrTokenFormat.NewToken();
        tokenRow.TokenHash = QrTokenFormat.Hash(token);
        tokenRow.PresentationJson = VerifiablePresentation.Sign(unsigned, holderKey, tokenRow.Challenge, tokenRow.Domain, time.GetUtcNow()).ToJsonString();
        db.QrTokens.Add(tokenRow);
        await db.SaveChangesAsync(cancellationToken);
        return new QrCreation(token, tokenRow, null, null);
    }

    /// <summary>
    /// Second step of the wallet flow: accepts the wallet-signed presentation for a pending token when its signature
    /// verifies with the member's wallet DID over the token's challenge and domain, and its content is exactly the
    /// presentation the server prepared; then issues the token.
    /// </summary>
    public async Task<QrCreation> CompleteWalletSignatureAsync(Guid memberAccountId, Guid pendingId, JsonObject signedPresentation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signedPresentation);
        var now = UtcNow;
        var row = await db.QrTokens.SingleOrDefaultAsync(q => q.Id == pendingId && q.MemberAccountId == memberAccountId && q.TokenHash == null, cancellationToken);
        if (row is null || row.RevokedUtc is not null || row.ExpiresUtc <= now || row.UnsignedPresentationJson is null)
        {
            return QrCreation.Refused(StatusCodes.Status404NotFound, ProblemCodes.QrTokenNotFound, "No pending token has this id (it may have expired; generate a new one).");
        }

        var verification = VerifiablePresentation.Verify(signedPresentation, row.Challenge, row.Domain);
        if (!verification.Verified || verification.Holder != row.MemberDid)
        {
            return QrCreation.Refused(StatusCodes.Status400BadRequest, ProblemCodes.PresentationRejected,
                verification.Verified ? $"The presentation is signed by {verification.Holder}, not your wallet DID {row.MemberDid}." : "The presentation's signature does not verify: " + verification.Detail);
        }

        var content = (JsonObject)signedPresentation.DeepClone();
        content.Remove("proof");
        if (JsonCanonicalizer.Canonicalize(content) != JsonCanonicalizer.Canonicalize(row.UnsignedPresentationJson))
        {
            return QrCreation.Refused(StatusCodes.Status400BadRequest, ProblemCodes.PresentationRejected, "The signed presentation differs from the one prepared for this token; sign it unchanged.");
        }

        var token = QrTokenFormat.NewToken();
        row.TokenHash = QrTokenFormat.Hash(token);
        row.PresentationJson = signedPresentation.ToJsonString();
        row.UnsignedPresentationJson = null;
        await db.SaveChangesAsync(cancellationToken);
        return new QrCreation(token, row, null, null);
    }

    /// <summary>True when <paramref name="organizationId"/> is a lender organisation (not an issuer) a token may be addressed to.</summary>
    public Task<bool> IsLenderAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        db.Organizations.AsNoTracking().AnyAsync(o => o.Id == organizationId && !db.Issuers.Any(i => i.Id == o.Id), cancellationToken);

    public int DefaultExpiresInSeconds => qr.Value.DefaultExpiresInSeconds;

    public int MaxExpiresInSeconds => qr.Value.MaxExpiresInSeconds;

    public int MaxCredentialsPerToken => qr.Value.MaxCredentialsPerToken;

    public string ImageUrl(string token, string extension) => $"{registry.Value.PublicBaseUrl.TrimEnd('/')}/api/v1/qr/{token}.{extension}";

    // The domain is signed into the presentation: a token addressed to one lender cannot be presented as another's.
    private string DomainFor(Guid? audience) => audience is { } lender ? "urn:uuid:" + lender : registry.Value.PublicBaseUrl.TrimEnd('/');
}

/// <summary>
/// The outcome of creating a token: issued (<see cref="Token"/>), pending a wallet signature
/// (<see cref="UnsignedPresentation"/>), or refused (<see cref="Problem"/>).
/// </summary>
public sealed record QrCreation(string? Token, QrToken? Row, JsonObject? UnsignedPresentation, QrRefusal? Problem)
{
    public bool WalletSignatureRequired => UnsignedPresentation is not null;

    public static QrCreation Refused(int status, string code, string detail) => new(null, null, null, new QrRefusal(status, code, detail));
}

public sealed record QrRefusal(int Status, string Code, string Detail);
