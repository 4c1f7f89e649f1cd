using Zkp.Bn254;
using Zkp.Zk.Constraints;
using Zkp.Zk.Frontend;

namespace Zkp.Zk.Tests;

/// <summary>A circuit defined by a lambda, for tests.</summary>
internal sealed class TestCircuit(string name, Action<ICircuitApi> define) : Circuit
{
    public override string Name => name;

    public override void Define(ICircuitApi api) => define(api);

    public static CompiledCircuit Compile(string name, Action<ICircuitApi> define) =>
        CircuitCompiler.Compile(new TestCircuit(name, define));

    public static Dictionary<string, Fr> Inputs(params (string Name, long Value)[] values) =>
        values.ToDictionary(v => v.Name, v => Fr.FromInt64(v.Value), StringComparer.Ordinal);
}
