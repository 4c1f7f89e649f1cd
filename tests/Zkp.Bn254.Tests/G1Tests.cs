using System.Numerics;

namespace Zkp.Bn254.Tests;

public class G1Tests
{
    private static readonly BigInteger P = Fp.Modulus;
    private static readonly BigInteger R = Fr.Modulus;

    /// <summary>Independent affine reference in BigInteger arithmetic; null is infinity.</summary>
    private static (BigInteger X, BigInteger Y)? RefAdd((BigInteger X, BigInteger Y)? a, (BigInteger X, BigInteger Y)? b)
    {
        if (a is null)
        {
            return b;
        }
        if (b is null)
        {
            return a;
        }
        var (x1, y1) = a.Value;
        var (x2, y2) = b.Value;
        BigInteger lambda;
        if (x1 == x2)
        {
            if (TestValues.Mod(y1 + y2, P).IsZero)
            {
                return null;
            }
            lambda = 3 * x1 * x1 * BigInteger.ModPow(2 * y1, P - 2, P) % P;
        }
        else
        {
            lambda = TestValues.Mod((y2 - y1) * BigInteger.ModPow(TestValues.Mod(x2 - x1, P), P - 2, P), P);
        }
        var x3 = TestValues.Mod(lambda * lambda - x1 - x2, P);
        var y3 = TestValues.Mod(lambda * (x1 - x3) - y1, P);
        return (x3, y3);
    }

    private static (BigInteger X, BigInteger Y)? RefMul((BigInteger X, BigInteger Y)? p, BigInteger k)
    {
        (BigInteger X, BigInteger Y)? acc = null;
        for (long i = (long)k.GetBitLength() - 1; i >= 0; i--)
        {
            acc = RefAdd(acc, acc);
            if (!(k >> (int)i).IsEven)
            {
                acc = RefAdd(acc, p);
            }
        }
        return acc;
    }

    private static (BigInteger X, BigInteger Y)? ToRef(G1Affine p) => p.IsInfinity ? null : (p.X.ToBigInteger(), p.Y.ToBigInteger());

    [Fact]
    public void Generator_is_on_curve_and_has_order_r()
    {
        var g = G1Affine.Generator;
        Assert.True(g.IsOnCurve);
        Assert.Equal(BigInteger.One, g.X.ToBigInteger());
        Assert.Equal(new BigInteger(2), g.Y.ToBigInteger());
        Assert.True(TestPoints.MultiplyBig(g.ToJacobian(), R).IsInfinity);
        Assert.False(TestPoints.MultiplyBig(g.ToJacobian(), R - 1).IsInfinity);
        Assert.True(G1Affine.Infinity.IsOnCurve);
        Assert.True(G1Affine.Infinity.IsInfinity);
        Assert.True(G1Jacobian.Infinity.ToAffine().IsInfinity);
    }

    [Fact]
    public void Scalar_multiplication_matches_BigInteger_affine_reference()
    {
        var rng = new Random(10);
        var scalars = new List<BigInteger> { 0, 1, 2, 3, 15, 16, 17, 31, R - 1, R - 2, (R - 1) / 2 };
        for (int i = 0; i < 6; i++)
        {
            scalars.Add(TestValues.RandomBelow(rng, R));
        }
        var g = G1Affine.Generator;
        foreach (var k in scalars)
        {
            var expected = RefMul(ToRef(g), k);
            var fr = Fr.FromBigInteger(k);
            Assert.Equal(expected, ToRef(g.Multiply(fr).ToAffine()));
            Assert.Equal(expected, ToRef(g.ToJacobian().MultiplyConstantTime(fr).ToAffine()));
        }
    }

    [Fact]
    public void Group_law_matches_reference_and_handles_exceptional_cases()
    {
        var rng = new Random(11);
        var g = G1Affine.Generator.ToJacobian();
        for (int i = 0; i < 10; i++)
        {
            var a = g.Multiply(TestPoints.RandomScalar(rng));
            var b = g.Multiply(TestPoints.RandomScalar(rng));
            var aa = a.ToAffine();
            var ba = b.ToAffine();
            Assert.Equal(RefAdd(ToRef(aa), ToRef(ba)), ToRef((a + b).ToAffine()));
            Assert.Equal(RefAdd(ToRef(aa), ToRef(ba)), ToRef((a + ba).ToAffine()));
            Assert.Equal(RefAdd(ToRef(aa), ToRef(aa)), ToRef(a.Double().ToAffine()));
            Assert.True(a + a == a.Double());
            Assert.True((a + aa) == a.Double());
            Assert.True((a - a).IsInfinity);
            Assert.True((a + (-aa)).IsInfinity);
            Assert.True(a + G1Jacobian.Infinity == a);
            Assert.True(G1Jacobian.Infinity + a == a);
            Assert.True(a + G1Affine.Infinity == a);
            Assert.True((G1Jacobian.Infinity + aa) == a);
            Assert.True(a.IsOnCurve);
            Assert.True((a + b).IsOnCurve);
        }
        Assert.True(G1Jacobian.Infinity.Double().IsInfinity);
    }

    [Fact]
    public void Scalar_multiplication_is_linear_and_constant_time_path_agrees()
    {
        var rng = new Random(12);
        var g = G1Affine.Generator.ToJacobian();
        for (int i = 0; i < 8; i++)
        {
            var a = TestPoints.RandomScalar(rng);
            var b = TestPoints.RandomScalar(rng);
            var p = g.Multiply(TestPoints.RandomScalar(rng));
            Assert.True(p.Multiply(a) + p.Multiply(b) == p.Multiply(a + b));
            Assert.True(p.Multiply(a).Multiply(b) == p.Multiply(a * b));
            Assert.True(p.MultiplyConstantTime(a) == p.Multiply(a));
        }
        Assert.True(g.Multiply(Fr.Zero).IsInfinity);
        Assert.True(g.MultiplyConstantTime(Fr.Zero).IsInfinity);
        Assert.True(G1Jacobian.Infinity.MultiplyConstantTime(Fr.FromUInt64(7)).IsInfinity);
        Assert.True(g.Multiply(-Fr.One) == -g);
        Assert.True(g.MultiplyConstantTime(-Fr.One) == -g);
    }

    [Fact]
    public void Batch_normalisation_matches_single_conversions()
    {
        var rng = new Random(13);
        var points = new G1Jacobian[9];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = i % 4 == 2 ? G1Jacobian.Infinity : G1Jacobian.Generator.Multiply(TestPoints.RandomScalar(rng)).Double();
        }
        var affine = new G1Affine[points.Length];
        G1Jacobian.BatchToAffine(points, affine);
        for (int i = 0; i < points.Length; i++)
        {
            Assert.Equal(points[i].ToAffine(), affine[i]);
        }
        Assert.Throws<ArgumentException>(() => G1Jacobian.BatchToAffine(points, new G1Affine[3]));
        G1Jacobian.BatchToAffine([], []);
    }

    [Fact]
    public void FromCoordinates_checks_the_curve_equation()
    {
        Assert.Equal(G1Affine.Generator, G1Affine.FromCoordinates(Fp.One, Fp.FromUInt64(2)));
        Assert.True(G1Affine.FromCoordinates(Fp.Zero, Fp.Zero).IsInfinity);
        var ex = Assert.Throws<Bn254FormatException>(() => G1Affine.FromCoordinates(Fp.One, Fp.FromUInt64(3)));
        Assert.Equal("point not on curve", ex.Message);
        Assert.Throws<Bn254FormatException>(() => G1Affine.FromCoordinates(Fp.Zero, Fp.One));
    }
}
