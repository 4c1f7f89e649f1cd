namespace Zkp.Bn254.Tests;

/// <summary>
/// The pairing check with on-the-fly, prepared and constant (Miller-loop value) parts, as the
/// Groth16 verifier uses it, checked against the plain multi-pairing.
/// </summary>
public class PairingCheckWithFactorTests
{
    [Fact]
    public void Miller_loop_value_exponentiates_to_the_multi_pairing()
    {
        var rng = new Random(41);
        var p = new[] { G1Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine(), G1Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine() };
        var q = new[] { TestPoints.RandomG2Point(rng), TestPoints.RandomG2Point(rng) };
        var value = Pairing.MillerLoopProduct(p, [new G2Prepared(q[0]), new G2Prepared(q[1])]);
        Assert.Equal(Pairing.MultiPair(p, q), value.ToGT());
    }

    [Fact]
    public void Check_splits_a_groth16_like_equation_across_its_three_parts()
    {
        // e(-a b P, Q) e(a P, b Q) e(c P, d Q) e(-c d P, Q) == 1, one pair in each part and the last
        // two as a constant factor; changing any part by one scalar makes it fail.
        var rng = new Random(42);
        var a = TestPoints.RandomScalar(rng);
        var b = TestPoints.RandomScalar(rng);
        var c = TestPoints.RandomScalar(rng);
        var d = TestPoints.RandomScalar(rng);
        var p = G1Affine.Generator;
        var q = TestPoints.RandomG2Point(rng);
        var qd = q.Multiply(d).ToAffine();
        var factor = Pairing.MillerLoopProduct([p.Multiply(c).ToAffine(), p.Multiply(-(c * d)).ToAffine()], [new G2Prepared(qd), new G2Prepared(q)]);
        G1Affine[] onTheFlyG1 = [p.Multiply(-(a * b)).ToAffine()];
        G2Affine[] onTheFlyG2 = [q];
        G1Affine[] preparedG1 = [p.Multiply(a).ToAffine()];
        G2Prepared[] preparedG2 = [new G2Prepared(q.Multiply(b).ToAffine())];

        Assert.True(Pairing.PairingCheck(onTheFlyG1, onTheFlyG2, preparedG1, preparedG2, factor));
        Assert.False(Pairing.PairingCheck([p.Multiply(-(a * b) + Fr.One).ToAffine()], onTheFlyG2, preparedG1, preparedG2, factor));
        Assert.False(Pairing.PairingCheck(onTheFlyG1, [qd], preparedG1, preparedG2, factor));
        Assert.False(Pairing.PairingCheck(onTheFlyG1, onTheFlyG2, [p.Multiply(a + Fr.One).ToAffine()], preparedG2, factor));
        var otherFactor = Pairing.MillerLoopProduct([p.Multiply(c).ToAffine()], [new G2Prepared(qd)]);
        Assert.False(Pairing.PairingCheck(onTheFlyG1, onTheFlyG2, preparedG1, preparedG2, otherFactor));
        // Infinity pairs contribute one.
        Assert.True(Pairing.PairingCheck([.. onTheFlyG1, G1Affine.Infinity], [.. onTheFlyG2, q], preparedG1, preparedG2, factor));
    }

    [Fact]
    public void Mixed_miller_loop_exponentiates_to_the_multi_pairing_of_all_its_pairs()
    {
        // One loop over on-the-fly and prepared pairs (shared squarings) must give, after the final
        // exponentiation, exactly the GT value of the plain multi-pairing of the same pairs, also
        // with infinity on either side and with only one kind of pair present.
        var rng = new Random(43);
        var p = Enumerable.Range(0, 5).Select(_ => G1Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine()).ToArray();
        var q = Enumerable.Range(0, 5).Select(_ => TestPoints.RandomG2Point(rng)).ToArray();
        G1Affine[] onTheFlyG1 = [p[0], p[1], G1Affine.Infinity];
        G2Affine[] onTheFlyG2 = [q[0], q[1], q[2]];
        G1Affine[] preparedG1 = [p[2], p[3], p[4]];
        G2Affine[] preparedG2 = [q[3], G2Affine.Infinity, q[4]];
        var mixed = Pairing.MultiMillerLoop(onTheFlyG1, onTheFlyG2, preparedG1, [.. preparedG2.Select(x => new G2Prepared(x))]);
        var expected = Pairing.MultiPair([p[0], p[1], p[2], p[4]], [q[0], q[1], q[3], q[4]]);
        Assert.Equal(expected, new MillerLoopValue(mixed).ToGT());

        var onlyOnTheFly = Pairing.MultiMillerLoop(onTheFlyG1, onTheFlyG2, [], []);
        Assert.Equal(Pairing.MultiPair(onTheFlyG1, onTheFlyG2), new MillerLoopValue(onlyOnTheFly).ToGT());
        var onlyPrepared = Pairing.MultiMillerLoop([], [], preparedG1, [.. preparedG2.Select(x => new G2Prepared(x))]);
        Assert.Equal(Pairing.MultiPair(preparedG1, preparedG2), new MillerLoopValue(onlyPrepared).ToGT());
        Assert.NotEqual(expected, new MillerLoopValue(onlyPrepared).ToGT());
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        var factor = Pairing.MillerLoopProduct([], []);
        Assert.Throws<ArgumentException>(() => Pairing.PairingCheck([G1Affine.Generator], [], [], [], factor));
        Assert.Throws<ArgumentException>(() => Pairing.PairingCheck([], [], [G1Affine.Generator], [], factor));
        Assert.True(Pairing.PairingCheck([], [], [], [], factor)); // empty product
    }
}
