namespace Zkp.Api.Errors;

/// <summary>The stable machine-readable <c>code</c> of every problem response. Clients switch on these, never on <c>detail</c>.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedJson = "malformed_json";
    public const string PayloadTooLarge = "payload_too_large";
    public const string BadRequest = "bad_request";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string Conflict = "conflict";
    public const string InternalError = "internal_error";
    public const string RateLimited = "rate_limited";
    public const string QuotaExceeded = "quota_exceeded";

    /// <summary>503: the verification queue is full (<c>Admission</c> settings); nothing ran, retry after <c>Retry-After</c>.</summary>
    public const string ServerBusy = "server_busy";

    public const string InvalidCredentials = "invalid_credentials";
    public const string EmailNotVerified = "email_not_verified";
    public const string AccountLocked = "account_locked";
    public const string EmailTaken = "email_taken";
    public const string InvalidCode = "invalid_code";
    public const string CodeExpired = "code_expired";
    public const string TooManyAttempts = "too_many_attempts";
    public const string EmailUnavailable = "email_unavailable";
    public const string AlreadyVerified = "already_verified";
    public const string InvalidToken = "invalid_token";
    public const string RefreshTokenReused = "refresh_token_reused";
    public const string TwoFactorAlreadyEnabled = "two_factor_already_enabled";
    public const string TwoFactorNotEnabled = "two_factor_not_enabled";
    public const string TwoFactorNotPending = "two_factor_not_pending";
    public const string NoLoginChallenge = "no_login_challenge";
    public const string InvalidTotp = "invalid_totp";
    public const string InvalidRecoveryCode = "invalid_recovery_code";
    public const string UnknownWebhookEvent = "unknown_webhook_event";
    public const string WebhookUrlRefused = "webhook_url_refused";

    public const string CharterTaken = "charter_taken";
    public const string IssuerNotActive = "issuer_not_active";
    public const string MemberNotFound = "member_not_found";
    public const string MemberOfOtherIssuer = "member_of_other_issuer";
    public const string InvalidChallenge = "invalid_challenge";
    public const string ChallengeExpired = "challenge_expired";
    public const string InvalidWalletSignature = "invalid_wallet_signature";

    public const string UnknownClaimType = "unknown_claim_type";
    public const string ThresholdOutOfRange = "threshold_out_of_range";
    public const string ClaimNotSatisfied = "claim_not_satisfied";
    public const string NoAttributes = "no_attributes";
    public const string AttributeMissing = "attribute_missing";
    public const string CredentialAlreadyRevoked = "credential_already_revoked";
    public const string QrTokenInvalid = "qr_token_invalid";
    public const string QrTokenNotFound = "qr_token_not_found";
    public const string CredentialNotFound = "credential_not_found";
    public const string CredentialNotActive = "credential_not_active";
    public const string WalletSignatureRequired = "wallet_signature_required";
    public const string PresentationRejected = "presentation_rejected";

    /// <summary>The code used when a response carries only a status (e.g. a 401 challenge or an unmatched route).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => BadRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        _ when status >= 500 => InternalError,
        _ => "http_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string DetailForStatus(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Missing or invalid credentials.",
        403 => "You are not allowed to do this.",
        404 => "The resource was not found.",
        405 => "The method is not allowed on this resource.",
        413 => "The request body is too large.",
        415 => "The request body must be JSON (Content-Type: application/json).",
        _ when status >= 500 => "An unexpected error occurred. It has been logged.",
        _ => "The request could not be completed.",
    };
}
