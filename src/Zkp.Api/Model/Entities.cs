namespace Zkp.Api.Model;

/// <summary>A person who signs in: a member, a lender's user or an administrator.</summary>
public sealed class Account
{
    public Guid Id { get; set; }

    /// <summary>Lower-cased, trimmed; unique.</summary>
    public required string Email { get; set; }

    public required string PasswordHash { get; set; }

    public string? FullName { get; set; }

    /// <summary>One of <see cref="Roles"/>.</summary>
    public required string Role { get; set; }

    public Guid? OrganizationId { get; set; }

    public bool EmailVerified { get; set; }

    public int FailedLoginCount { get; set; }

    public DateTime? LockoutEndUtc { get; set; }

    /// <summary>The TOTP secret, encrypted with ASP.NET Core Data Protection; null when 2FA was never set up.</summary>
    public string? TotpSecretProtected { get; set; }

    public bool TotpEnabled { get; set; }

    /// <summary>The last RFC 6238 time step accepted; a code for this step or an earlier one is refused (no replay).</summary>
    public long? TotpLastUsedStep { get; set; }

    /// <summary>Set when a correct password was given for a 2FA account; verify-login must happen before it.</summary>
    public DateTime? TwoFactorChallengeExpiresUtc { get; set; }

    public DateTime CreatedUtc { get; set; }
}

/// <summary>A verifier organisation (a lender); owns API keys and a plan.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string VerifierType { get; set; }

    /// <summary>One of <see cref="Plans"/>.</summary>
    public required string Plan { get; set; }

    /// <summary>Sandbox organisations get <c>zkp_test_</c> keys.</summary>
    public bool IsSandbox { get; set; }

    public DateTime CreatedUtc { get; set; }
}

public sealed class ApiKey
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>SHA-256 of the whole key string; the key itself is never stored.</summary>
    public required byte[] KeyHash { get; set; }

    /// <summary>Non-secret start of the key (scheme prefix and four characters) to tell keys apart in listings.</summary>
    public required string DisplayPrefix { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Null while the key is current; set at rotation (now, or now plus the grace period).</summary>
    public DateTime? ExpiresUtc { get; set; }
}

public sealed class RefreshToken
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>All tokens descending from one login share a family; reuse of a rotated one revokes it whole.</summary>
    public Guid FamilyId { get; set; }

    public required byte[] TokenHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    /// <summary>Set when this token was exchanged for its successor.</summary>
    public DateTime? ConsumedUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}

public sealed class EmailVerification
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>SHA-256 of the six-digit code, so a pending verification can be found by its code.</summary>
    public required byte[] CodeHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public int FailedAttempts { get; set; }

    public DateTime? ConsumedUtc { get; set; }
}

public sealed class PasswordReset
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public required byte[] TokenHash { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime ExpiresUtc { get; set; }

    public DateTime? ConsumedUtc { get; set; }
}

public sealed class RecoveryCode
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public required byte[] CodeHash { get; set; }

    public DateTime? UsedUtc { get; set; }
}

/// <summary>Verifications an organisation used in one calendar month (UTC).</summary>
public sealed class QuotaUsage
{
    public Guid OrganizationId { get; set; }

    /// <summary>"yyyy-MM".</summary>
    public required string MonthKey { get; set; }

    public int Used { get; set; }
}

public static class Roles
{
    public const string Member = "member";
    public const string Lender = "lender";
    public const string IssuerAdmin = "issuer_admin";
    public const string PlatformAdmin = "platform_admin";
}

public static class Plans
{
    public const string Free = "free";
    public const string Standard = "standard";
    public const string Enterprise = "enterprise";
}
