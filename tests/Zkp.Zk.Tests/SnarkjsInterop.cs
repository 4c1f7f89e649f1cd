using System.Diagnostics;

namespace Zkp.Zk.Tests;

/// <summary>
/// Runs the real snarkjs pinned in tests/interop/package-lock.json: <c>npm ci</c> once per test run
/// (into tests/interop/node_modules), then <c>npx snarkjs ...</c>. Node and npm are required; their
/// absence fails the tests with install instructions rather than skipping them.
/// </summary>
public sealed class SnarkjsInterop
{
    private readonly Lazy<string> installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public string InteropDirectory => installed.Value;

    public (int ExitCode, string Output) Snarkjs(params string[] arguments) =>
        Run("npx", ["--no-install", "snarkjs", .. arguments], InteropDirectory, TimeSpan.FromMinutes(3));

    private static string Install()
    {
        var directory = FindInteropDirectory();
        var (code, output) = Run("npm", ["ci", "--no-audit", "--no-fund"], directory, TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            throw new InvalidOperationException($"npm ci in {directory} failed (exit {code}):\n{output}");
        }

        return directory;
    }

    private static string FindInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/interop/package-lock.json not found above " + AppContext.BaseDirectory);
    }

    private static (int ExitCode, string Output) Run(string program, string[] arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' was not found. The snarkjs interoperability tests need Node.js 18+ and npm: " +
                "install them (e.g. 'apt-get install nodejs npm' or from https://nodejs.org) and rerun the tests.", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}");
            }

            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SnarkjsCollection : ICollectionFixture<SnarkjsInterop>
{
    public const string Name = "snarkjs";
}
