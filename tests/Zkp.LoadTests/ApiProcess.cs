using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Zkp.LoadTests;

/// <summary>
/// The API as it is deployed: its own process (<c>dotnet Zkp.Api.dll</c> from src/Zkp.Api's build output, with that
/// project's runtime settings: server GC, TieredPGO off), configured through environment variables, on loopback.
/// The load clients then run in this process only, so their timing does not share a thread pool with the server's
/// request work (a lender's client never does). It takes over the database and data directory (Data Protection keys,
/// proving key) the seeding <see cref="ApiHost"/> left behind.
/// </summary>
internal sealed class ApiProcess : IDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private ApiProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The API process's CPU time so far (all its threads).</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    public static async Task<ApiProcess> StartAsync(string connectionString, string dataDirectory, IReadOnlyDictionary<string, string?> settings, HttpClient http)
    {
        var assembly = LocateApiAssembly();
        var baseUrl = $"http://127.0.0.1:{FreeLoopbackPort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // as the in-process host: the same configuration
        foreach (var (key, value) in ApiHost.Configuration(connectionString, dataDirectory, baseUrl).Concat(settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var api = new ApiProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync(baseUrl + "/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        var tail = api.Tail();
        api.Dispose();
        throw new InvalidOperationException($"The API process did not become ready at {baseUrl}:{Environment.NewLine}{tail}");
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
            if (output.Count > 40)
            {
                output.RemoveAt(0);
            }
        }
    }

    private string Tail()
    {
        lock (output)
        {
            return string.Join(Environment.NewLine, output);
        }
    }

    // The load tool references Zkp.Api, so building it builds src/Zkp.Api into its own bin folder with its own
    // runtimeconfig.json; the copy beside this tool would carry this tool's runtime settings instead.
    private static string LocateApiAssembly()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release"; // bin/<configuration>/net10.0/
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Zkp.Api", "bin", configuration, "net10.0", "Zkp.Api.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("src/Zkp.Api/bin/<configuration>/net10.0/Zkp.Api.dll not found: build the load tool from the repository.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
