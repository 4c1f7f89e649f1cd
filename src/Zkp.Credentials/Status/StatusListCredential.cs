using System.Text.Json.Nodes;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Did;
using Zkp.Credentials.Vc;

namespace Zkp.Credentials.Status;

/// <summary>Result of reading one credential's status bit; <see cref="IsSet"/> means revoked for purpose "revocation".</summary>
public sealed record StatusCheckResult(StatusListError Error, string Detail, bool IsSet)
{
    public bool Succeeded => Error == StatusListError.None;

    internal static StatusCheckResult Fail(StatusListError error, string detail) => new(error, detail, false);
}

/// <summary>The <c>BitstringStatusListCredential</c> an issuer publishes and signs with eddsa-jcs-2022.</summary>
public static class StatusListCredential
{
    public const string CredentialType = "BitstringStatusListCredential";
    public const string SubjectType = "BitstringStatusList";

    public static JsonObject Create(string id, string issuerDid, string statusPurpose, BitstringStatusList list, DateTimeOffset validFrom, DateTimeOffset? validUntil = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(statusPurpose);
        ArgumentNullException.ThrowIfNull(list);
        if (!DidKey.TryParse(issuerDid, out _, out var error))
        {
            throw new ArgumentException($"The issuer is not an Ed25519 did:key: {error}.", nameof(issuerDid));
        }

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(ClaimCredential.CredentialsV2Context),
            ["id"] = id,
            ["type"] = new JsonArray("VerifiableCredential", CredentialType),
            ["issuer"] = issuerDid,
            ["validFrom"] = EddsaJcs2022.FormatDateTime(validFrom),
        };
        if (validUntil is { } until)
        {
            credential["validUntil"] = EddsaJcs2022.FormatDateTime(until);
        }

        credential["credentialSubject"] = new JsonObject
        {
            ["id"] = id + "#list",
            ["type"] = SubjectType,
            ["statusPurpose"] = statusPurpose,
            ["encodedList"] = list.Encode(),
        };
        return credential;
    }

    public static JsonObject Sign(JsonObject listCredential, Ed25519PrivateKey issuerKey, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(listCredential);
        ArgumentNullException.ThrowIfNull(issuerKey);
        var issuer = DidKey.FromPublicKey(issuerKey.PublicKey);
        if (EddsaJcs2022.ReadString(listCredential, "issuer") != issuer.Did)
        {
            throw new ArgumentException("The signing key is not the list issuer's key.", nameof(issuerKey));
        }

        return EddsaJcs2022.Sign(listCredential, issuerKey, new DataIntegrityProofOptions
        {
            VerificationMethod = issuer.VerificationMethodId,
            Created = created,
        });
    }

    /// <summary>
    /// Validates <paramref name="signedListCredential"/> for <paramref name="entry"/> as the spec's validation
    /// algorithm does and reads the bit. The list must be signed by <paramref name="credentialIssuer"/> (an
    /// issuer can only revoke its own credentials), be the list the entry names, and carry the entry's purpose.
    /// </summary>
    public static StatusCheckResult Check(CredentialStatusEntry entry, JsonObject? signedListCredential, string credentialIssuer, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(credentialIssuer);
        if (signedListCredential is null)
        {
            return StatusCheckResult.Fail(StatusListError.StatusRetrievalError, $"status list {entry.StatusListCredential} is not available");
        }

        var signature = EddsaJcs2022.Verify(signedListCredential, new DataIntegrityExpectations { Controller = credentialIssuer });
        if (!signature.Verified)
        {
            return StatusCheckResult.Fail(StatusListError.StatusVerificationError, "status list credential: " + signature.Detail);
        }

        JsonObject subject;
        try
        {
            var types = JsonFields.RequireStringArray(signedListCredential, "type", "type");
            if (!types.Contains(CredentialType))
            {
                return StatusCheckResult.Fail(StatusListError.MalformedValueError, $"status list credential type does not include '{CredentialType}'");
            }

            if (JsonFields.RequireString(signedListCredential, "id", "id") != entry.StatusListCredential)
            {
                return StatusCheckResult.Fail(StatusListError.StatusVerificationError, $"status list credential is not {entry.StatusListCredential}");
            }

            subject = JsonFields.RequireObject(signedListCredential, "credentialSubject", "credentialSubject");
            if (JsonFields.RequireString(subject, "type", "credentialSubject.type") != SubjectType)
            {
                return StatusCheckResult.Fail(StatusListError.MalformedValueError, $"credentialSubject.type is not '{SubjectType}'");
            }

            var purpose = JsonFields.RequireString(subject, "statusPurpose", "credentialSubject.statusPurpose");
            if (purpose != entry.StatusPurpose)
            {
                return StatusCheckResult.Fail(StatusListError.StatusVerificationError, $"list purpose '{purpose}' does not match entry purpose '{entry.StatusPurpose}'");
            }

            if (now is { } instant)
            {
                var validFrom = JsonFields.OptionalDate(signedListCredential, "validFrom", "validFrom");
                var validUntil = JsonFields.OptionalDate(signedListCredential, "validUntil", "validUntil");
                if (instant < validFrom || instant > validUntil)
                {
                    return StatusCheckResult.Fail(StatusListError.StatusVerificationError, "status list credential is outside its validity period");
                }
            }

            var list = BitstringStatusList.Decode(JsonFields.RequireString(subject, "encodedList", "credentialSubject.encodedList"));
            var set = list.Get(entry.StatusListIndex);
            return new StatusCheckResult(StatusListError.None, set ? $"status bit {entry.StatusListIndex} is set ({purpose})" : $"status bit {entry.StatusListIndex} is clear", set);
        }
        catch (CredentialFormatException ex)
        {
            return StatusCheckResult.Fail(StatusListError.MalformedValueError, ex.Message);
        }
        catch (StatusListException ex)
        {
            return StatusCheckResult.Fail(ex.Error, ex.Message);
        }
    }
}
