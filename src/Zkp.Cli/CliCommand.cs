namespace Zkp.Cli;

/// <summary>One leaf command: its words (e.g. "r1cs", "info"), argument synopsis, one-line summary and handler.</summary>
internal sealed record CliCommand(
    string[] Words,
    string Arguments,
    string Summary,
    string Details,
    int ArgumentCount,
    Action<CliContext, string[]> Handler)
{
    public string Name => string.Join(' ', Words);

    public string Usage => $"zkp {Name} {Arguments}".TrimEnd();
}

/// <summary>What a handler writes to. Handlers report failure by throwing CliUsageException (exit 2) or CliNegativeResultException (exit 1).</summary>
internal sealed record CliContext(TextWriter Stdout, TextWriter Stderr);
