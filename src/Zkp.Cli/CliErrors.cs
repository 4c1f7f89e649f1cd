namespace Zkp.Cli;

/// <summary>Wrong arguments, or input that cannot be read or parsed: exit code 2.</summary>
internal sealed class CliUsageException(string message) : Exception(message)
{
}

/// <summary>A well-formed request whose answer is "no" (e.g. inputs that do not satisfy a circuit): exit code 1.</summary>
internal sealed class CliNegativeResultException(string message) : Exception(message)
{
}
