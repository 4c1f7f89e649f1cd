extern alias api;

using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using api::Zkp.Api.Credentials;

namespace Zkp.Benchmarks.Api;

/// <summary>
/// <c>POST /api/v1/credentials/issue</c> end to end in process (target: p50 under 150 ms): JWT authentication, attribute
/// read, status-list allocation, Groth16 proof, Ed25519 signature, credential row and webhook outbox in one transaction,
/// on the embedded SQLite default (set <c>ZKP_BENCH_POSTGRES</c> to a connection string to run on PostgreSQL), next to
/// the proof alone so the report shows what the API adds around it. Runs in process: the API host lives in the benchmark.
/// </summary>
[InProcess]
[MedianColumn]
[MemoryDiagnoser]
public class IssuanceBenchmarks
{
    private InProcessApi api = null!;
    private string memberToken = "";
    private ClaimKeys keys = null!;

    [GlobalSetup]
    public void Setup()
    {
        api = InProcessApi.StartAsync(Environment.GetEnvironmentVariable("ZKP_BENCH_POSTGRES")).GetAwaiter().GetResult();
        var issuer = api.DemoIssuerAdminTokenAsync().GetAwaiter().GetResult();
        memberToken = api.MemberWithAttributesAsync(issuer, """{"annual_income":85000,"credit_score":742}""").GetAwaiter().GetResult();
        keys = api.Services.GetRequiredService<ClaimKeys>();
    }

    [GlobalCleanup]
    public void Cleanup() => api.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "POST /credentials/issue (HTTP, in process)")]
    public Task<Guid> IssueOverHttp() => api.IssueAsync(memberToken, "income_range", 50000);

    [Benchmark(Baseline = true, Description = "Groth16 prove of the claim circuit alone")]
    public Zkp.Zk.Groth16.Proof ProveOnly()
    {
        var witness = Zkp.Circuits.ClaimCircuits.Range.Solve(Zkp.Circuits.ClaimCommitment.RangeInputs(85000, Zkp.Bn254.Fr.FromUInt64(7), 50000, ulong.MaxValue, Zkp.Circuits.ClaimCommitment.BindingFor("urn:uuid:bench")));
        return Zkp.Zk.Groth16.Groth16Prover.Prove(keys.ProvingKey, witness.Values);
    }
}
