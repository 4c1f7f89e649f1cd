namespace Zkp.Api.Model;

/// <summary>The events a subscription may ask for.</summary>
public static class WebhookEvents
{
    public const string VerificationCompleted = "verification.completed";
    public const string VerificationFailed = "verification.failed";
    public const string CredentialRevoked = "credential.revoked";
    public const string CredentialIssued = "credential.issued";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        VerificationCompleted, VerificationFailed, CredentialRevoked, CredentialIssued,
    };
}
