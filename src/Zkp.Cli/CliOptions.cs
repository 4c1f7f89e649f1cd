namespace Zkp.Cli;

/// <summary>
/// Positional arguments and <c>--name value</c> options of a command that declares its options
/// (<see cref="CliCommand.ArgumentCount"/> = <see cref="CliOptions.ParsesOwnOptions"/>).
/// </summary>
internal sealed class CliOptions
{
    public const int ParsesOwnOptions = -1;

    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

    private CliOptions(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    /// <summary>Splits <paramref name="arguments"/>; every option takes one value and may repeat only when listed in <paramref name="repeatable"/>.</summary>
    public static CliOptions Parse(string command, string usage, string[] arguments, int positionalCount, IReadOnlyCollection<string> known, IReadOnlyCollection<string> repeatable)
    {
        var positional = new List<string>();
        var options = new CliOptions(positional);
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            if (argument.Length > 1 && argument[0] == '-')
            {
                if (!known.Contains(argument))
                {
                    throw new CliUsageException($"{command}: unknown option '{argument}' (usage: {usage})");
                }

                if (i + 1 >= arguments.Length)
                {
                    throw new CliUsageException($"{command}: option '{argument}' needs a value (usage: {usage})");
                }

                if (!options.values.TryGetValue(argument, out var list))
                {
                    options.values[argument] = list = [];
                }
                else if (!repeatable.Contains(argument))
                {
                    throw new CliUsageException($"{command}: option '{argument}' is given twice (usage: {usage})");
                }

                list.Add(arguments[++i]);
            }
            else
            {
                positional.Add(argument);
            }
        }

        if (positional.Count != positionalCount)
        {
            throw new CliUsageException($"{command}: expected {positionalCount} argument{(positionalCount == 1 ? string.Empty : "s")}, got {positional.Count} (usage: {usage})");
        }

        return options;
    }

    public string? Single(string option) => values.TryGetValue(option, out var list) ? list[0] : null;

    public IReadOnlyList<string> All(string option) => values.TryGetValue(option, out var list) ? list : [];
}
