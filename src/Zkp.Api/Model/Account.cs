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
