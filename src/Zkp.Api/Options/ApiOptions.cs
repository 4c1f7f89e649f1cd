namespace Zkp.Api.Options;

/// <summary>Section <c>Storage</c>: where the embedded defaults (SQLite file, keys, mail) live.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Relative paths are resolved against the current directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Data Protection key ring; defaults to <c>{DataDirectory}/keys</c>.</summary>
    public string? KeysDirectory { get; set; }
}

/// <summary>Section <c>Jwt</c>.</summary>
public sealed class JwtOptions
{
    public const string Section = "Jwt";

    public string Issuer { get; set; } = "zkp";

    public string Audience { get; set; } = "zkp-api";

    /// <summary>HMAC-SHA256 key, at least 32 bytes (UTF-8). Required outside Development.</summary>
    public string? SigningKey { get; set; }

    public int AccessTokenMinutes { get; set; } = 15;

    public int RefreshTokenDays { get; set; } = 14;
}

/// <summary>Section <c>Email</c>. With no <see cref="SmtpHost"/> mail goes to <see cref="PickupDirectory"/>.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public bool EnableTls { get; set; } = true;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "no-reply@zkp.local";

    /// <summary>Directory for <c>.eml</c> files; defaults to <c>{DataDirectory}/mail</c> when no SMTP host is set.</summary>
    public string? PickupDirectory { get; set; }
}

/// <summary>Section <c>Accounts</c>: lockout and code lifetimes.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    public int MaxFailedLogins { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public int VerificationCodeMinutes { get; set; } = 15;

    public int VerificationCodeMaxAttempts { get; set; } = 5;

    public int PasswordResetMinutes { get; set; } = 30;

    public int TwoFactorChallengeMinutes { get; set; } = 5;
}

/// <summary>Section <c>Requests</c>.</summary>
public sealed class RequestOptions
{
    public const string Section = "Requests";

    /// <summary>Largest accepted request body; larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;
}
