using System.Globalization;

namespace Zkp.LoadTests;

/// <summary>
/// Command line: <c>--mode verify|issue --duration 60 --clients 32 --warmup 5 --tokens 64 --api process|in-process</c>,
/// and any number of <c>--set Section:Key=value</c> API settings (e.g. <c>--set Verification:BatchProofs=false</c>
/// for a before/after). <c>--api process</c> (the default) runs the API in its own process as deployed;
/// <c>in-process</c> hosts it in this tool's process (the figures of the sessions before the fifth).
/// </summary>
internal sealed record LoadOptions(string Mode, TimeSpan Duration, int Clients, TimeSpan Warmup, int Tokens, bool ApiInProcess, IReadOnlyDictionary<string, string?> Settings)
{
    public const string VerifyMode = "verify";
    public const string IssueMode = "issue";

    public static LoadOptions Parse(string[] args)
    {
        var mode = VerifyMode;
        var duration = 60;
        int? clients = null;
        var warmup = 5;
        var tokens = 64;
        var apiInProcess = false;
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--mode":
                    mode = value is VerifyMode or IssueMode ? value : throw new ArgumentException("--mode is verify or issue.");
                    break;
                case "--duration":
                    duration = Positive(args[i], value);
                    break;
                case "--clients":
                    clients = Positive(args[i], value);
                    break;
                case "--warmup":
                    warmup = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "--tokens":
                    tokens = Positive(args[i], value);
                    break;
                case "--api":
                    apiInProcess = value switch
                    {
                        "process" => false,
                        "in-process" => true,
                        _ => throw new ArgumentException("--api is process or in-process."),
                    };
                    break;
                case "--set":
                    var equals = value.IndexOf('=', StringComparison.Ordinal);
                    settings[equals > 0 ? value[..equals] : throw new ArgumentException("--set takes Section:Key=value.")] = value[(equals + 1)..];
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }

            i++;
        }

        // Issuance is CPU-bound proving; its latency target is per request, so it defaults to one client.
        return new LoadOptions(mode, TimeSpan.FromSeconds(duration), clients ?? (mode == VerifyMode ? 32 : 1), TimeSpan.FromSeconds(warmup), tokens, apiInProcess, settings);
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"{name} must be a positive whole number.");
}
