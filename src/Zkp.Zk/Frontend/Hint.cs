using Zkp.Bn254;

namespace Zkp.Zk.Frontend;

/// <summary>
/// Computes values outside the constraint system while solving a witness (bit decomposition,
/// inverses). Hint outputs are unconstrained: the circuit must constrain them afterwards.
/// A hint must be deterministic and must not throw for any input.
/// </summary>
public delegate void Hint(ReadOnlySpan<Fr> inputs, Span<Fr> outputs);
