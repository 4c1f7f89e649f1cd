using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/Zkp.Benchmarks -- --filter '*'
if (args.Length > 0 && args[0] == "bn254-min-of")
{
    Zkp.Benchmarks.Bn254.MinOfRuns.Run(args[1..]); // pairing timings that tolerate a loaded machine
    return;
}

if (args.Length > 0 && args[0] == "prove-cpu")
{
    Zkp.Benchmarks.Zk.ProveCpu.Run(args[1..]); // prover CPU per proof, for a loaded machine
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

internal sealed partial class Program;
