using System.Globalization;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// Byte and text encodings of G1 and G2 points used by Ethereum (EIP-196/197) and snarkjs.
/// Every decoder rejects malformed input with <see cref="Bn254FormatException"/> ("wrong length",
/// "coordinate not canonical", "point not on curve", "point not in the prime-order subgroup");
/// none reduces or repairs a value. Each decoder's documentation lists the checks it performs.
/// G1 needs no subgroup check (cofactor 1). The point at infinity is all zero bytes in the byte forms.
/// </summary>
public static class PointEncoding
{
    public const int G1Eip197Length = 64;
    public const int G2Eip197Length = 128;
    public const int G1ZkeyLength = 64;
    public const int G2ZkeyLength = 128;

    // ---- EIP-196/197: big-endian canonical coordinates, G2 as x_im, x_re, y_im, y_re ----

    /// <summary>
    /// Decodes x || y (32-byte big-endian each). Checks: length 64, both coordinates &lt; p, on the curve;
    /// all zero bytes decode to infinity.
    /// </summary>
    public static G1Affine DecodeG1Eip197(ReadOnlySpan<byte> input)
    {
        FieldCodec<FpModulus>.CheckLength(input, G1Eip197Length);
        var x = Fp.FromCanonicalBigEndian(input[..32]);
        var y = Fp.FromCanonicalBigEndian(input[32..64]);
        return G1Affine.FromCoordinates(x, y);
    }

    /// <summary>Writes x || y, 32-byte big-endian each (infinity as 64 zero bytes).</summary>
    public static void EncodeG1Eip197(in G1Affine point, Span<byte> destination)
    {
        CheckDestination(destination, G1Eip197Length);
        point.X.WriteCanonicalBigEndian(destination[..32]);
        point.Y.WriteCanonicalBigEndian(destination[32..64]);
    }

    public static byte[] EncodeG1Eip197(in G1Affine point)
    {
        var result = new byte[G1Eip197Length];
        EncodeG1Eip197(point, result);
        return result;
    }

    /// <summary>
    /// Decodes x_im || x_re || y_im || y_re (32-byte big-endian each; x = x_re + x_im u). Checks:
    /// length 128, all four coordinates &lt; p, on the twist, in the prime-order subgroup; all zero bytes
    /// decode to infinity.
    /// </summary>
    public static G2Affine DecodeG2Eip197(ReadOnlySpan<byte> input)
    {
        FieldCodec<FpModulus>.CheckLength(input, G2Eip197Length);
        var xIm = Fp.FromCanonicalBigEndian(input[..32]);
        var xRe = Fp.FromCanonicalBigEndian(input[32..64]);
        var yIm = Fp.FromCanonicalBigEndian(input[64..96]);
        var yRe = Fp.FromCanonicalBigEndian(input[96..128]);
        return G2Affine.FromCoordinates(xRe, xIm, yRe, yIm);
    }

    /// <summary>Writes x_im || x_re || y_im || y_re, 32-byte big-endian each.</summary>
    public static void EncodeG2Eip197(in G2Affine point, Span<byte> destination)
    {
        CheckDestination(destination, G2Eip197Length);
        point.Xc1.WriteCanonicalBigEndian(destination[..32]);
        point.Xc0.WriteCanonicalBigEndian(destination[32..64]);
        point.Yc1.WriteCanonicalBigEndian(destination[64..96]);
        point.Yc0.WriteCanonicalBigEndian(destination[96..128]);
    }

    public static byte[] EncodeG2Eip197(in G2Affine point)
    {
        var result = new byte[G2Eip197Length];
        EncodeG2Eip197(point, result);
        return result;
    }

    // ---- snarkjs JSON: decimal strings, [x, y, "1"] and [[x_c0, x_c1], [y_c0, y_c1], ["1", "0"]] ----

    /// <summary>
    /// Decodes snarkjs' [x, y, "1"] (affine) or ["0", "1", "0"] (infinity). Checks: three entries,
    /// canonical decimals below p, z exactly "1" (or the infinity form), on the curve.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="coordinates"/> or an entry is null.</exception>
    public static G1Affine DecodeG1Snarkjs(IReadOnlyList<string> coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Count != 3)
        {
            throw new Bn254FormatException($"wrong length: expected 3 coordinates, got {coordinates.Count.ToString(CultureInfo.InvariantCulture)}");
        }
        var x = Fp.Parse(coordinates[0]);
        var y = Fp.Parse(coordinates[1]);
        var z = Fp.Parse(coordinates[2]);
        if (z.IsZero)
        {
            if (x.IsZero && y.IsOne)
            {
                return G1Affine.Infinity;
            }
            throw new Bn254FormatException("point at infinity must be [\"0\", \"1\", \"0\"]");
        }
        if (!z.IsOne)
        {
            throw new Bn254FormatException("z coordinate must be \"1\" (affine) or \"0\" (infinity)");
        }
        if (x.IsZero && y.IsZero)
        {
            throw new Bn254FormatException("point not on curve");
        }
        return G1Affine.FromCoordinates(x, y);
    }

    /// <summary>[x, y, "1"], or ["0", "1", "0"] for infinity, as snarkjs writes them.</summary>
    public static string[] EncodeG1Snarkjs(in G1Affine point) =>
        point.IsInfinity ? ["0", "1", "0"] : [point.X.ToString(), point.Y.ToString(), "1"];

    /// <summary>
    /// Decodes [[x_c0, x_c1], [y_c0, y_c1], ["1", "0"]] or the infinity form [["0","0"],["1","0"],["0","0"]].
    /// Checks: shape, canonical decimals below p, z exactly 1 (or the infinity form), on the twist,
    /// in the prime-order subgroup.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="coordinates"/> or an entry is null.</exception>
    public static G2Affine DecodeG2Snarkjs(IReadOnlyList<IReadOnlyList<string>> coordinates)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        if (coordinates.Count != 3)
        {
            throw new Bn254FormatException($"wrong length: expected 3 coordinates, got {coordinates.Count.ToString(CultureInfo.InvariantCulture)}");
        }
        var x = ParsePair(coordinates[0]);
        var y = ParsePair(coordinates[1]);
        var z = ParsePair(coordinates[2]);
        if (z.IsZero)
        {
            if (x.IsZero && y.IsOne)
            {
                return G2Affine.Infinity;
            }
            throw new Bn254FormatException("point at infinity must be [[\"0\",\"0\"],[\"1\",\"0\"],[\"0\",\"0\"]]");
        }
        if (!z.IsOne)
        {
            throw new Bn254FormatException("z coordinate must be [\"1\", \"0\"] (affine) or [\"0\", \"0\"] (infinity)");
        }
        if (x.IsZero && y.IsZero)
        {
            throw new Bn254FormatException("point not on curve");
        }
        return G2Affine.FromCoordinates(x.C0, x.C1, y.C0, y.C1);
    }

    /// <summary>[[x_c0, x_c1], [y_c0, y_c1], ["1", "0"]], or the infinity form, as snarkjs writes them.</summary>
    public static string[][] EncodeG2Snarkjs(in G2Affine point) =>
        point.IsInfinity
            ? [["0", "0"], ["1", "0"], ["0", "0"]]
            : [[point.Xc0.ToString(), point.Xc1.ToString()], [point.Yc0.ToString(), point.Yc1.ToString()], ["1", "0"]];

    private static Fp2 ParsePair(IReadOnlyList<string> pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        if (pair.Count != 2)
        {
            throw new Bn254FormatException($"wrong length: expected 2 components, got {pair.Count.ToString(CultureInfo.InvariantCulture)}");
        }
        return new Fp2(Fp.Parse(pair[0]), Fp.Parse(pair[1]));
    }

    // ---- snarkjs .zkey: little-endian Montgomery form ----

    /// <summary>
    /// Decodes x || y, each 32 bytes little-endian in Montgomery form (x * 2^256 mod p), as stored in
    /// snarkjs .zkey files. Checks: length 64, limbs &lt; p, on the curve; all zero bytes are infinity.
    /// </summary>
    public static G1Affine DecodeG1Zkey(ReadOnlySpan<byte> input)
    {
        FieldCodec<FpModulus>.CheckLength(input, G1ZkeyLength);
        var x = Fp.FromMontgomeryLittleEndian(input[..32]);
        var y = Fp.FromMontgomeryLittleEndian(input[32..64]);
        return G1Affine.FromCoordinates(x, y);
    }

    public static void EncodeG1Zkey(in G1Affine point, Span<byte> destination)
    {
        CheckDestination(destination, G1ZkeyLength);
        point.X.WriteMontgomeryLittleEndian(destination[..32]);
        point.Y.WriteMontgomeryLittleEndian(destination[32..64]);
    }

    /// <summary>
    /// Decodes x_c0 || x_c1 || y_c0 || y_c1, each 32 bytes little-endian Montgomery form. Checks:
    /// length 128, limbs &lt; p, on the twist, and — unless <paramref name="skipSubgroupCheck"/> — the
    /// prime-order subgroup. Skip the subgroup check only for a .zkey from a trusted ceremony when
    /// loading many points; a point outside the subgroup then breaks soundness (pairings, and the
    /// endomorphism-based G2 scalar multiplication, assume G2 membership), not memory safety.
    /// </summary>
    public static G2Affine DecodeG2Zkey(ReadOnlySpan<byte> input, bool skipSubgroupCheck = false)
    {
        FieldCodec<FpModulus>.CheckLength(input, G2ZkeyLength);
        var point = G2Affine.FromCoordinatesUnchecked(
            Fp.FromMontgomeryLittleEndian(input[..32]),
            Fp.FromMontgomeryLittleEndian(input[32..64]),
            Fp.FromMontgomeryLittleEndian(input[64..96]),
            Fp.FromMontgomeryLittleEndian(input[96..128]));
        if (!point.IsOnCurve)
        {
            throw new Bn254FormatException("point not on curve");
        }
        if (!skipSubgroupCheck && !point.IsInSubgroup)
        {
            throw new Bn254FormatException("point not in the prime-order subgroup");
        }
        return point;
    }

    public static void EncodeG2Zkey(in G2Affine point, Span<byte> destination)
    {
        CheckDestination(destination, G2ZkeyLength);
        point.Xc0.WriteMontgomeryLittleEndian(destination[..32]);
        point.Xc1.WriteMontgomeryLittleEndian(destination[32..64]);
        point.Yc0.WriteMontgomeryLittleEndian(destination[64..96]);
        point.Yc1.WriteMontgomeryLittleEndian(destination[96..128]);
    }

    private static void CheckDestination(Span<byte> destination, int length)
    {
        if (destination.Length < length)
        {
            throw new ArgumentException($"destination must hold {length.ToString(CultureInfo.InvariantCulture)} bytes", nameof(destination));
        }
    }
}
