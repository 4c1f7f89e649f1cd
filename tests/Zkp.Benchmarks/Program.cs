using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/Zkp.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

internal sealed partial class Program;
