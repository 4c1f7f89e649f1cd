using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// A product of Miller loops before the final exponentiation (<see cref="Pairing.MillerLoopProduct"/>).
/// Not a GT element: its only use is as a constant factor of a later pairing check, e.g. a
/// Groth16 verifying key's e(alpha, beta), which every verification with that key multiplies in.
/// The final exponentiation is a homomorphism, so multiplying before it equals multiplying pairings.
/// </summary>
public readonly struct MillerLoopValue
{
    internal readonly Fp12 Value;

    internal MillerLoopValue(in Fp12 value)
    {
        Value = value;
    }

    /// <summary>The final exponentiation of this value: the pairing product it stands for.</summary>
    public GT ToGT() => new(FinalExponentiation.Apply(Value));
}
