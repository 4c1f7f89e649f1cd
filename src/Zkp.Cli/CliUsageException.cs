namespace Zkp.Cli;

/// <summary>Wrong arguments, or input that cannot be read or parsed: exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message)
{
}
