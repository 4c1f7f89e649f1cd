using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Xunit;

namespace Zkp.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster started from the machine's own server binaries
/// (<c>initdb</c>, <c>pg_ctl</c>) in a temporary directory, listening on a free loopback port.
/// When the test process runs as root the cluster runs as the <c>postgres</c> user, because
/// <c>initdb</c> refuses root. Disposing stops the server and deletes the directory.
/// </summary>
/// <remarks>
/// Use it as an xunit class or collection fixture. It never skips: without binaries it throws
/// <see cref="PostgresBinariesNotFoundException"/> saying how to install them.
/// </remarks>
public sealed class PostgresCluster : IAsyncLifetime, IDisposable
{
    private const string ServiceUser = "postgres";
    private readonly string _root;
    private readonly string _dataDirectory;
    private readonly bool _runAsServiceUser;
    private bool _started;
    private int _databaseCounter;

    public PostgresCluster()
    {
        BinDirectory = LocateBinDirectory();
        _root = Path.Combine(Path.GetTempPath(), "zkp-pg-" + Guid.NewGuid().ToString("N")[..12]);
        _dataDirectory = Path.Combine(_root, "data");
        _runAsServiceUser = IsRoot();
    }

    public string BinDirectory { get; }

    /// <summary>The temporary directory holding the data directory, socket and server log.</summary>
    public string RootDirectory => _root;

    public int Port { get; private set; }

    /// <summary>Connection string for the maintenance database <c>postgres</c>.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database={database};Pooling=true;Include Error Detail=true";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        if (_runAsServiceUser)
        {
            await RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", _root], asServiceUser: false);
        }

        await RunAsync(Tool("initdb"),
            ["-D", _dataDirectory, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]);

        // A port can be taken between probing and binding; retry a few times on a new port.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            var serverOptions =
                $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            try
            {
                await RunAsync(Tool("pg_ctl"),
                    ["-D", _dataDirectory, "-o", serverOptions, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"]);
                _started = true;
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var name = $"{prefix ?? "test"}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        await RunAsync(Tool("createdb"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", ServiceUser, name]);
        return ConnectionStringFor(name);
    }

    /// <summary>Runs one SQL statement through <c>psql</c> and returns its unaligned output.</summary>
    public Task<string> QueryAsync(string database, string sql) =>
        RunAsync(Tool("psql"), ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", ServiceUser, "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]);

    public async Task DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            try
            {
                await RunAsync(Tool("pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // The server may already be gone; the directory is removed either way.
            }
        }

        try
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();

    private string Tool(string name) => Path.Combine(BinDirectory, name);

    private static string LocateBinDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ZKP_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(Path.Combine(fromEnvironment, "initdb")))
        {
            return fromEnvironment;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
                .Where(candidate => File.Exists(Path.Combine(candidate.Dir, "initdb")) && File.Exists(Path.Combine(candidate.Dir, "pg_ctl")))
                .OrderByDescending(candidate => candidate.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return newest.Dir;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        throw new PostgresBinariesNotFoundException();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && geteuid() == 0;

    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();

    private Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments) =>
        RunAsync(fileName, arguments, _runAsServiceUser);

    private async Task<string> RunAsync(string fileName, IReadOnlyList<string> arguments, bool asServiceUser)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asServiceUser)
        {
            startInfo.FileName = "runuser";
            foreach (var part in new[] { "-u", ServiceUser, "--", fileName })
            {
                startInfo.ArgumentList.Add(part);
            }
        }
        else
        {
            startInfo.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(_root, "server.log");
            var serverLog = File.Exists(log) ? File.ReadAllText(log) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}{serverLog}");
        }

        return (await stdout).Trim();
    }
}

public sealed class PostgresBinariesNotFoundException : InvalidOperationException
{
    public PostgresBinariesNotFoundException()
        : base("PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found under /usr/lib/postgresql/*/bin or on PATH. " +
               "Install them with 'sudo apt-get install postgresql' (Debian/Ubuntu), or set ZKP_PG_BIN to the directory that holds initdb. " +
               "The PostgreSQL test suite does not skip without them.")
    {
    }

    public PostgresBinariesNotFoundException(string message)
        : base(message)
    {
    }

    public PostgresBinariesNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
