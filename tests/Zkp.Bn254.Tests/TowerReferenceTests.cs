using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

/// <summary>
/// The F_p6 / F_p12 arithmetic (split into small calls that write their results in place) against
/// schoolbook products written here over F_p2 coefficients (v^3 = xi, w^6 = xi), whose F_p2 steps
/// are checked against BigInteger in <see cref="TowerTests"/>; random values, edge values (zero,
/// one, every coefficient p - 1) and every output-aliases-input form.
/// </summary>
public class TowerReferenceTests
{
    private static readonly Fp2 MaxFp2 = new(Fp.FromBigInteger(Fp.Modulus - 1), Fp.FromBigInteger(Fp.Modulus - 1));

    private static Fp2[] Coefficients(in Fp6 a) => [a.C0, a.C1, a.C2];

    // w-basis: w^0..w^5 = C0.C0, C1.C0, C0.C1, C1.C1, C0.C2, C1.C2.
    private static Fp2[] Coefficients(in Fp12 a) => [a.C0.C0, a.C1.C0, a.C0.C1, a.C1.C1, a.C0.C2, a.C1.C2];

    private static Fp2[] Schoolbook(Fp2[] a, Fp2[] b)
    {
        int n = a.Length;
        var r = new Fp2[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                var product = a[i] * b[j];
                if (i + j >= n)
                {
                    Fp2.MultiplyByXiByAdditions(in product, out product); // x^n = xi for both bases
                }
                r[(i + j) % n] += product;
            }
        }
        return r;
    }

    private static Fp6 ReferenceMultiply(in Fp6 a, in Fp6 b)
    {
        var r = Schoolbook(Coefficients(a), Coefficients(b));
        return new Fp6(r[0], r[1], r[2]);
    }

    private static Fp12 ReferenceMultiply(in Fp12 a, in Fp12 b)
    {
        var r = Schoolbook(Coefficients(a), Coefficients(b));
        return new Fp12(new Fp6(r[0], r[2], r[4]), new Fp6(r[1], r[3], r[5]));
    }

    private static IEnumerable<Fp6> Fp6Values(Random rng)
    {
        yield return Fp6.Zero;
        yield return Fp6.One;
        yield return new Fp6(MaxFp2, MaxFp2, MaxFp2);
        yield return new Fp6(Fp2.Zero, MaxFp2, Fp2.One);
        for (int i = 0; i < 12; i++)
        {
            yield return TestPoints.RandomFp6(rng);
        }
    }

    private static IEnumerable<Fp12> Fp12Values(Random rng)
    {
        var max6 = new Fp6(MaxFp2, MaxFp2, MaxFp2);
        yield return new Fp12(Fp6.Zero, Fp6.Zero);
        yield return Fp12.One;
        yield return new Fp12(max6, max6);
        yield return new Fp12(Fp6.One, max6);
        for (int i = 0; i < 8; i++)
        {
            yield return TestPoints.RandomFp12(rng);
        }
    }

    [Fact]
    public void Fp6_multiplication_matches_the_schoolbook_product_with_every_aliasing()
    {
        var rng = new Random(501);
        var values = Fp6Values(rng).ToArray();
        foreach (var a in values)
        {
            foreach (var b in values.Take(6).Append(TestPoints.RandomFp6(rng)))
            {
                var expected = ReferenceMultiply(a, b);
                Fp6.Multiply(in a, in b, out var r);
                Assert.Equal(expected, r);
                var x = a;
                Fp6.Multiply(in x, in b, out x);
                Assert.Equal(expected, x);
                var y = b;
                Fp6.Multiply(in a, in y, out y);
                Assert.Equal(expected, y);
                Fp6.MultiplyBy01(in a, in b.C0, in b.C1, out var sparse);
                Assert.Equal(ReferenceMultiply(a, new Fp6(b.C0, b.C1, Fp2.Zero)), sparse);
            }
            var s = a;
            Fp6.Multiply(in s, in s, out s);
            Assert.Equal(ReferenceMultiply(a, a), s);
        }
    }

    [Fact]
    public void Fp12_products_match_the_schoolbook_product_with_every_aliasing()
    {
        var rng = new Random(502);
        var values = Fp12Values(rng).ToArray();
        foreach (var a in values)
        {
            foreach (var b in values.Take(5).Append(TestPoints.RandomFp12(rng)))
            {
                var expected = ReferenceMultiply(a, b);
                Fp12.Multiply(in a, in b, out var r);
                Assert.Equal(expected, r);
                var x = a;
                Fp12.Multiply(in x, in b, out x);
                Assert.Equal(expected, x);
                var y = b;
                Fp12.Multiply(in a, in y, out y);
                Assert.Equal(expected, y);
            }

            var square = ReferenceMultiply(a, a);
            Fp12.Square(in a, out var sq);
            Assert.Equal(square, sq);
            var s = a;
            Fp12.Square(in s, out s);
            Assert.Equal(square, s);
            var m = a;
            Fp12.Multiply(in m, in m, out m);
            Assert.Equal(square, m);

            foreach (var (d0, d3, d4) in new[]
            {
                (TestPoints.RandomFp2(rng), TestPoints.RandomFp2(rng), TestPoints.RandomFp2(rng)),
                (MaxFp2, MaxFp2, MaxFp2),
                (Fp2.Zero, Fp2.One, Fp2.Zero),
            })
            {
                var line = ReferenceMultiply(a, new Fp12(new Fp6(d0, Fp2.Zero, Fp2.Zero), new Fp6(d3, d4, Fp2.Zero)));
                Fp12.MultiplyBy034(in a, in d0, in d3, in d4, out var l);
                Assert.Equal(line, l);
                var la = a;
                Fp12.MultiplyBy034(in la, in d0, in d3, in d4, out la);
                Assert.Equal(line, la);

                var unitLine = ReferenceMultiply(a, new Fp12(Fp6.One, new Fp6(d3, d4, Fp2.Zero)));
                Fp12.MultiplyBy34(in a, in d3, in d4, out var u);
                Assert.Equal(unitLine, u);
                var ua = a;
                Fp12.MultiplyBy34(in ua, in d3, in d4, out ua);
                Assert.Equal(unitLine, ua);
            }
        }
    }

    [Fact]
    public void Cyclotomic_squaring_matches_the_schoolbook_square_in_place_and_not()
    {
        var rng = new Random(503);
        var inputs = new List<Fp12> { Fp12.One };
        for (int i = 0; i < 12; i++)
        {
            inputs.Add(FinalExponentiation.EasyPart(TestPoints.RandomFp12(rng)));
        }
        // An element with coefficients near p: the easy part of one whose coefficients are all p - 1.
        var max6 = new Fp6(MaxFp2, MaxFp2, MaxFp2);
        inputs.Add(FinalExponentiation.EasyPart(new Fp12(max6, max6)));
        foreach (var f in inputs)
        {
            Assert.True((f * f.Conjugate()).IsOne); // cyclotomic: the precondition of the formula
            var expected = ReferenceMultiply(f, f);
            Fp12.CyclotomicSquare(in f, out var r);
            Assert.Equal(expected, r);
            var x = f;
            Fp12.CyclotomicSquare(in x, out x);
            Assert.Equal(expected, x);
        }
    }

    [Fact]
    public void Product_of_sums_matches_BigInteger_with_its_unreduced_left_sum_at_the_bound()
    {
        // (a + b)(c + d) in F_p2 = F_p[u]/(u^2 + 1); the BMI2 path leaves a + b unreduced (up to 2p - 2
        // per coefficient), which is the largest left operand its sums of products see.
        var p = Fp.Modulus;
        var rng = new Random(505);
        var edges = new[] { Fp2.Zero, Fp2.One, MaxFp2, new Fp2(Fp.Zero, Fp.FromBigInteger(p - 1)), new Fp2(Fp.FromBigInteger(p - 1), Fp.Zero) };
        var values = edges.Concat(Enumerable.Range(0, 10).Select(_ => TestPoints.RandomFp2(rng))).ToArray();
        static (BigInteger, BigInteger) Big(in Fp2 x) => (x.C0.ToBigInteger(), x.C1.ToBigInteger());
        for (int i = 0; i < values.Length; i++)
        {
            var a = values[i];
            foreach (var b in values.Take(6))
            {
                for (int k = 0; k < 6; k++)
                {
                    var c = values[k];
                    foreach (var dd in new[] { values[(i + k + 5) % values.Length], Fp2.Zero, MaxFp2 })
                    {
                        var (a0, a1) = Big(a);
                        var (b0, b1) = Big(b);
                        var (c0, c1) = Big(c);
                        var (d0, d1) = Big(dd);
                        BigInteger x0 = a0 + b0, x1 = a1 + b1, y0 = c0 + d0, y1 = c1 + d1;
                        var expected = new Fp2(
                            Fp.FromBigInteger((((x0 * y0 - x1 * y1) % p) + p) % p),
                            Fp.FromBigInteger((x0 * y1 + x1 * y0) % p));
                        Fp2.MultiplySums(in a, in b, in c, in dd, out var r);
                        Assert.Equal(expected, r);
                        var alias = a;
                        Fp2.MultiplySums(in alias, in b, in c, in dd, out alias);
                        Assert.Equal(expected, alias);
                        alias = dd;
                        Fp2.MultiplySums(in a, in b, in c, in alias, out alias);
                        Assert.Equal(expected, alias);
                    }
                }
            }
        }
    }

    [Fact]
    public void Line_pair_products_match_two_sparse_products_and_the_schoolbook_product()
    {
        var rng = new Random(506);
        var lines = new List<(Fp2, Fp2, Fp2)>
        {
            (MaxFp2, MaxFp2, MaxFp2),
            (Fp2.Zero, Fp2.Zero, Fp2.Zero),
            (Fp2.One, Fp2.Zero, MaxFp2),
        };
        for (int i = 0; i < 6; i++)
        {
            lines.Add((TestPoints.RandomFp2(rng), TestPoints.RandomFp2(rng), TestPoints.RandomFp2(rng)));
        }
        static Fp12 AsFp12((Fp2 D0, Fp2 D3, Fp2 D4) l) => new(new Fp6(l.D0, Fp2.Zero, Fp2.Zero), new Fp6(l.D3, l.D4, Fp2.Zero));
        var values = Fp12Values(rng).ToArray();
        foreach (var d in lines)
        {
            foreach (var e in lines.Take(5))
            {
                Fp12.MultiplyLines(in d.Item1, in d.Item2, in d.Item3, in e.Item1, in e.Item2, in e.Item3, out var pair);
                Assert.Equal(ReferenceMultiply(AsFp12(d), AsFp12(e)), pair.ToFp12());
                Assert.True(pair.ToFp12().C1.C2.IsZero);
                foreach (var f in values.Take(5))
                {
                    Fp12.MultiplyBy034(in f, in d.Item1, in d.Item2, in d.Item3, out var once);
                    Fp12.MultiplyBy034(in once, in e.Item1, in e.Item2, in e.Item3, out var twice);
                    Fp12.MultiplyByLinePair(in f, in pair, out var r);
                    Assert.Equal(twice, r);
                    Assert.Equal(ReferenceMultiply(f, pair.ToFp12()), r);
                    var alias = f;
                    Fp12.MultiplyByLinePair(in alias, in pair, out alias);
                    Assert.Equal(twice, alias);
                }
            }
        }
    }

    [Fact]
    public void Reference_schoolbook_is_itself_exact_against_BigInteger_polynomials()
    {
        // Guards the reference: F_p12 as F_p[t] / (t^12 - 18 t^6 + 82), t = w, u = t^6 - 9
        // (w^6 = xi = 9 + u and u^2 = -1 give exactly this minimal polynomial).
        var rng = new Random(504);
        var p = Fp.Modulus;
        for (int n = 0; n < 4; n++)
        {
            var a = TestPoints.RandomFp12(rng);
            var b = TestPoints.RandomFp12(rng);
            var product = ToPolynomial(a).Multiply(ToPolynomial(b), p);
            Assert.Equal(product, ToPolynomial(ReferenceMultiply(a, b)));
        }
    }

    private sealed record Polynomial(BigInteger[] C)
    {
        public Polynomial Multiply(Polynomial other, BigInteger p)
        {
            var r = new BigInteger[23];
            for (int i = 0; i < 12; i++)
            {
                for (int j = 0; j < 12; j++)
                {
                    r[i + j] += C[i] * other.C[j];
                }
            }
            // t^12 = 18 t^6 - 82
            for (int k = 22; k >= 12; k--)
            {
                r[k - 6] += 18 * r[k];
                r[k - 12] -= 82 * r[k];
                r[k] = 0;
            }
            return new Polynomial([.. r.Take(12).Select(x => ((x % p) + p) % p)]);
        }

        public bool Equals(Polynomial? other) => other is not null && C.SequenceEqual(other.C);

        public override int GetHashCode() => C.Length;
    }

    private static Polynomial ToPolynomial(in Fp12 a)
    {
        // coefficient c0 + c1 u of w^k contributes c0 t^k + c1 (t^6 - 9) t^k
        var p = Fp.Modulus;
        var r = new BigInteger[12];
        var w = Coefficients(a);
        for (int k = 0; k < 6; k++)
        {
            var c0 = w[k].C0.ToBigInteger();
            var c1 = w[k].C1.ToBigInteger();
            r[k] += c0 - 9 * c1;
            r[k + 6] += c1;
        }
        return new Polynomial([.. r.Select(x => ((x % p) + p) % p)]);
    }
}
