using System.Globalization;
using System.Text;

namespace Zkp.Cli;

/// <summary>
/// The <c>zkp</c> command line: a small hand-written dispatcher over <see cref="Commands"/>.
/// Exit codes: 0 success, 1 a negative result (one line on stderr saying why), 2 a usage error or
/// unreadable/malformed input (one line on stderr). Errors never print a stack trace.
/// </summary>
internal static class CliApplication
{
    public const int Success = 0;
    public const int NegativeResult = 1;
    public const int UsageError = 2;

    private static readonly string[] HelpFlags = ["--help", "-h"];

    internal static IReadOnlyList<CliCommand> Commands { get; } =
    [
        .. CircuitCommands.All,
        .. R1csCommands.All,
        .. WtnsCommands.All,
        .. VcCommands.All,
        .. VcVerifyCommands.All,
        .. ClaimCommands.All,
        .. Groth16Commands.All,
    ];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            return Dispatch(args, new CliContext(stdout, stderr));
        }
        catch (CliUsageException e)
        {
            stderr.WriteLine("zkp: " + e.Message);
            return UsageError;
        }
        catch (CliNegativeResultException e)
        {
            stderr.WriteLine("zkp: " + e.Message);
            return NegativeResult;
        }
    }

    private static int Dispatch(string[] args, CliContext context)
    {
        if (args.Length == 0)
        {
            throw new CliUsageException("missing command; run 'zkp --help' for the list of commands");
        }

        if (IsHelp(args[0]) || args[0] == "help")
        {
            context.Stdout.Write(GeneralHelp());
            return Success;
        }

        var command = Commands
            .Where(c => c.Words.Length <= args.Length && c.Words.SequenceEqual(args.Take(c.Words.Length), StringComparer.Ordinal))
            .MaxBy(c => c.Words.Length);
        if (command is null)
        {
            return DispatchGroup(args, context);
        }

        var arguments = args[command.Words.Length..];
        if (arguments.Any(IsHelp))
        {
            context.Stdout.Write(CommandHelp(command));
            return Success;
        }

        if (command.ArgumentCount != CliOptions.ParsesOwnOptions && arguments.FirstOrDefault(a => a.Length > 1 && a[0] == '-') is { } option)
        {
            throw new CliUsageException($"{command.Name}: unknown option '{option}' (usage: {command.Usage})");
        }

        if (command.ArgumentCount != CliOptions.ParsesOwnOptions && arguments.Length != command.ArgumentCount)
        {
            throw new CliUsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{command.Name}: expected {command.ArgumentCount} argument{(command.ArgumentCount == 1 ? string.Empty : "s")}, got {arguments.Length} (usage: {command.Usage})"));
        }

        command.Handler(context, arguments);
        return Success;
    }

    // "zkp r1cs", "zkp r1cs --help", "zkp r1cs frobnicate": a group word without a known subcommand.
    private static int DispatchGroup(string[] args, CliContext context)
    {
        var group = Commands.Where(c => c.Words[0] == args[0]).ToArray();
        if (group.Length == 0)
        {
            throw new CliUsageException($"unknown command '{args[0]}'; run 'zkp --help' for the list of commands");
        }

        if (args.Length > 1 && IsHelp(args[1]))
        {
            context.Stdout.Write(GroupHelp(args[0], group));
            return Success;
        }

        if (args.Length == 1)
        {
            throw new CliUsageException($"'{args[0]}' needs a subcommand: {string.Join(", ", group.Select(c => c.Words[1]))}; run 'zkp {args[0]} --help'");
        }

        throw new CliUsageException($"unknown command '{args[0]} {args[1]}'; run 'zkp {args[0]} --help'");
    }

    private static bool IsHelp(string arg) => HelpFlags.Contains(arg, StringComparer.Ordinal);

    internal static string GeneralHelp()
    {
        var text = new StringBuilder();
        text.Append("zkp: zero-knowledge claim tooling (BN254, snarkjs-compatible files)\n\n");
        text.Append("usage: zkp <command> [arguments]\n\ncommands:\n");
        AppendCommandList(text, Commands);
        text.Append("\nexit codes: 0 success, 1 negative result, 2 usage error or unreadable input\n");
        text.Append("run 'zkp <command> --help' for details\n");
        return text.ToString();
    }

    private static string GroupHelp(string group, IReadOnlyList<CliCommand> commands)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"usage: zkp {group} <command> [arguments]\n\ncommands:\n");
        AppendCommandList(text, commands);
        return text.ToString();
    }

    private static string CommandHelp(CliCommand command) =>
        $"usage: {command.Usage}\n\n{command.Summary}\n{(command.Details.Length == 0 ? string.Empty : "\n" + command.Details + "\n")}";

    private const int SignatureColumnWidth = 53;

    private static void AppendCommandList(StringBuilder text, IEnumerable<CliCommand> commands)
    {
        foreach (var command in commands)
        {
            var signature = $"{command.Name} {command.Arguments}".TrimEnd();

            // A signature wider than the column would push its summary out of line with the others, so
            // the summary moves to the next line at the column instead.
            if (signature.Length > SignatureColumnWidth)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {signature}\n  {string.Empty,-SignatureColumnWidth} {command.Summary}\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"  {signature,-SignatureColumnWidth} {command.Summary}\n");
            }
        }
    }
}
