using Zkp.Zk.Formats;

namespace Zkp.Cli;

/// <summary>File access that turns every I/O failure into one usage-error line naming the file.</summary>
internal static class CliFiles
{
    public static byte[] ReadBytes(string path) => Guard(path, "read", () => File.ReadAllBytes(path));

    public static string ReadText(string path) => Guard(path, "read", () => File.ReadAllText(path));

    public static void WriteBytes(string path, byte[] content) => Guard(path, "write", () =>
    {
        File.WriteAllBytes(path, content);
        return true;
    });

    /// <summary>Runs a parser of a file's bytes; a format error names the file.</summary>
    public static T Parse<T>(string path, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ZkFormatException e)
        {
            throw new CliUsageException($"{path}: {e.Message}");
        }
    }

    private static T Guard<T>(string path, string verb, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (FileNotFoundException)
        {
            throw new CliUsageException($"cannot {verb} '{path}': file not found");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliUsageException($"cannot {verb} '{path}': directory not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot {verb} '{path}': permission denied");
        }
        catch (IOException e)
        {
            throw new CliUsageException($"cannot {verb} '{path}': {e.Message}");
        }
    }
}
