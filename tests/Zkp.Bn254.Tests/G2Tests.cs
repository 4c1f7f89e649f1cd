using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

public class G2Tests
{
    private static readonly BigInteger R = Fr.Modulus;

    [Fact]
    public void Generator_is_on_twist_in_subgroup_and_has_order_r()
    {
        var g = G2Affine.Generator;
        Assert.True(g.IsOnCurve);
        Assert.True(g.IsInSubgroup);
        Assert.True(TestPoints.MultiplyBig(g.ToJacobian(), R).IsInfinity);
        Assert.False(TestPoints.MultiplyBig(g.ToJacobian(), R - 1).IsInfinity);
        Assert.True(G2Affine.Infinity.IsOnCurve);
        Assert.True(G2Affine.Infinity.IsInSubgroup);
    }

    [Fact]
    public void Twist_coefficient_is_three_over_xi()
    {
        Assert.Equal(new Fp2(Fp.FromUInt64(3), Fp.Zero), Fp2.TwistB * Fp2.Xi);
    }

    [Fact]
    public void Subgroup_test_agrees_with_multiplication_by_r()
    {
        var rng = new Random(20);
        int outside = 0;
        for (int i = 0; i < 8; i++)
        {
            var q = TestPoints.RandomTwistPoint(rng);
            Assert.True(q.IsOnCurve);
            bool naive = TestPoints.MultiplyBig(q.ToJacobian(), R).IsInfinity;
            Assert.Equal(naive, q.IsInSubgroup);
            outside += naive ? 0 : 1;
            var ex = Assert.Throws<Bn254FormatException>(() => G2Affine.FromCoordinates(q.Xc0, q.Xc1, q.Yc0, q.Yc1));
            Assert.Equal("point not in the prime-order subgroup", ex.Message);

            var cleared = TestPoints.RandomG2Point(rng);
            Assert.True(cleared.IsInSubgroup);
            Assert.True(TestPoints.MultiplyBig(cleared.ToJacobian(), R).IsInfinity);
            Assert.Equal(cleared, G2Affine.FromCoordinates(cleared.Xc0, cleared.Xc1, cleared.Yc0, cleared.Yc1));
        }
        Assert.Equal(8, outside);
    }

    [Fact]
    public void Fast_subgroup_test_agrees_with_naive_multiplication_by_r_on_many_points()
    {
        var rng = new Random(23);
        int inside = 0;
        int outside = 0;
        for (int i = 0; i < 32; i++)
        {
            var member = TestPoints.RandomG2Point(rng);
            Assert.True(TestPoints.MultiplyBig(member.ToJacobian(), R).IsInfinity);
            Assert.True(member.IsInSubgroup);
            Assert.True((-member).IsInSubgroup);
            inside++;

            var twist = TestPoints.RandomTwistPoint(rng);
            bool naive = TestPoints.MultiplyBig(twist.ToJacobian(), R).IsInfinity;
            Assert.Equal(naive, twist.IsInSubgroup);
            outside += naive ? 0 : 1;

            // [r]Q' lies in the cofactor torsion: a point of order dividing 2p - r, never in G2 unless zero.
            var torsion = TestPoints.MultiplyBig(TestPoints.RandomTwistPoint(rng).ToJacobian(), R).ToAffine();
            Assert.False(torsion.IsInfinity);
            Assert.True(torsion.IsOnCurve);
            Assert.False(torsion.IsInSubgroup);

            // A member plus a cofactor-torsion point: right on the twist, wrong subgroup.
            var mixed = (member.ToJacobian() + torsion).ToAffine();
            Assert.True(mixed.IsOnCurve);
            Assert.False(mixed.IsInSubgroup);
        }
        Assert.Equal(32, inside);
        Assert.Equal(32, outside);
    }

    [Fact]
    public void Multiplication_by_u_matches_the_generic_scalar_multiplication()
    {
        var rng = new Random(24);
        for (int i = 0; i < 4; i++)
        {
            var q = TestPoints.RandomTwistPoint(rng);
            G2Subgroup.MultiplyByU(q.Point, out var fast);
            Assert.True(new G2Jacobian(fast) == TestPoints.MultiplyBig(q.ToJacobian(), G2Subgroup.CurveParameterU));
        }
    }

    [Fact]
    public void Psi_acts_as_multiplication_by_p_on_G2()
    {
        var rng = new Random(21);
        var q = TestPoints.RandomG2Point(rng).ToJacobian();
        var psiQ = new G2Jacobian(G2Subgroup.Psi(q.Point));
        Assert.True(psiQ == TestPoints.MultiplyBig(q, Fp.Modulus % R));
    }

    [Fact]
    public void Group_law_and_scalar_multiplication_are_consistent()
    {
        var rng = new Random(22);
        var g = G2Affine.Generator.ToJacobian();
        for (int i = 0; i < 5; i++)
        {
            var a = TestPoints.RandomScalar(rng);
            var b = TestPoints.RandomScalar(rng);
            var pa = g.Multiply(a);
            var pb = g.Multiply(b);
            Assert.True(pa + pb == g.Multiply(a + b));
            Assert.True(pa + pb.ToAffine() == g.Multiply(a + b));
            Assert.True(pa.Double() == pa + pa);
            Assert.True(pa.Double() == pa + pa.ToAffine());
            Assert.True((pa - pa).IsInfinity);
            Assert.True(pa.MultiplyConstantTime(b) == pa.Multiply(b));
            Assert.True(pa.Multiply(b) == pb.Multiply(a));
            Assert.True(pa.ToAffine().IsInSubgroup);
        }
        Assert.True(g.Multiply(-Fr.One) == -g);
        Assert.True(g.MultiplyConstantTime(Fr.Zero).IsInfinity);
    }

    [Fact]
    public void Batch_normalisation_matches_single_conversions()
    {
        var rng = new Random(23);
        var points = new G2Jacobian[6];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = i == 3 ? G2Jacobian.Infinity : G2Jacobian.Generator.Multiply(TestPoints.RandomScalar(rng)).Double();
        }
        var affine = new G2Affine[points.Length];
        G2Jacobian.BatchToAffine(points, affine);
        for (int i = 0; i < points.Length; i++)
        {
            Assert.Equal(points[i].ToAffine(), affine[i]);
        }
    }

    [Fact]
    public void FromCoordinates_rejects_points_off_the_twist()
    {
        var g = G2Affine.Generator;
        var ex = Assert.Throws<Bn254FormatException>(() => G2Affine.FromCoordinates(g.Xc0, g.Xc1, g.Yc0, g.Yc1 + Fp.One));
        Assert.Equal("point not on curve", ex.Message);
        Assert.True(G2Affine.FromCoordinates(Fp.Zero, Fp.Zero, Fp.Zero, Fp.Zero).IsInfinity);
    }

    [Fact]
    public void Endomorphism_scalar_multiplication_matches_plain_wnaf()
    {
        var rng = new Random(24);
        var q = G2Jacobian.Generator.Multiply(Fr.FromUInt64(999));
        var scalars = new List<BigInteger> { 0, 1, 2, R - 1, R - 2, 6 * BigInteger.Pow(G2Subgroup.CurveParameterU, 2), 6 * BigInteger.Pow(G2Subgroup.CurveParameterU, 2) - 1 };
        for (int i = 0; i < 12; i++)
        {
            scalars.Add(TestValues.RandomBelow(rng, R));
        }
        foreach (var k in scalars)
        {
            Assert.True(TestPoints.MultiplyBig(q, k) == q.Multiply(Fr.FromBigInteger(k)));
        }
    }
}
