using System.Diagnostics;

namespace Zkp.Testing;

/// <summary>
/// Runs the real snarkjs pinned by tests/interop/package.json and package-lock.json. The two files are
/// copied into a directory of the calling test project's output and installed there with <c>npm ci</c>
/// (once per test run, and skipped when that copy already holds the same lock file), so test projects
/// running in parallel never reinstall each other's node_modules. Node and npm are required: their
/// absence fails the tests with install instructions rather than skipping them.
/// Use one instance per test run (an xunit collection fixture).
/// </summary>
public sealed class Snarkjs
{
    private const string LockFile = "package-lock.json";
    private const string PackageFile = "package.json";

    private readonly Lazy<string> installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The directory holding the installed snarkjs (installs it on first use).</summary>
    public string InstallDirectory => installed.Value;

    /// <summary>Runs <c>snarkjs arguments...</c>; returns its exit code and its stdout followed by its stderr.</summary>
    public (int ExitCode, string Output) Run(params string[] arguments) =>
        RunProcess("npx", ["--no-install", "snarkjs", .. arguments], InstallDirectory, TimeSpan.FromMinutes(3));

    private static string Install()
    {
        var source = FindInteropDirectory();
        var target = Path.Combine(AppContext.BaseDirectory, "snarkjs-interop");
        Directory.CreateDirectory(target);
        var sourceLock = File.ReadAllBytes(Path.Combine(source, LockFile));
        var installedMarker = Path.Combine(target, "node_modules", ".zkp-installed-" + LockFile);
        if (File.Exists(installedMarker) && File.ReadAllBytes(installedMarker).AsSpan().SequenceEqual(sourceLock))
        {
            return target;
        }

        File.Copy(Path.Combine(source, PackageFile), Path.Combine(target, PackageFile), overwrite: true);
        File.WriteAllBytes(Path.Combine(target, LockFile), sourceLock);
        var (code, output) = RunProcess("npm", ["ci", "--no-audit", "--no-fund"], target, TimeSpan.FromMinutes(5));
        if (code != 0)
        {
            throw new InvalidOperationException($"npm ci in {target} (lock file from {source}) failed (exit {code}):\n{output}");
        }

        File.WriteAllBytes(installedMarker, sourceLock);
        return target;
    }

    private static string FindInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, LockFile)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/interop/{LockFile} not found above {AppContext.BaseDirectory}");
    }

    private static (int ExitCode, string Output) RunProcess(string program, string[] arguments, string directory, TimeSpan timeout)
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
