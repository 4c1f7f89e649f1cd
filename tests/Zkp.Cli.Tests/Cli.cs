namespace Zkp.Cli.Tests;

/// <summary>Runs the CLI in-process and captures what it writes.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        int code = CliApplication.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>A temporary directory deleted after each test.</summary>
public abstract class TempDirectoryTest : IDisposable
{
    protected TempDirectoryTest()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("zkp-cli-").FullName;
    }

    protected string Directory { get; }

    protected string PathOf(string name) => Path.Combine(Directory, name);

    protected string WriteFile(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
