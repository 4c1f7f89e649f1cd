namespace Zkp.Api.Security;

public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 256;

    /// <summary>Returns the problems with <paramref name="password"/>, empty when it is acceptable.</summary>
    public static IReadOnlyList<string> Check(string? password, string? email)
    {
        var problems = new List<string>();
        if (string.IsNullOrEmpty(password))
        {
            problems.Add("Password is required.");
            return problems;
        }

        if (password.Length < MinimumLength)
        {
            problems.Add($"Password must be at least {MinimumLength} characters.");
        }

        if (password.Length > MaximumLength)
        {
            problems.Add($"Password must be at most {MaximumLength} characters.");
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            var normalizedEmail = email.Trim();
            var localPart = normalizedEmail.Split('@')[0];
            if (password.Contains(normalizedEmail, StringComparison.OrdinalIgnoreCase)
                || (localPart.Length >= 4 && password.Contains(localPart, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add("Password must not contain the email address.");
            }
        }

        return problems;
    }
}
