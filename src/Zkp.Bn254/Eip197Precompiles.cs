namespace Zkp.Bn254;

/// <summary>
/// The alt_bn128 precompiles of EIP-196 (ECADD 0x06, ECMUL 0x07) and EIP-197 (pairing check 0x08)
/// with their input rules: ADD and MUL right-pad short input with zeros and ignore bytes beyond
/// 128 / 96; the pairing input must be a multiple of 192 bytes. Invalid input (non-canonical
/// coordinate, point off the curve, G2 point outside the subgroup, bad pairing length) throws
/// <see cref="Bn254FormatException"/> where the precompile fails.
/// </summary>
public static class Eip197Precompiles
{
    private const int PairLength = PointEncoding.G1Eip197Length + PointEncoding.G2Eip197Length;

    /// <summary>ECADD: two 64-byte G1 points in, their 64-byte sum out.</summary>
    public static byte[] Add(ReadOnlySpan<byte> input)
    {
        Span<byte> padded = stackalloc byte[128];
        Pad(input, padded);
        var a = PointEncoding.DecodeG1Eip197(padded[..64]);
        var b = PointEncoding.DecodeG1Eip197(padded[64..128]);
        var sum = (a.ToJacobian() + b).ToAffine();
        return PointEncoding.EncodeG1Eip197(sum);
    }

    /// <summary>
    /// ECMUL: a 64-byte G1 point and a 32-byte big-endian scalar (any 256-bit value; it acts modulo r
    /// because G1 has prime order r) in, the 64-byte product out. Variable time: the scalar is public.
    /// </summary>
    public static byte[] ScalarMul(ReadOnlySpan<byte> input)
    {
        Span<byte> padded = stackalloc byte[96];
        Pad(input, padded);
        var p = PointEncoding.DecodeG1Eip197(padded[..64]);
        var scalar = Fr.FromBytesReduced(padded[64..96]);
        return PointEncoding.EncodeG1Eip197(p.ToJacobian().Multiply(scalar).ToAffine());
    }

    /// <summary>
    /// Pairing check: k pairs (64-byte G1, 128-byte G2) in; 32 bytes out, ending in 1 when the product
    /// of the pairings is one and 0 otherwise. Empty input gives 1.
    /// </summary>
    public static byte[] PairingCheck(ReadOnlySpan<byte> input)
    {
        if (input.Length % PairLength != 0)
        {
            throw new Bn254FormatException($"wrong length: pairing input must be a multiple of {PairLength} bytes, got {input.Length}");
        }
        int count = input.Length / PairLength;
        var g1 = new G1Affine[count];
        var g2 = new G2Affine[count];
        for (int i = 0; i < count; i++)
        {
            var pair = input.Slice(i * PairLength, PairLength);
            g1[i] = PointEncoding.DecodeG1Eip197(pair[..64]);
            g2[i] = PointEncoding.DecodeG2Eip197(pair[64..]);
        }
        var result = new byte[32];
        result[31] = Pairing.PairingCheck(g1, g2) ? (byte)1 : (byte)0;
        return result;
    }

    private static void Pad(ReadOnlySpan<byte> input, Span<byte> padded)
    {
        padded.Clear();
        input[..Math.Min(input.Length, padded.Length)].CopyTo(padded);
    }
}
