using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

public readonly partial struct Fr
{
    /// <summary>r - 1 = 2^28 * OddPart.</summary>
    internal const int TwoAdicity = 28;

    private static readonly BigInteger OddPart = (FrModulus.Modulus - 1) >> TwoAdicity;

    /// <summary>5 is the smallest quadratic non-residue mod r (the generator snarkjs/ffjavascript use).</summary>
    private static readonly Fr NonResidue = FromUInt64(5);

    /// <summary>5^OddPart: a primitive 2^28-th root of unity.</summary>
    private static readonly Fr MaxRootOfUnity = NonResidue.Pow(OddPart);

    /// <summary>
    /// Square root by Tonelli-Shanks (r - 1 = 2^28 * odd), verified by squaring. Returns false
    /// (root = zero) for non-squares. Variable time: use with public values.
    /// </summary>
    public bool TrySqrt(out Fr root)
    {
        root = Zero;
        if (IsZero)
        {
            return true;
        }
        // Invariants: t = this^q' * c-corrections, x^2 = this * t, t of order dividing 2^m.
        int m = TwoAdicity;
        var c = MaxRootOfUnity;
        var t = Pow(OddPart);
        var x = Pow((OddPart + 1) / 2);
        while (!t.IsOne)
        {
            int i = 0;
            var t2i = t;
            while (!t2i.IsOne)
            {
                t2i = t2i.Square();
                i++;
                if (i == m)
                {
                    return false; // t has order 2^m: not a square
                }
            }
            var b = c;
            for (int j = 0; j < m - i - 1; j++)
            {
                b = b.Square();
            }
            m = i;
            c = b.Square();
            t *= c;
            x *= b;
        }
        if (x.Square() != this)
        {
            return false;
        }
        root = x;
        return true;
    }

    /// <summary>
    /// The primitive 2^<paramref name="log2Size"/>-th root of unity 5^((r-1)/2^28) squared 28 - log2Size
    /// times: the same roots snarkjs uses for its FFT domains.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">log2Size outside 0..28.</exception>
    public static Fr RootOfUnity(int log2Size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(log2Size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(log2Size, TwoAdicity);
        var w = MaxRootOfUnity;
        for (int i = log2Size; i < TwoAdicity; i++)
        {
            w = w.Square();
        }
        return w;
    }
}
