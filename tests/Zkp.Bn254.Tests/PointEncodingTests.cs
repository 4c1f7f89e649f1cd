using System.Globalization;
using System.Numerics;

namespace Zkp.Bn254.Tests;

public class PointEncodingTests
{
    private static readonly BigInteger P = Fp.Modulus;
    private static readonly BigInteger R256 = BigInteger.One << 256;

    private static string D(Fp x) => x.ToBigInteger().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public void Snarkjs_json_generators_decode_to_the_generators()
    {
        Assert.Equal(G1Affine.Generator, PointEncoding.DecodeG1Snarkjs(["1", "2", "1"]));
        string[][] g2 =
        [
            ["10857046999023057135944570762232829481370756359578518086990519993285655852781", "11559732032986387107991004021392285783925812861821192530917403151452391805634"],
            ["8495653923123431417604973247489272438418190587263600148770280649306958101930", "4082367875863433681332203403145435568316851327593401208105741076214120093531"],
            ["1", "0"],
        ];
        Assert.Equal(G2Affine.Generator, PointEncoding.DecodeG2Snarkjs(g2));
        Assert.Equal(g2, PointEncoding.EncodeG2Snarkjs(G2Affine.Generator));
        Assert.Equal(["1", "2", "1"], PointEncoding.EncodeG1Snarkjs(G1Affine.Generator));
    }

    [Fact]
    public void Snarkjs_json_round_trips_and_infinity()
    {
        var rng = new Random(50);
        for (int i = 0; i < 4; i++)
        {
            var p = G1Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
            var q = G2Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
            Assert.Equal(new[] { D(p.X), D(p.Y), "1" }, PointEncoding.EncodeG1Snarkjs(p));
            Assert.Equal(p, PointEncoding.DecodeG1Snarkjs(PointEncoding.EncodeG1Snarkjs(p)));
            Assert.Equal(q, PointEncoding.DecodeG2Snarkjs(PointEncoding.EncodeG2Snarkjs(q)));
        }
        Assert.Equal(["0", "1", "0"], PointEncoding.EncodeG1Snarkjs(G1Affine.Infinity));
        Assert.True(PointEncoding.DecodeG1Snarkjs(["0", "1", "0"]).IsInfinity);
        Assert.True(PointEncoding.DecodeG2Snarkjs([["0", "0"], ["1", "0"], ["0", "0"]]).IsInfinity);
        Assert.Equal([["0", "0"], ["1", "0"], ["0", "0"]], PointEncoding.EncodeG2Snarkjs(G2Affine.Infinity));
    }

    [Fact]
    public void Snarkjs_json_rejects_malformed_points()
    {
        static string Message(Action a) => Assert.Throws<Bn254FormatException>(a).Message;
        Assert.Equal("point not on curve", Message(() => PointEncoding.DecodeG1Snarkjs(["1", "3", "1"])));
        Assert.Equal("point not on curve", Message(() => PointEncoding.DecodeG1Snarkjs(["0", "0", "1"])));
        Assert.Equal("value not canonical (>= p)", Message(() => PointEncoding.DecodeG1Snarkjs([P.ToString(CultureInfo.InvariantCulture), "2", "1"])));
        Assert.Equal("wrong length: expected 3 coordinates, got 2", Message(() => PointEncoding.DecodeG1Snarkjs(["1", "2"])));
        Assert.Equal("z coordinate must be \"1\" (affine) or \"0\" (infinity)", Message(() => PointEncoding.DecodeG1Snarkjs(["1", "2", "2"])));
        Assert.Throws<Bn254FormatException>(() => PointEncoding.DecodeG1Snarkjs(["1", "2", "0"]));
        Assert.Throws<Bn254FormatException>(() => PointEncoding.DecodeG1Snarkjs(["1", "02", "1"]));
        Assert.Throws<ArgumentNullException>(() => PointEncoding.DecodeG1Snarkjs(null!));

        var q = TestPoints.RandomTwistPoint(new Random(51));
        string[][] outside = [[D(q.Xc0), D(q.Xc1)], [D(q.Yc0), D(q.Yc1)], ["1", "0"]];
        Assert.Equal("point not in the prime-order subgroup", Message(() => PointEncoding.DecodeG2Snarkjs(outside)));
        var g = PointEncoding.EncodeG2Snarkjs(G2Affine.Generator);
        g[1][1] = "5";
        Assert.Equal("point not on curve", Message(() => PointEncoding.DecodeG2Snarkjs(g)));
        Assert.Equal("wrong length: expected 2 components, got 1", Message(() => PointEncoding.DecodeG2Snarkjs([["1"], ["1", "0"], ["1", "0"]])));
        Assert.Throws<Bn254FormatException>(() => PointEncoding.DecodeG2Snarkjs([["1", "0"], ["1", "0"], ["1", "1"]]));
    }

    [Fact]
    public void Eip197_encoding_uses_big_endian_and_imaginary_first()
    {
        var g2 = PointEncoding.EncodeG2Eip197(G2Affine.Generator);
        Assert.Equal(
            "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2" +
            "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed" +
            "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b" +
            "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa",
            Convert.ToHexString(g2).ToLowerInvariant());
        Assert.Equal(G2Affine.Generator, PointEncoding.DecodeG2Eip197(g2));
        var g1 = PointEncoding.EncodeG1Eip197(G1Affine.Generator);
        Assert.Equal(1, g1[31]);
        Assert.Equal(2, g1[63]);
        Assert.Equal(G1Affine.Generator, PointEncoding.DecodeG1Eip197(g1));
        Assert.True(PointEncoding.DecodeG1Eip197(new byte[64]).IsInfinity);
        Assert.True(PointEncoding.DecodeG2Eip197(new byte[128]).IsInfinity);
        Assert.Equal(new byte[128], PointEncoding.EncodeG2Eip197(G2Affine.Infinity));
    }

    [Fact]
    public void Eip197_decoders_reject_malformed_input()
    {
        static string Message(Action a) => Assert.Throws<Bn254FormatException>(a).Message;
        Assert.Equal("wrong length: expected 64 bytes, got 63", Message(() => PointEncoding.DecodeG1Eip197(new byte[63])));
        Assert.Equal("wrong length: expected 128 bytes, got 129", Message(() => PointEncoding.DecodeG2Eip197(new byte[129])));
        var g1 = PointEncoding.EncodeG1Eip197(G1Affine.Generator);
        g1[63] = 3;
        Assert.Equal("point not on curve", Message(() => PointEncoding.DecodeG1Eip197(g1)));
        var big = TestValues.ToBytes(P + 1, bigEndian: true);
        var nonCanonical = big.Concat(TestValues.ToBytes(2, bigEndian: true)).ToArray();
        Assert.Equal("coordinate not canonical (>= p)", Message(() => PointEncoding.DecodeG1Eip197(nonCanonical)));
        var g2 = PointEncoding.EncodeG2Eip197(G2Affine.Generator);
        big.CopyTo(g2, 96);
        Assert.Equal("coordinate not canonical (>= p)", Message(() => PointEncoding.DecodeG2Eip197(g2)));
        var outside = PointEncoding.EncodeG2Eip197(TestPoints.RandomTwistPoint(new Random(52)));
        Assert.Equal("point not in the prime-order subgroup", Message(() => PointEncoding.DecodeG2Eip197(outside)));
        Assert.Throws<ArgumentException>(() => PointEncoding.EncodeG1Eip197(G1Affine.Generator, new byte[63]));
    }

    [Fact]
    public void Zkey_encoding_is_little_endian_montgomery_form()
    {
        var rng = new Random(53);
        var p = G1Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
        var q = G2Affine.Generator.Multiply(TestPoints.RandomScalar(rng)).ToAffine();
        var g1 = new byte[64];
        PointEncoding.EncodeG1Zkey(p, g1);
        Assert.Equal(TestValues.ToBytes(p.X.ToBigInteger() * R256 % P, bigEndian: false), g1[..32]);
        Assert.Equal(TestValues.ToBytes(p.Y.ToBigInteger() * R256 % P, bigEndian: false), g1[32..]);
        Assert.Equal(p, PointEncoding.DecodeG1Zkey(g1));
        var g2 = new byte[128];
        PointEncoding.EncodeG2Zkey(q, g2);
        Assert.Equal(TestValues.ToBytes(q.Xc0.ToBigInteger() * R256 % P, bigEndian: false), g2[..32]);
        Assert.Equal(TestValues.ToBytes(q.Xc1.ToBigInteger() * R256 % P, bigEndian: false), g2[32..64]);
        Assert.Equal(TestValues.ToBytes(q.Yc0.ToBigInteger() * R256 % P, bigEndian: false), g2[64..96]);
        Assert.Equal(TestValues.ToBytes(q.Yc1.ToBigInteger() * R256 % P, bigEndian: false), g2[96..]);
        Assert.Equal(q, PointEncoding.DecodeG2Zkey(g2));
        Assert.True(PointEncoding.DecodeG1Zkey(new byte[64]).IsInfinity);
        Assert.True(PointEncoding.DecodeG2Zkey(new byte[128]).IsInfinity);
    }

    [Fact]
    public void Zkey_decoders_reject_malformed_input()
    {
        static string Message(Action a) => Assert.Throws<Bn254FormatException>(a).Message;
        var outside = TestPoints.RandomTwistPoint(new Random(54));
        var bytes = new byte[128];
        PointEncoding.EncodeG2Zkey(outside, bytes);
        Assert.Equal("point not in the prime-order subgroup", Message(() => PointEncoding.DecodeG2Zkey(bytes)));
        Assert.Equal(outside, PointEncoding.DecodeG2Zkey(bytes, skipSubgroupCheck: true));
        bytes[100] ^= 1;
        Assert.Equal("point not on curve", Message(() => PointEncoding.DecodeG2Zkey(bytes, skipSubgroupCheck: true)));
        var g1 = new byte[64];
        PointEncoding.EncodeG1Zkey(G1Affine.Generator, g1);
        g1[40] ^= 1;
        Assert.Equal("point not on curve", Message(() => PointEncoding.DecodeG1Zkey(g1)));
        var nonCanonical = TestValues.ToBytes(P, bigEndian: false).Concat(new byte[32]).ToArray();
        Assert.Equal("Montgomery value not canonical (>= p)", Message(() => PointEncoding.DecodeG1Zkey(nonCanonical)));
        Assert.Equal("wrong length: expected 64 bytes, got 65", Message(() => PointEncoding.DecodeG1Zkey(new byte[65])));
    }
}
