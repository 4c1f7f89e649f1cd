using System.Numerics;
using System.Runtime.CompilerServices;

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
/// A prepared line divided by its constant coefficient: 1 + C1 (xP / yP) w + C2 (1 / yP) v w at a G1
/// point P. The divisor c0 yP lies in F_p2, so the final exponentiation (a multiple of p^2 - 1)
/// removes it and the pairing value is unchanged.
/// </summary>
internal readonly struct PreparedLine
{
    public readonly Fp2 C1;
    public readonly Fp2 C2;

    public PreparedLine(in Fp2 c1, in Fp2 c2)
    {
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
[SkipLocalsInit]
internal static class MillerLoop
{
    /// <summary>Non-adjacent form of 6u + 2, least significant digit first.</summary>
    internal static readonly sbyte[] LoopDigits = Naf(6 * new BigInteger(G2Subgroup.CurveParameterU) + 2);

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
    /// <remarks>
    /// Costello-Lange-Naehrig / Aranha et al. doubling with A = XY/2, B = Y^2, C = Z^2, E = 3b'C,
    /// F = 3E, G = (B + F)/2, H = (Y + Z)^2 - (B + C): X' = A(B - F), Y' = G^2 - 3E^2, Z' = BH, line
    /// (-H, 3X^2, E - B). In three calls so that the JIT inlines every addition in each (one method
    /// exceeded its per-method limits and called additions and constructors out of line).
    /// </remarks>
    internal static LineCoefficients DoublingStep(ref Fp2 x, ref Fp2 y, ref Fp2 z)
    {
        DoublingTerms(in y, in z, out var b, out var e, out var h, out var negH);
        DoublingLine(in x, in y, in b, in e, out var threeJ, out var i, out var a);
        DoublingPoint(ref x, ref y, ref z, in a, in b, in e, in h);
        return new LineCoefficients(negH, threeJ, i);
    }

    /// <summary>B = Y^2, E = 3b'Z^2, H = (Y + Z)^2 - (Y^2 + Z^2) and -H.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DoublingTerms(in Fp2 y, in Fp2 z, out Fp2 b, out Fp2 e, out Fp2 h, out Fp2 negH)
    {
        Fp2.Square(in y, out var bb);
        Fp2.Square(in z, out var c);
        Fp2.Add(in y, in z, out var yz);
        Fp2.Square(in yz, out var hh);
        Fp2.Add(in bb, in c, out var bc);
        Fp2.Subtract(in hh, in bc, out hh);
        Fp2.Multiply(in Fp2.TwistB3, in c, out e);
        Fp2.Negate(in hh, out negH);
        b = bb;
        h = hh;
    }

    /// <summary>The line's 3X^2 and E - B, and A = XY/2 for the new point.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DoublingLine(in Fp2 x, in Fp2 y, in Fp2 b, in Fp2 e, out Fp2 threeJ, out Fp2 i, out Fp2 a)
    {
        Fp2.Square(in x, out var j);
        Fp2.Double(in j, out var j2);
        Fp2.Add(in j2, in j, out threeJ);
        Fp2.Subtract(in e, in b, out i);
        Fp2.Multiply(in x, in y, out var xy);
        Fp2.Halve(in xy, out a);
    }

    /// <summary>X' = A(B - 3E), Y' = ((B + 3E)/2)^2 - 3E^2, Z' = BH.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DoublingPoint(ref Fp2 x, ref Fp2 y, ref Fp2 z, in Fp2 a, in Fp2 b, in Fp2 e, in Fp2 h)
    {
        DoublingSums(in b, in e, out var g, out var bf);
        Fp2.Square(in e, out var eSquare);
        Fp2.Double(in eSquare, out var e2);
        Fp2.Add(in e2, in eSquare, out eSquare);
        Fp2.Square(in g, out g);
        Fp2.Multiply(in a, in bf, out x);
        Fp2.Subtract(in g, in eSquare, out y);
        Fp2.Multiply(in b, in h, out z);
    }

    /// <summary>
    /// (B + 3E)/2 and B - 3E for reduced B, E (not checked), as a call of its own: inside DoublingPoint
    /// these additions left the JIT about 190 spilled loads and stores.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DoublingSums(in Fp2 b, in Fp2 e, out Fp2 g, out Fp2 bf)
    {
        Fp2.Double(in e, out var f);
        Fp2.Add(in f, in e, out f);
        Fp2.Add(in b, in f, out var sum);
        Fp2.Halve(in sum, out g);
        Fp2.Subtract(in b, in f, out bf);
    }

    /// <summary>Adds the affine point Q to T in place and returns the chord line.</summary>
    internal static LineCoefficients AdditionStep(ref Fp2 x, ref Fp2 y, ref Fp2 z, in AffinePoint<Fp2> q)
    {
        var qx = q.X;
        var qy = q.Y;
        AdditionTerms(in x, in y, in z, in qx, in qy, out var theta, out var lambda, out var j, out var negTheta);
        AdditionPoint(ref x, ref y, ref z, in theta, in lambda);
        return new LineCoefficients(lambda, negTheta, j);
    }

    /// <summary>theta = Y - yQ Z, lambda = X - xQ Z, the line's theta xQ - lambda yQ, and -theta.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AdditionTerms(
        in Fp2 x, in Fp2 y, in Fp2 z, in Fp2 qx, in Fp2 qy, out Fp2 theta, out Fp2 lambda, out Fp2 j, out Fp2 negTheta)
    {
        Fp2.Multiply(in qy, in z, out var t);
        Fp2.Subtract(in y, in t, out var th);
        Fp2.Multiply(in qx, in z, out var l);
        Fp2.Subtract(in x, in l, out var la);
        Fp2.Multiply(in th, in qx, out var j1);
        Fp2.Multiply(in la, in qy, out var j2);
        Fp2.Subtract(in j1, in j2, out j);
        Fp2.Negate(in th, out negTheta);
        theta = th;
        lambda = la;
    }

    /// <summary>
    /// C = theta^2, D = lambda^2, E = lambda D, F = Z C, G = X D, H = E + F - 2G:
    /// X' = lambda H, Y' = theta (G - H) - E Y, Z' = Z E.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AdditionPoint(ref Fp2 x, ref Fp2 y, ref Fp2 z, in Fp2 theta, in Fp2 lambda)
    {
        Fp2.Square(in theta, out var c);
        Fp2.Square(in lambda, out var d);
        Fp2.Multiply(in lambda, in d, out var e);
        Fp2.Multiply(in z, in c, out var f);
        Fp2.Multiply(in x, in d, out var g);
        Fp2.Add(in e, in f, out var h);
        Fp2.Double(in g, out var g2);
        Fp2.Subtract(in h, in g2, out h);
        Fp2.Multiply(in lambda, in h, out x);
        Fp2.Subtract(in g, in h, out var gh);
        Fp2.Multiply(in theta, in gh, out var y1);
        Fp2.Multiply(in e, in y, out var y2);
        Fp2.Subtract(in y1, in y2, out y);
        Fp2.Multiply(in z, in e, out z);
    }

    /// <summary>
    /// The chord line of <see cref="AdditionStep"/> alone, without updating T: the loop's last step
    /// (T + (-pi^2(Q))) only needs its line, so the seven F_p2 products and two squarings that would
    /// give the new T are skipped. Same coefficients as AdditionStep (a test checks this).
    /// </summary>
    internal static LineCoefficients AdditionLine(in Fp2 x, in Fp2 y, in Fp2 z, in AffinePoint<Fp2> q)
    {
        AdditionTerms(in x, in y, in z, in q.X, in q.Y, out _, out var lambda, out var j, out var negTheta);
        return new LineCoefficients(lambda, negTheta, j);
    }

    /// <summary>
    /// All lines for Q, in the order the Miller loop consumes them, each divided by its constant
    /// coefficient (one batched inversion) so that evaluating it costs the 10 F_p2 multiplications of
    /// <see cref="Fp12.MultiplyBy34"/>. The constant coefficients are never zero for Q in G2 (doubling:
    /// -2YZ with Y, Z non-zero since Q has odd order and T is never infinity; addition: x_T - x_Q Z,
    /// zero only if T = +-Q, which no step of the loop produces); a zero would surface here as an
    /// exception, not as a wrong pairing.
    /// </summary>
    public static PreparedLine[] Prepare(in AffinePoint<Fp2> q)
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
        lines.Add(AdditionLine(in x, in y, in z, in q2));

        // Montgomery's trick: prefix[i] = c0_0 ... c0_(i-1), one inversion of the full product.
        var prefix = new Fp2[lines.Count];
        var product = Fp2.One;
        for (int i = 0; i < lines.Count; i++)
        {
            prefix[i] = product;
            var c0 = lines[i].C0;
            Fp2.Multiply(in product, in c0, out product);
        }
        if (product.IsZero)
        {
            throw new InvalidOperationException("a Miller-loop line has a zero constant coefficient; the point is not in G2");
        }
        var inverse = product.InverseOrZero();
        var prepared = new PreparedLine[lines.Count];
        for (int i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            Fp2.Multiply(in inverse, in prefix[i], out var c0Inverse);
            Fp2.Multiply(in inverse, in line.C0, out inverse);
            prepared[i] = new PreparedLine(line.C1 * c0Inverse, line.C2 * c0Inverse);
        }
        return prepared;
    }

    /// <summary>
    /// An on-the-fly line evaluated at P, d0 + (d3 + d4 v) w, waiting for a second line to be multiplied
    /// with before both go into f (<see cref="Fp12.MultiplyLines"/>: 23 F_p2 multiplications for two
    /// lines instead of 26).
    /// </summary>
    private struct PendingLine
    {
        public bool Active;
        public Fp2 D0;
        public Fp2 D3;
        public Fp2 D4;
    }

    /// <summary>
    /// f *= the line at P, two lines at a time: the first line of a pair waits in
    /// <paramref name="pending"/>, the second is multiplied with it and the product goes into f.
    /// While <paramref name="fIsOne"/> (the loop's first product) the value is written directly instead
    /// of multiplied into one. Whoever squares f or returns it calls <see cref="Flush"/> first.
    /// </summary>
    private static void Evaluate(ref Fp12 f, ref bool fIsOne, ref PendingLine pending, in LineCoefficients line, in AffinePoint<Fp> p)
    {
        Fp2.MultiplyByFp(in line.C0, in p.Y, out var d0);
        Fp2.MultiplyByFp(in line.C1, in p.X, out var d3);
        if (!pending.Active)
        {
            pending.D0 = d0;
            pending.D3 = d3;
            pending.D4 = line.C2;
            pending.Active = true;
            return;
        }
        pending.Active = false;
        Fp12.MultiplyLines(in pending.D0, in pending.D3, in pending.D4, in d0, in d3, in line.C2, out var pair);
        if (fIsOne)
        {
            f = pair.ToFp12();
            fIsOne = false;
            return;
        }
        Fp12.MultiplyByLinePair(in f, in pair, out f);
    }

    /// <summary>Multiplies a waiting line (if any) into f, by the sparse 034 product.</summary>
    private static void Flush(ref Fp12 f, ref bool fIsOne, ref PendingLine pending)
    {
        if (!pending.Active)
        {
            return;
        }
        pending.Active = false;
        if (fIsOne)
        {
            f = new Fp12(new Fp6(pending.D0, Fp2.Zero, Fp2.Zero), new Fp6(pending.D3, pending.D4, Fp2.Zero));
            fIsOne = false;
            return;
        }
        Fp12.MultiplyBy034(in f, in pending.D0, in pending.D3, in pending.D4, out f);
    }

    /// <summary>As <see cref="Evaluate"/> for a prepared line 1 + (d3 + d4 v) w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EvaluatePrepared(ref Fp12 f, ref bool fIsOne, in PreparedLine line, in Fp xOverY, in Fp yInverse)
    {
        Fp2.MultiplyByFp(in line.C1, in xOverY, out var d3);
        Fp2.MultiplyByFp(in line.C2, in yInverse, out var d4);
        if (fIsOne)
        {
            f = new Fp12(Fp6.One, new Fp6(d3, d4, Fp2.Zero));
            fIsOne = false;
            return;
        }
        Fp12.MultiplyBy34(in f, in d3, in d4, out f);
    }

    /// <summary>
    /// Product of the Miller loops of all pairs, sharing the squarings of f. Pairs where either point
    /// is infinity contribute 1 and are skipped. <paramref name="lines"/>[i] must come from
    /// <see cref="Prepare"/> for the i-th G2 point. The result equals the on-the-fly loop's up to a
    /// factor in F_p2 (the lines are scaled), so only its final exponentiation is comparable.
    /// </summary>
    public static Fp12 Run(ReadOnlySpan<AffinePoint<Fp>> g1, ReadOnlySpan<PreparedLine[]?> lines) =>
        RunMixed([], [], g1, lines);

    /// <summary>
    /// As <see cref="Run"/>, but computes each G2 point's lines on the fly instead of reading them
    /// from a prepared table: same arithmetic, no allocation for the line coefficients.
    /// </summary>
    public static Fp12 RunOnTheFly(ReadOnlySpan<AffinePoint<Fp>> g1, ReadOnlySpan<AffinePoint<Fp2>> g2) =>
        RunMixed(g1, g2, [], []);

    /// <summary>
    /// One Miller loop over two kinds of pairs at once: (g1[k], g2[k]) with lines computed on the fly
    /// and (g1Prepared[k], lines[k]) with lines from <see cref="Prepare"/>. Every step squares the
    /// shared accumulator once for all pairs (64 F_p12 squarings per call, not per kind of pair), which
    /// is what a Groth16 verification (the proof's B on the fly, the key's points prepared) needs.
    /// The prepared lines are scaled by F_p2 factors, so the value equals the product of the separate
    /// loops only after the final exponentiation; the tests compare it there. Lengths are checked by
    /// the callers (g1.Length == g2.Length, g1Prepared.Length == lines.Length).
    /// </summary>
    public static Fp12 RunMixed(
        ReadOnlySpan<AffinePoint<Fp>> g1, ReadOnlySpan<AffinePoint<Fp2>> g2,
        ReadOnlySpan<AffinePoint<Fp>> g1Prepared, ReadOnlySpan<PreparedLine[]?> lines)
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

        int preparedCount = g1Prepared.Length;
        Span<Fp> xOverY = preparedCount <= 8 ? stackalloc Fp[preparedCount] : new Fp[preparedCount];
        Span<Fp> yInverse = preparedCount <= 8 ? stackalloc Fp[preparedCount] : new Fp[preparedCount];
        Span<bool> preparedActive = preparedCount <= 8 ? stackalloc bool[preparedCount] : new bool[preparedCount];
        // 1/yP for every active prepared pair with one inversion; yP != 0 because G1 has odd order (no point with y = 0).
        var product = Fp.One;
        for (int k = 0; k < preparedCount; k++)
        {
            preparedActive[k] = lines[k] is not null && !g1Prepared[k].IsInfinity;
            yInverse[k] = product; // prefix product, replaced by the inverse below
            if (preparedActive[k])
            {
                product *= g1Prepared[k].Y;
            }
        }
        var inverse = product.InverseOrZero();
        for (int k = preparedCount - 1; k >= 0; k--)
        {
            if (preparedActive[k])
            {
                var inverseY = inverse * yInverse[k];
                inverse *= g1Prepared[k].Y;
                yInverse[k] = inverseY;
                xOverY[k] = g1Prepared[k].X * inverseY;
            }
        }

        var f = Fp12.One;
        bool fIsOne = true;
        var pending = default(PendingLine);
        int index = 0;
        for (int i = LoopDigits.Length - 2; i >= 0; i--)
        {
            if (i != LoopDigits.Length - 2)
            {
                Flush(ref f, ref fIsOne, ref pending);
                Fp12.Square(in f, out f);
            }
            for (int k = 0; k < count; k++)
            {
                if (active[k])
                {
                    var line = DoublingStep(ref xs[k], ref ys[k], ref zs[k]);
                    Evaluate(ref f, ref fIsOne, ref pending, in line, in g1[k]);
                }
            }
            for (int k = 0; k < preparedCount; k++)
            {
                if (preparedActive[k])
                {
                    EvaluatePrepared(ref f, ref fIsOne, in lines[k]![index], in xOverY[k], in yInverse[k]);
                }
            }
            index++;
            if (LoopDigits[i] != 0)
            {
                for (int k = 0; k < count; k++)
                {
                    if (active[k])
                    {
                        var q = LoopDigits[i] == 1 ? g2[k] : CurveArithmetic<Fp2>.Negate(in g2[k]);
                        var line = AdditionStep(ref xs[k], ref ys[k], ref zs[k], in q);
                        Evaluate(ref f, ref fIsOne, ref pending, in line, in g1[k]);
                    }
                }
                for (int k = 0; k < preparedCount; k++)
                {
                    if (preparedActive[k])
                    {
                        EvaluatePrepared(ref f, ref fIsOne, in lines[k]![index], in xOverY[k], in yInverse[k]);
                    }
                }
                index++;
            }
        }
        for (int step = 0; step < 2; step++)
        {
            for (int k = 0; k < count; k++)
            {
                if (active[k])
                {
                    var q = G2Subgroup.Psi(in g2[k]);
                    if (step == 1)
                    {
                        q = CurveArithmetic<Fp2>.Negate(G2Subgroup.Psi(in q));
                    }
                    // The last step needs only its line, not the new T.
                    var line = step == 0
                        ? AdditionStep(ref xs[k], ref ys[k], ref zs[k], in q)
                        : AdditionLine(in xs[k], in ys[k], in zs[k], in q);
                    Evaluate(ref f, ref fIsOne, ref pending, in line, in g1[k]);
                }
            }
            for (int k = 0; k < preparedCount; k++)
            {
                if (preparedActive[k])
                {
                    EvaluatePrepared(ref f, ref fIsOne, in lines[k]![index], in xOverY[k], in yInverse[k]);
                }
            }
            index++;
        }
        Flush(ref f, ref fIsOne, ref pending);
        return f;
    }
}
