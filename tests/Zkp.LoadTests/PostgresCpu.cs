namespace Zkp.LoadTests;

/// <summary>
/// CPU time of one PostgreSQL cluster: its postmaster (first line of <c>postmaster.pid</c>) and the postmaster's
/// children (backends, writer, WAL), read from <c>/proc</c>. Only this cluster's processes, so other clusters on the
/// machine do not count. A backend that exits between two readings loses its time; the API's pooled connections
/// keep theirs open for the whole run. Linux only; elsewhere it reads zero.
/// </summary>
internal static class PostgresCpu
{
    // USER_HZ: 100 on every Linux the project targets (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public static TimeSpan Read(string clusterRoot)
    {
        try
        {
            var pidFile = Path.Combine(clusterRoot, "data", "postmaster.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First().Trim(), out var postmaster))
            {
                return TimeSpan.Zero;
            }

            long ticks = 0;
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out var pid))
                {
                    continue;
                }

                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(directory, "stat"));
                }
                catch (IOException)
                {
                    continue;
                }
                catch (UnauthorizedAccessException)
                {
                    continue;
                }

                // Fields after the parenthesised command: state ppid ... utime(14) stime(15), counted from 1.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid == postmaster || (int.TryParse(fields[1], out var parent) && parent == postmaster))
                {
                    ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture)
                        + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}
