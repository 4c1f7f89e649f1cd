using Zkp.Bn254;

namespace Zkp.Zk.Constraints;

/// <summary>One term coefficient * wire of a linear combination. Wire 0 is the constant 1.</summary>
public readonly record struct R1csTerm(int Wire, Fr Coefficient);
