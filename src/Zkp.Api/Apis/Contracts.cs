using System.Text.Json.Serialization;

namespace Zkp.Api.Apis;

// Request bodies refuse unknown fields: a misspelt "pasword" must not silently register an account
// with a different password than the client thinks. Every field is nullable so a missing one is
// reported by name in a validation problem instead of as unreadable JSON.

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record MemberRegisterRequest(string? Email, string? Password, string? FullName);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LenderRegisterRequest(string? Email, string? Password, string? OrganizationName, string? VerifierType, bool? Sandbox);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LoginRequest(string? Email, string? Password);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VerifyEmailRequest(string? Code, string? Email);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EmailRequest(string? Email);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RefreshRequest(string? RefreshToken);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RotateKeyRequest(int? GracePeriodSeconds);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TotpCodeRequest(string? Code);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record VerifyLoginRequest(string? Email, string? TotpCode, string? RecoveryCode);

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

public sealed record LenderRegisterResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, string ApiKey, Guid OrganizationId);

public sealed record TwoFactorRequiredResponse(
    [property: JsonPropertyName("requires_2fa")] bool Requires2Fa,
    string Detail);

public sealed record MemberRegisterResponse(Guid Id, string Email, string? FullName, bool EmailVerified, string Detail);

public sealed record EmailVerifiedResponse(string Email, bool EmailVerified);

public sealed record DetailResponse(string Detail);

public sealed record RotateKeyResponse(string ApiKey, DateTime PreviousKeyExpiresAt);

public sealed record TwoFactorEnableResponse(string TotpUri, string Secret, IReadOnlyList<string> RecoveryCodes);

public sealed record TwoFactorStatusResponse(
    [property: JsonPropertyName("two_factor_enabled")] bool TwoFactorEnabled);

public sealed record QuotaResponse(string Plan, int? MonthlyQuota, int Used, int? Remaining, string MonthKey);
