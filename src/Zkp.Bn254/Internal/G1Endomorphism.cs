using System.Numerics;

namespace Zkp.Bn254.Internal;

/// <summary>
/// GLV scalar multiplication on G1 (Gallant-Lambert-Vanstone 2001): phi(x, y) = (beta x, y), with
/// beta a primitive cube root of unity in F_p, acts on G1 as multiplication by lambda, a cube root of
/// unity mod r. A scalar k is split as k = k1 + k2 lambda (mod r) with |k1|, |k2| about sqrt(r), so
/// [k]P = [k1]P + [k2]phi(P) needs half the doublings. The constants and the short lattice basis are
/// derived once from their definitions (extended Euclid on r and lambda) rather than transcribed.
/// Variable time: for public scalars.
/// </summary>
internal static class G1Endomorphism
{
    public static readonly Fp Beta;
    public static readonly BigInteger Lambda;

    // Short basis (A1, B1), (A2, B2) of the lattice {(a, b) : a + b lambda = 0 mod r}.
    private static readonly BigInteger A1;
    private static readonly BigInteger B1;
    private static readonly BigInteger A2;
    private static readonly BigInteger B2;
    private static readonly BigInteger Determinant;

    static G1Endomorphism()
    {
        var p = Fp.Modulus;
        var r = Fr.Modulus;
        // A primitive cube root of unity: g^((p-1)/3) for the first g that gives one != 1.
        var beta = Fp.One;
        for (ulong g = 2; beta.IsOne; g++)
        {
            beta = Fp.FromUInt64(g).Pow((p - 1) / 3);
        }
        Beta = beta;
        // lambda is a root of x^2 + x + 1 mod r; pick the one matching beta on the generator.
        if (!Fr.FromInt64(-3).TrySqrt(out var sqrtMinus3))
        {
            throw new InvalidOperationException("-3 must be a square mod r");
        }
        var twoInverse = Fr.FromUInt64(2).Inverse();
        var lambda = (sqrtMinus3 - Fr.One) * twoInverse;
        var g1 = G1Jacobian.Generator;
        CurveArithmetic<Fp>.MultiplyVartime(g1.Point, Limbs256.FromBigInteger(lambda.ToBigInteger()), out var lambdaG);
        var phiG = Apply(g1.Point);
        if (!CurveArithmetic<Fp>.AreEqual(in lambdaG, in phiG))
        {
            lambda = (-sqrtMinus3 - Fr.One) * twoInverse;
        }
        Lambda = lambda.ToBigInteger();
        (A1, B1, A2, B2) = ShortBasis(r, Lambda);
        Determinant = A1 * B2 - A2 * B1;
    }

    public static JacobianPoint<Fp> Apply(in JacobianPoint<Fp> p) => new(p.X * Beta, p.Y, p.Z);

    /// <summary>GLV's extended-Euclid construction of two short lattice vectors.</summary>
    private static (BigInteger, BigInteger, BigInteger, BigInteger) ShortBasis(BigInteger r, BigInteger lambda)
    {
        var sqrtR = Sqrt(r);
        // Invariant: remainder_i = s_i r + t_i lambda; we only need remainders and t.
        BigInteger rPrev = r, rCur = lambda, tPrev = 0, tCur = 1;
        while (rCur >= sqrtR)
        {
            var q = rPrev / rCur;
            (rPrev, rCur) = (rCur, rPrev - q * rCur);
            (tPrev, tCur) = (tCur, tPrev - q * tCur);
        }
        // Now rPrev >= sqrt(r) > rCur: v1 = (rCur, -tCur); v2 is the shorter of (rPrev, -tPrev) and the next one.
        var q2 = rPrev / rCur;
        var rNext = rPrev - q2 * rCur;
        var tNext = tPrev - q2 * tCur;
        var v1 = (rCur, -tCur);
        var v2 = rPrev * rPrev + tPrev * tPrev <= rNext * rNext + tNext * tNext ? (rPrev, -tPrev) : (rNext, -tNext);
        return (v1.Item1, v1.Item2, v2.Item1, v2.Item2);
    }

    /// <summary>floor(sqrt(n)) by Newton's iteration from above.</summary>
    private static BigInteger Sqrt(BigInteger n)
    {
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + n / x) / 2;
            if (y >= x)
            {
                return x;
            }
            x = y;
        }
    }

    private static BigInteger RoundDivide(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var twice = 2 * numerator + denominator;
        var q = BigInteger.DivRem(twice, 2 * denominator, out var rem);
        return rem.Sign < 0 ? q - 1 : q; // floor((2n + d) / 2d) = round(n / d)
    }

    /// <summary>k = k1 + k2 lambda (mod r) with |k1|, |k2| &lt; 2^128.</summary>
    public static (BigInteger K1, BigInteger K2) Decompose(BigInteger k)
    {
        var c1 = RoundDivide(B2 * k, Determinant);
        var c2 = RoundDivide(-B1 * k, Determinant);
        return (k - c1 * A1 - c2 * A2, -c1 * B1 - c2 * B2);
    }

    /// <summary>[k]P for 0 &lt;= k &lt; r by interleaved width-5 NAFs of k1 on P and k2 on phi(P).</summary>
    public static void Multiply(in JacobianPoint<Fp> p, in Limbs256 k, out JacobianPoint<Fp> result)
    {
        var (k1, k2) = Decompose(k.ToBigInteger());
        var p1 = p;
        bool negate1 = k1.Sign < 0;
        bool negate2 = k2.Sign < 0;
        if (negate1)
        {
            CurveArithmetic<Fp>.Negate(in p1, out p1);
            k1 = -k1;
        }
        if (negate2)
        {
            k2 = -k2;
        }
        Span<sbyte> digits1 = stackalloc sbyte[260];
        Span<sbyte> digits2 = stackalloc sbyte[260];
        int length1 = CurveArithmetic<Fp>.ComputeWnaf(Limbs256.FromBigInteger(k1), digits1);
        int length2 = CurveArithmetic<Fp>.ComputeWnaf(Limbs256.FromBigInteger(k2), digits2);

        Span<JacobianPoint<Fp>> table1 = stackalloc JacobianPoint<Fp>[8];
        Span<JacobianPoint<Fp>> table2 = stackalloc JacobianPoint<Fp>[8];
        CurveArithmetic<Fp>.BuildOddMultiples(in p1, table1);
        for (int i = 0; i < 8; i++)
        {
            // phi is an endomorphism: phi((2i+1) P1) = (2i+1) phi(P1), and P1 already carries k1's sign.
            var mapped = Apply(in table1[i]);
            table2[i] = negate1 == negate2 ? mapped : Negated(in mapped);
        }
        result = CurveArithmetic<Fp>.InterleavedWnaf(table1, digits1[..length1], table2, digits2[..length2]);
    }

    private static JacobianPoint<Fp> Negated(in JacobianPoint<Fp> p)
    {
        CurveArithmetic<Fp>.Negate(in p, out var n);
        return n;
    }
}
