using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

public readonly partial struct Fp
{
    // p = 3 mod 4, so a square a has the root a^((p+1)/4).
    private static readonly BigInteger SqrtExponent = (FpModulus.Modulus + 1) / 4;

    private static readonly BigInteger LegendreExponent = (FpModulus.Modulus - 1) / 2;

    /// <summary>
    /// Square root by a^((p+1)/4) (valid because p = 3 mod 4), then verified by squaring.
    /// Returns false (root = zero) for non-squares. Variable time only in the public exponent.
    /// Which of the two roots is returned is unspecified.
    /// </summary>
    public bool TrySqrt(out Fp root)
    {
        var candidate = Pow(SqrtExponent);
        if (candidate.Square() == this)
        {
            root = candidate;
            return true;
        }
        root = Zero;
        return false;
    }

    /// <summary>Euler's criterion: true for zero and the non-zero squares.</summary>
    internal bool IsSquare() => IsZero || Pow(LegendreExponent).IsOne;
}
