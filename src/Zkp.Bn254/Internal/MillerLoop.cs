using System.Numerics;

namespace Zkp.Bn254.Internal;

/// <summary>Coefficients of one line of the Miller loop, evaluated later at a G1 point P as c0*yP + c1*xP*w + c2*v*w.</summary>
internal readonly struct LineCoefficients
{
    public readonly Fp2 C0;
    public readonly Fp2 C1;
    public readonly Fp2 C2;

    public LineCoefficients(in Fp2 c0, in Fp2 c1, in Fp2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }
}

/// <summary>
/// Optimal ate Miller loop over the signed digits of 6u + 2 with the two Frobenius-twisted
/// additions at the end, with G2 arithmetic in homogeneous projective coordinates (lines as in
/// Costello-Lange-Naehrig, "Faster pairing computations on curves with high-degree twists", D-type
/// twist). Inputs are assumed on their curves and in their subgroups.
/// </summary>
internal static class MillerLoop
{
    /// <summary>Non-adjacent form of 6u + 2, least significant digit first.</summary>
    internal static readonly sbyte[] LoopDigits = Naf(6 * new BigInteger(G2Subgroup.CurveParameterU) + 2);

    private static readonly Fp TwoInverse = Fp.FromUInt64(2).Inverse();

    internal static sbyte[] Naf(BigInteger k)
    {
        var digits = new List<sbyte>();
        while (!k.IsZero)
        {
            sbyte d = 0;
            if (!k.IsEven)
            {
                d = (sbyte)(2 - (int)(k & 3)); // 1 when k = 1 mod 4, -1 when k = 3 mod 4
                k -= d;
            }
            digits.Add(d);
            k >>= 1;
        }
        return [.. digits];
    }

    /// <summary>Doubles T in place and returns the tangent line (scaled by an F_p2 factor the final exponentiation removes).</summary>
    private static LineCoefficients DoublingStep(ref Fp2 x, ref Fp2 y, ref Fp2 z)
    {
        var a = x * y;
        Fp2.MultiplyByFp(in a, in TwoInverse, out a);
        var b = y.Square();
        var c = z.Square();
        var e = Fp2.TwistB * (c + c + c);
        var f = e + e + e;
        var g = b + f;
        Fp2.MultiplyByFp(in g, in TwoInverse, out g);
        var h = (y + z).Square() - (b + c);
        var i = e - b;
        var j = x.Square();
        var eSquare = e.Square();
        x = a * (b - f);
        y = g.Square() - (eSquare + eSquare + eSquare);
        z = b * h;
        return new LineCoefficients(-h, j + j + j, i);
    }

    /// <summary>Adds the affine point Q to T in place and returns the chord line.</summary>
    private static LineCoefficients AdditionStep(ref Fp2 x, ref Fp2 y, ref Fp2 z, in AffinePoint<Fp2> q)
    {
        var theta = y - q.Y * z;
        var lambda = x - q.X * z;
        var c = theta.Square();
        var d = lambda.Square();
        var e = lambda * d;
        var f = z * c;
        var g = x * d;
        var h = e + f - (g + g);
        x = lambda * h;
        y = theta * (g - h) - e * y;
        z *= e;
        var j = theta * q.X - lambda * q.Y;
        return new LineCoefficients(lambda, -theta, j);
    }

    /// <summary>All line coefficients for Q, in the order the Miller loop consumes them.</summary>
    public static LineCoefficients[] Prepare(in AffinePoint<Fp2> q)
    {
        var lines = new List<LineCoefficients>(LoopDigits.Length * 2);
        var x = q.X;
        var y = q.Y;
        var z = Fp2.One;
        var negQ = CurveArithmetic<Fp2>.Negate(in q);
        for (int i = LoopDigits.Length - 2; i >= 0; i--)
        {
            lines.Add(DoublingStep(ref x, ref y, ref z));
            if (LoopDigits[i] == 1)
            {
                lines.Add(AdditionStep(ref x, ref y, ref z, in q));
            }
            else if (LoopDigits[i] == -1)
            {
                lines.Add(AdditionStep(ref x, ref y, ref z, in negQ));
            }
        }
        var q1 = G2Subgroup.Psi(in q);
        var q2 = CurveArithmetic<Fp2>.Negate(G2Subgroup.Psi(in q1));
        lines.Add(AdditionStep(ref x, ref y, ref z, in q1));
        lines.Add(AdditionStep(ref x, ref y, ref z, in q2));
        return [.. lines];
    }

    private static void Evaluate(ref Fp12 f, in LineCoefficients line, in AffinePoint<Fp> p)
    {
        Fp2.MultiplyByFp(in line.C0, in p.Y, out var d0);
        Fp2.MultiplyByFp(in line.C1, in p.X, out var d3);
        Fp12.MultiplyBy034(in f, in d0, in d3, in line.C2, out f);
    }

    /// <summary>
    /// Product of the Miller loops of all pairs, sharing the squarings of f. Pairs where either point
    /// is infinity contribute 1 and are skipped. <paramref name="lines"/>[i] must come from
    /// <see cref="Prepare"/> for the i-th G2 point.
    /// </summary>
    public static Fp12 Run(ReadOnlySpan<AffinePoint<Fp>> g1, ReadOnlySpan<LineCoefficients[]?> lines)
    {
        var f = Fp12.One;
        int index = 0;
        bool first = true;
        for (int i = LoopDigits.Length - 2; i >= 0; i--)
        {
            if (!first)
            {
                Fp12.Square(in f, out f);
            }
            first = false;
            for (int k = 0; k < g1.Length; k++)
            {
                var l = lines[k];
                if (l is not null && !g1[k].IsInfinity)
                {
                    Evaluate(ref f, in l[index], in g1[k]);
                }
            }
            index++;
            if (LoopDigits[i] != 0)
            {
                for (int k = 0; k < g1.Length; k++)
                {
                    var l = lines[k];
                    if (l is not null && !g1[k].IsInfinity)
                    {
                        Evaluate(ref f, in l[index], in g1[k]);
                    }
                }
                index++;
            }
        }
        for (int step = 0; step < 2; step++)
        {
            for (int k = 0; k < g1.Length; k++)
            {
                var l = lines[k];
                if (l is not null && !g1[k].IsInfinity)
                {
                    Evaluate(ref f, in l[index], in g1[k]);
                }
            }
            index++;
        }
        return f;
    }

    /// <summary>
    /// As <see cref="Run"/>, but computes each G2 point's lines on the fly instead of reading them
    /// from a prepared table: same arithmetic, no allocation for the line coefficients.
    /// </summary>
    public static Fp12 RunOnTheFly(ReadOnlySpan<AffinePoint<Fp>> g1, ReadOnlySpan<AffinePoint<Fp2>> g2)
    {
        int count = g1.Length;
        Span<Fp2> xs = count <= 8 ? stackalloc Fp2[count] : new Fp2[count];
        Span<Fp2> ys = count <= 8 ? stackalloc Fp2[count] : new Fp2[count];
        Span<Fp2> zs = count <= 8 ? stackalloc Fp2[count] : new Fp2[count];
        Span<bool> active = count <= 8 ? stackalloc bool[count] : new bool[count];
        for (int k = 0; k < count; k++)
        {
            active[k] = !g1[k].IsInfinity && !g2[k].IsInfinity;
            xs[k] = g2[k].X;
            ys[k] = g2[k].Y;
            zs[k] = Fp2.One;
        }
        var f = Fp12.One;
        for (int i = LoopDigits.Length - 2; i >= 0; i--)
        {
            if (i != LoopDigits.Length - 2)
            {
                Fp12.Square(in f, out f);
            }
            for (int k = 0; k < count; k++)
            {
                if (active[k])
                {
                    var line = DoublingStep(ref xs[k], ref ys[k], ref zs[k]);
                    Evaluate(ref f, in line, in g1[k]);
                }
            }
            if (LoopDigits[i] != 0)
            {
                for (int k = 0; k < count; k++)
                {
                    if (active[k])
                    {
                        var q = LoopDigits[i] == 1 ? g2[k] : CurveArithmetic<Fp2>.Negate(in g2[k]);
                        var line = AdditionStep(ref xs[k], ref ys[k], ref zs[k], in q);
                        Evaluate(ref f, in line, in g1[k]);
                    }
                }
            }
        }
        for (int k = 0; k < count; k++)
        {
            if (active[k])
            {
                var q1 = G2Subgroup.Psi(in g2[k]);
                var line = AdditionStep(ref xs[k], ref ys[k], ref zs[k], in q1);
                Evaluate(ref f, in line, in g1[k]);
            }
        }
        for (int k = 0; k < count; k++)
        {
            if (active[k])
            {
                var q2 = CurveArithmetic<Fp2>.Negate(G2Subgroup.Psi(G2Subgroup.Psi(in g2[k])));
                var line = AdditionStep(ref xs[k], ref ys[k], ref zs[k], in q2);
                Evaluate(ref f, in line, in g1[k]);
            }
        }
        return f;
    }
}
