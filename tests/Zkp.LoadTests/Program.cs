using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Zkp.LoadTests;
using Zkp.Testing;

// Load test of issue 7's targets: POST /verify/proof (>= 300/s, p99 < 100 ms with 32 clients) and
// POST /credentials/issue (p50 < 150 ms), over real HTTP against the API on Kestrel and a throwaway PostgreSQL.
var options = LoadOptions.Parse(args);
Console.WriteLine($"mode {options.Mode}, {options.Clients} clients, {options.Duration.TotalSeconds} s measured after {options.Warmup.TotalSeconds} s warm-up, {Environment.ProcessorCount} cores, API {(options.ApiInProcess ? "in this process" : "in its own process")}"
    + string.Concat(options.Settings.Select(s => $", {s.Key}={s.Value}")));

await using var cluster = new PostgresClusterHandle();
await cluster.Cluster.InitializeAsync();
var connectionString = await cluster.Cluster.CreateDatabaseAsync("load");
await using var host = await ApiHost.StartAsync(connectionString, options.Settings);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients + 4, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
{
    Timeout = TimeSpan.FromSeconds(30),
};

var seedWatch = Stopwatch.StartNew();
var seeded = await new Seeder(host, http).SeedAsync(options.Mode == LoadOptions.VerifyMode ? options.Tokens : 0);
// Seeding uses the in-process host's services (a few direct database updates); the measured API then runs in its own
// process against the same database and data directory unless --api in-process.
using var apiProcess = options.ApiInProcess ? null : await StartApiProcessAsync();
var baseUrl = apiProcess?.BaseUrl ?? host.BaseUrl;
Console.WriteLine($"seeded in {seedWatch.Elapsed.TotalSeconds:F1} s; API at {baseUrl}");

// Bodies and URIs made once, so the clients' own CPU (in this process, counted below) stays small.
var verifyUri = new Uri(baseUrl + "/api/v1/verify/proof");
var verifyBodies = seeded.Tokens.Select(t => JsonSerializer.SerializeToUtf8Bytes(new { token = t })).ToArray();
Func<int, HttpRequestMessage> next = options.Mode == LoadOptions.VerifyMode
    ? i =>
    {
        var content = new ByteArrayContent(verifyBodies[i % verifyBodies.Length]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, verifyUri) { Content = content };
        request.Headers.Add("X-API-Key", seeded.ApiKey);
        return request;
    }
    : _ =>
    {
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/api/v1/credentials/issue")
        {
            Content = new StringContent("""{"claim_type": "income_range", "threshold": 50000}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", seeded.MemberJwt);
        return request;
    };

// verify/proof must answer all_verified true; anything else counts as a failure, so a fast wrong answer cannot pass.
Func<HttpResponseMessage, string, bool> succeeded = options.Mode == LoadOptions.VerifyMode
    ? (response, body) => response.IsSuccessStatusCode && body.Contains("\"all_verified\":true", StringComparison.Ordinal)
    : (response, _) => response.IsSuccessStatusCode;

using var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var apiCpuBefore = apiProcess?.TotalProcessorTime ?? TimeSpan.Zero;
var postgresBefore = PostgresCpu.Read(cluster.Cluster.RootDirectory);
var batchesBefore = BatchStatistics();
var started = Stopwatch.StartNew();
var measureFrom = options.Warmup;
var measureUntil = options.Warmup + options.Duration;
var perClient = new List<double>[options.Clients];
var failures = 0;
string? firstFailure = null;
var counter = 0;
await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async client =>
{
    var latencies = perClient[client] = [];
    while (started.Elapsed < measureUntil)
    {
        using var request = next(Interlocked.Increment(ref counter));
        var begin = started.Elapsed;
        string body;
        bool ok;
        try
        {
            using var response = await http.SendAsync(request);
            body = await response.Content.ReadAsStringAsync();
            ok = succeeded(response, body);
            if (!ok)
            {
                body = $"{(int)response.StatusCode} {body}";
            }
        }
        catch (HttpRequestException e)
        {
            (ok, body) = (false, e.Message);
        }

        var end = started.Elapsed;
        if (begin < measureFrom || end > measureUntil)
        {
            continue;
        }

        if (ok)
        {
            latencies.Add((end - begin).TotalMilliseconds);
        }
        else
        {
            Interlocked.Increment(ref failures);
            Interlocked.CompareExchange(ref firstFailure, body, null);
        }
    }
}));

var elapsed = started.Elapsed;
process.Refresh();
var cpu = process.TotalProcessorTime - cpuBefore;
var postgresCpu = PostgresCpu.Read(cluster.Cluster.RootDirectory) - postgresBefore;
var batchesAfter = BatchStatistics();
var report = LatencyReport.From(perClient.SelectMany(l => l).ToList(), failures, options.Duration);
Console.WriteLine(report.Format(options.Mode == LoadOptions.VerifyMode ? "POST /verify/proof" : "POST /credentials/issue"));
// CPU per request: a figure that a busy machine distorts much less than throughput, so runs on shared machines
// stay comparable. In-process, "process" is the API, the load clients and Npgsql together (the sessions before the
// fifth reported that); with the API in its own process the two are reported apart and "process" is their sum.
var apiCpu = (apiProcess?.TotalProcessorTime ?? TimeSpan.Zero) - apiCpuBefore;
if (apiProcess is not null)
{
    Console.WriteLine($"API process CPU {apiCpu.TotalSeconds:F1} s = {apiCpu.TotalMilliseconds / Math.Max(1, counter):F2} ms per request; load clients {cpu.TotalMilliseconds / Math.Max(1, counter):F2} ms per request");
}

cpu += apiCpu;
Console.WriteLine($"process CPU {cpu.TotalSeconds:F1} s over {elapsed.TotalSeconds:F1} s for {counter} requests = {cpu.TotalMilliseconds / Math.Max(1, counter):F2} ms CPU per request");
Console.WriteLine($"PostgreSQL CPU {postgresCpu.TotalSeconds:F1} s = {postgresCpu.TotalMilliseconds / Math.Max(1, counter):F2} ms CPU per request; process + PostgreSQL = {(cpu + postgresCpu).TotalMilliseconds / Math.Max(1, counter):F2} ms");
if (batchesAfter is { } after && batchesBefore is { } before && after.Batches > before.Batches)
{
    var (batches, proofs, fallbacks) = (after.Batches - before.Batches, after.Proofs - before.Proofs, after.Fallbacks - before.Fallbacks);
    Console.WriteLine($"proof batches {batches}, proofs {proofs}, mean batch {(double)proofs / batches:F1}, combined checks failed {fallbacks}");
}

if (firstFailure is not null)
{
    Console.WriteLine("first failure: " + (firstFailure.Length > 400 ? firstFailure[..400] : firstFailure));
}

return failures == 0 && report.Requests > 0 ? 0 : 1;

// Only the in-process API's batch statistics can be read; a separate API process has no such endpoint.
(long Batches, long Proofs, long Fallbacks)? BatchStatistics() => apiProcess is not null ? null :
    (host.App.Services.GetRequiredService<Zkp.Api.Verification.ProofVerifierChoice>().Verifier as Zkp.Credentials.Verification.BatchingProofVerifier)?.Statistics;

async Task<ApiProcess> StartApiProcessAsync()
{
    await host.StopAsync();
    return await ApiProcess.StartAsync(connectionString, host.DataDirectory, options.Settings, http);
}

/// <summary>Stops the throwaway cluster however the run ends.</summary>
internal sealed class PostgresClusterHandle : IAsyncDisposable
{
    public PostgresCluster Cluster { get; } = new();

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
