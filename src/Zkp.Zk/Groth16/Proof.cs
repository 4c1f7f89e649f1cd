using Zkp.Bn254;

namespace Zkp.Zk.Groth16;

/// <summary>A Groth16 proof (pi_a, pi_b, pi_c). Points are valid by construction (on curve, G2 in the subgroup).</summary>
public sealed record Proof(G1Affine A, G2Affine B, G1Affine C);
