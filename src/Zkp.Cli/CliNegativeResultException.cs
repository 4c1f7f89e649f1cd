namespace Zkp.Cli;

/// <summary>A well-formed request whose answer is "no" (e.g. inputs that do not satisfy a circuit): exit code 1.</summary>
internal sealed class CliNegativeResultException(string message) : Exception(message)
{
}
