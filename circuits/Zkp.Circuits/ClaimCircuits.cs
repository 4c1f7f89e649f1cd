using System.Diagnostics.CodeAnalysis;

namespace Zkp.Circuits;

/// <summary>The claim circuits the API, CLI and credentials library prove and verify with.</summary>
public static class ClaimCircuits
{
    /// <summary>The range circuit used by every claim type (id <c>zkp.claim-range.v1</c>).</summary>
    public static BuiltInCircuit Range { get; } = new(
        ClaimRangeCircuit.CircuitId,
        "claim range proof: lower <= value <= upper over 64-bit values, Poseidon commitment, bound to a credential",
        static () => new ClaimRangeCircuit());

    public static IReadOnlyList<BuiltInCircuit> All { get; } = [Range];

    public static bool TryGet(string? id, [NotNullWhen(true)] out BuiltInCircuit? circuit) => CircuitCatalogue.TryFind(All, id, out circuit);
}

/// <summary>Every built-in circuit: the claim circuits plus benchmark circuits (for the CLI and benchmarks).</summary>
public static class CircuitCatalogue
{
    /// <summary>259 chained Poseidon hashes (62,161 constraints), for prover benchmarks.</summary>
    public static BuiltInCircuit PoseidonChain { get; } = new(
        PoseidonChainCircuit.CircuitId,
        $"benchmark: {PoseidonChainCircuit.Length} chained 2-input Poseidon hashes",
        static () => new PoseidonChainCircuit());

    public static IReadOnlyList<BuiltInCircuit> All { get; } = [.. ClaimCircuits.All, PoseidonChain];

    public static bool TryGet(string? id, [NotNullWhen(true)] out BuiltInCircuit? circuit) => TryFind(All, id, out circuit);

    /// <exception cref="KeyNotFoundException">No built-in circuit has this id.</exception>
    public static BuiltInCircuit Get(string id) =>
        TryGet(id, out var circuit) ? circuit : throw new KeyNotFoundException(UnknownReason(id));

    public static string UnknownReason(string? id) =>
        $"unknown circuit '{id}'; built-in circuits: {string.Join(", ", All.Select(c => c.Id))}";

    internal static bool TryFind(IReadOnlyList<BuiltInCircuit> circuits, string? id, [NotNullWhen(true)] out BuiltInCircuit? circuit)
    {
        circuit = circuits.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.Ordinal));
        return circuit is not null;
    }
}
