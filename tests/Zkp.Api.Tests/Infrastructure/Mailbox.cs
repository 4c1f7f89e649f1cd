using System.Text.RegularExpressions;

namespace Zkp.Api.Tests;

/// <summary>Reads the .eml files the application wrote to its pickup directory.</summary>
public static partial class Mailbox
{
    public static IReadOnlyList<string> MessagesTo(string directory, string recipient) =>
        !Directory.Exists(directory)
            ? []
            : new DirectoryInfo(directory).GetFiles("*.eml")
                .OrderBy(f => f.LastWriteTimeUtc)
                .Select(f => File.ReadAllText(f.FullName))
                .Where(text => text.Contains($"To: {recipient}", StringComparison.OrdinalIgnoreCase))
                .ToList();

    public static string LatestVerificationCode(string directory, string recipient) =>
        VerificationCode().Matches(string.Join('\n', MessagesTo(directory, recipient))).Last().Groups[1].Value;

    public static string LatestResetToken(string directory, string recipient) =>
        ResetToken().Matches(string.Join('\n', MessagesTo(directory, recipient))).Last().Groups[1].Value;

    [GeneratedRegex(@"verification code is: (\d{6})")]
    private static partial Regex VerificationCode();

    [GeneratedRegex(@"reset token is: ([A-Za-z0-9_-]{43})")]
    private static partial Regex ResetToken();
}
