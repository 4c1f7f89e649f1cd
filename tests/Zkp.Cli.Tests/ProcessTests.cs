using System.Diagnostics;

namespace Zkp.Cli.Tests;

/// <summary>The real executable: Main must pass the exit code and both streams through.</summary>
public sealed class ProcessTests
{
    private static (int ExitCode, string Stdout, string Stderr) RunZkp(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CliApplication).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("zkp did not exit");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void The_executable_reports_usage_errors_with_exit_code_2()
    {
        var (code, stdout, stderr) = RunZkp("frobnicate");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal("zkp: unknown command 'frobnicate'; run 'zkp --help' for the list of commands" + Environment.NewLine, stderr);
    }

    [Fact]
    public void The_executable_prints_help_with_exit_code_0()
    {
        var (code, stdout, stderr) = RunZkp("--help");

        Assert.Equal(0, code);
        Assert.StartsWith("zkp: zero-knowledge claim tooling", stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, stderr);
    }
}
