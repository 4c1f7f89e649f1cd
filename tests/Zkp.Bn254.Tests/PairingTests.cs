using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

public class PairingTests
{
    [Fact]
    public void Pairing_is_bilinear()
    {
        var rng = new Random(30);
        var p = G1Affine.Generator;
        var q = G2Affine.Generator;
        var e = Pairing.Pair(p, q);
        for (int i = 0; i < 3; i++)
        {
            var a = TestPoints.RandomScalar(rng);
            var b = TestPoints.RandomScalar(rng);
            var lhs = Pairing.Pair(p.Multiply(a).ToAffine(), q.Multiply(b).ToAffine());
            Assert.Equal(e.Pow(a * b), lhs);
            Assert.Equal(Pairing.Pair(p.Multiply(a * b).ToAffine(), q), lhs);
            Assert.Equal(Pairing.Pair(p, q.Multiply(a * b).ToAffine()), lhs);
        }
    }

    [Fact]
    public void Pairing_is_non_degenerate_and_lands_in_GT()
    {
        var e = Pairing.Pair(G1Affine.Generator, G2Affine.Generator);
        Assert.False(e.IsOne);
        Assert.True(e.Pow(Fr.Modulus).IsOne);
        Assert.True((e * e.Inverse()).IsOne);
        Assert.Equal(e * e, e.Pow(new BigInteger(2)));
        Assert.Equal(e.Inverse(), e.Pow(new BigInteger(-1)));
        Assert.True(GT.One.IsOne);
    }

    [Fact]
    public void Pairing_with_negated_point_cancels()
    {
        var rng = new Random(31);
        var p = G1Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
        var q = G2Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
        Assert.True((Pairing.Pair(p, -q) * Pairing.Pair(p, q)).IsOne);
        Assert.True(Pairing.PairingCheck([p, p], [q, -q]));
        Assert.True(Pairing.PairingCheck([-p, p], [q, q]));
        Assert.True(Pairing.PairingCheck((p, q), (p, -q)));
        Assert.False(Pairing.PairingCheck([p], [q]));
        Assert.False(Pairing.PairingCheck([p, p], [q, q]));
        Assert.Equal(Pairing.Pair(p, q) * Pairing.Pair(p, q), Pairing.MultiPair([p, p], [q, q]));
    }

    [Fact]
    public void Four_pair_groth16_shaped_check_with_prepared_points()
    {
        var rng = new Random(32);
        // e(A, B) = e(alpha, beta) e(L, gamma) e(C, delta) for A = a G1, B = b G2 built to satisfy it.
        Fr alpha = TestPoints.RandomScalar(rng), beta = TestPoints.RandomScalar(rng), gamma = TestPoints.RandomScalar(rng);
        Fr delta = TestPoints.RandomScalar(rng), l = TestPoints.RandomScalar(rng), c = TestPoints.RandomScalar(rng), b = TestPoints.RandomScalar(rng);
        var a = (alpha * beta + l * gamma + c * delta) * b.Inverse();
        var g1 = G1Affine.Generator;
        var g2 = G2Affine.Generator;
        G1Affine[] lhs = [-g1.Multiply(a).ToAffine(), g1.Multiply(alpha).ToAffine(), g1.Multiply(l).ToAffine(), g1.Multiply(c).ToAffine()];
        G2Affine[] rhs = [g2.Multiply(b).ToAffine(), g2.Multiply(beta).ToAffine(), g2.Multiply(gamma).ToAffine(), g2.Multiply(delta).ToAffine()];
        Assert.True(Pairing.PairingCheck(lhs, rhs));
        var prepared = rhs.Select(q => new G2Prepared(q)).ToArray();
        Assert.True(Pairing.PairingCheck(lhs, prepared));
        lhs[3] = g1.Multiply(c + Fr.One).ToAffine();
        Assert.False(Pairing.PairingCheck(lhs, rhs));
        Assert.False(Pairing.PairingCheck(lhs, prepared));
    }

    [Fact]
    public void Infinity_and_empty_inputs_contribute_one()
    {
        Assert.True(Pairing.Pair(G1Affine.Infinity, G2Affine.Generator).IsOne);
        Assert.True(Pairing.Pair(G1Affine.Generator, G2Affine.Infinity).IsOne);
        Assert.True(Pairing.PairingCheck(ReadOnlySpan<G1Affine>.Empty, ReadOnlySpan<G2Affine>.Empty));
        Assert.True(Pairing.PairingCheck([G1Affine.Infinity], [G2Affine.Generator]));
        Assert.True(Pairing.PairingCheck([G1Affine.Generator], [new G2Prepared(G2Affine.Infinity)]));
        Assert.Throws<ArgumentException>(() => Pairing.PairingCheck([G1Affine.Generator], ReadOnlySpan<G2Affine>.Empty));
    }

    [Fact]
    public void On_the_fly_and_prepared_Miller_loops_agree()
    {
        var rng = new Random(33);
        var g1 = new G1Affine[10];
        var g2 = new G2Affine[10];
        for (int i = 0; i < g1.Length; i++)
        {
            g1[i] = i == 4 ? G1Affine.Infinity : G1Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
            g2[i] = i == 7 ? G2Affine.Infinity : G2Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
        }
        var prepared = g2.Select(q => new G2Prepared(q)).ToArray();
        // Prepared lines are scaled by F_p2 factors, which only the final exponentiation removes.
        Assert.Equal(
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(g1, g2)),
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(g1, prepared)));
        Assert.Equal(
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(g1[..3], g2[..3])),
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(g1[..3], prepared[..3])));
        Assert.NotEqual(Pairing.MultiMillerLoop(g1[..3], g2[..3]), Pairing.MultiMillerLoop(g1[..3], prepared[..3]));
        Assert.False(FinalExponentiation.Apply(Pairing.MultiMillerLoop(g1[..3], prepared[..3])).IsOne);

        // The loop writes its first line into f instead of multiplying it into one: when the first
        // pairs are skipped (a point at infinity), the first line comes from a later pair or, in the
        // mixed loop, from a prepared one.
        G1Affine[] skipFirst = [G1Affine.Infinity, g1[1], g1[2]];
        Assert.Equal(
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(g1[1..3], g2[1..3])),
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(skipFirst, g2[..3])));
        Assert.Equal(
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(g1[1..3], g2[1..3])),
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(skipFirst, prepared[..3])));
        Assert.Equal(
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(g1[..3], g2[..3])),
            FinalExponentiation.Apply(Pairing.MultiMillerLoop([G1Affine.Infinity], [g2[0]], g1[..3], prepared[..3])));
    }

    [Fact]
    public void The_first_line_and_the_last_chord_take_shortcuts_with_the_same_values()
    {
        var rng = new Random(34);
        for (int i = 0; i < 10; i++)
        {
            var d0 = TestPoints.RandomFp2(rng);
            var d3 = TestPoints.RandomFp2(rng);
            var d4 = TestPoints.RandomFp2(rng);
            Fp12.MultiplyBy034(Fp12.One, in d0, in d3, in d4, out var product);
            Assert.Equal(new Fp12(new Fp6(d0, Fp2.Zero, Fp2.Zero), new Fp6(d3, d4, Fp2.Zero)), product);
            Fp12.MultiplyBy34(Fp12.One, in d3, in d4, out var prepared);
            Assert.Equal(new Fp12(Fp6.One, new Fp6(d3, d4, Fp2.Zero)), prepared);

            // The last step's line without updating T equals AdditionStep's line.
            var q = TestPoints.RandomG2Point(rng).Point;
            var x = TestPoints.RandomFp2(rng);
            var y = TestPoints.RandomFp2(rng);
            var z = TestPoints.RandomFp2(rng);
            var line = MillerLoop.AdditionLine(in x, in y, in z, in q);
            var stepLine = MillerLoop.AdditionStep(ref x, ref y, ref z, in q);
            Assert.Equal(stepLine.C0, line.C0);
            Assert.Equal(stepLine.C1, line.C1);
            Assert.Equal(stepLine.C2, line.C2);
        }
    }

    [Fact]
    public void Line_pairs_leave_the_raw_Miller_loop_value_unchanged()
    {
        // Reference: one sparse product per line, in the loop's order, with no line pairing and no
        // first-line shortcut. The field products are exact, so the raw values must agree exactly.
        static Fp12 Reference(G1Affine[] g1, G2Affine[] g2)
        {
            static Fp12 Line(in LineCoefficients l, in G1Affine p) =>
                new(new Fp6(l.C0 * new Fp2(p.Point.Y, Fp.Zero), Fp2.Zero, Fp2.Zero),
                    new Fp6(l.C1 * new Fp2(p.Point.X, Fp.Zero), l.C2, Fp2.Zero));
            var f = Fp12.One;
            var ts = g2.Select(q => (X: q.Point.X, Y: q.Point.Y, Z: Fp2.One)).ToArray();
            var digits = MillerLoop.LoopDigits;
            for (int i = digits.Length - 2; i >= 0; i--)
            {
                f *= f;
                for (int k = 0; k < g1.Length; k++)
                {
                    if (g1[k].IsInfinity || g2[k].IsInfinity) { continue; }
                    var line = MillerLoop.DoublingStep(ref ts[k].X, ref ts[k].Y, ref ts[k].Z);
                    f *= Line(line, g1[k]);
                }
                if (digits[i] == 0) { continue; }
                for (int k = 0; k < g1.Length; k++)
                {
                    if (g1[k].IsInfinity || g2[k].IsInfinity) { continue; }
                    var q = digits[i] == 1 ? g2[k].Point : CurveArithmetic<Fp2>.Negate(g2[k].Point);
                    var line = MillerLoop.AdditionStep(ref ts[k].X, ref ts[k].Y, ref ts[k].Z, in q);
                    f *= Line(line, g1[k]);
                }
            }
            for (int k = 0; k < g1.Length; k++)
            {
                if (g1[k].IsInfinity || g2[k].IsInfinity) { continue; }
                var q1 = G2Subgroup.Psi(g2[k].Point);
                var q2 = CurveArithmetic<Fp2>.Negate(G2Subgroup.Psi(in q1));
                f *= Line(MillerLoop.AdditionStep(ref ts[k].X, ref ts[k].Y, ref ts[k].Z, in q1), g1[k]);
                f *= Line(MillerLoop.AdditionStep(ref ts[k].X, ref ts[k].Y, ref ts[k].Z, in q2), g1[k]);
            }
            return f;
        }

        var rng = new Random(35);
        var g1 = Enumerable.Range(0, 5).Select(_ => G1Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine()).ToArray();
        var g2 = Enumerable.Range(0, 5).Select(_ => G2Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine()).ToArray();
        for (int n = 1; n <= 5; n++)
        {
            Assert.Equal(Reference(g1[..n], g2[..n]), Pairing.MultiMillerLoop(g1[..n], g2[..n]));
        }
        // An odd number of active pairs (one skipped at infinity) leaves a line waiting at every flush.
        G1Affine[] withInfinity = [g1[0], G1Affine.Infinity, g1[2]];
        Assert.Equal(Reference(withInfinity, g2[..3]), Pairing.MultiMillerLoop(withInfinity, g2[..3]));
        // The mixed loop: prepared lines go in directly while on-the-fly ones wait in pairs; compare
        // after the final exponentiation (prepared lines are scaled by F_p2 factors).
        var prepared = new[] { new G2Prepared(g2[3]), new G2Prepared(g2[4]) };
        Assert.Equal(
            FinalExponentiation.Apply(Reference(g1, g2)),
            FinalExponentiation.Apply(Pairing.MultiMillerLoop(g1[..3], g2[..3], g1[3..], prepared)));
    }
}
