using System.Numerics;
using Zkp.Bn254;

namespace Zkp.Zk.Frontend;

/// <summary>Hints used by the gadgets. Their outputs are always constrained by the caller.</summary>
public static class StandardHints
{
    /// <summary>outputs[i] = bit i of inputs[0] (little-endian), for as many bits as there are outputs.</summary>
    public static void BitDecomposition(ReadOnlySpan<Fr> inputs, Span<Fr> outputs)
    {
        var value = inputs[0].ToBigInteger();
        for (int i = 0; i < outputs.Length; i++)
        {
            outputs[i] = (value & BigInteger.One).IsZero ? Fr.Zero : Fr.One;
            value >>= 1;
        }
    }

    /// <summary>outputs[0] = 1 / inputs[0], or 0 when inputs[0] is 0 (the constraint that follows then fails).</summary>
    public static void InverseOrZero(ReadOnlySpan<Fr> inputs, Span<Fr> outputs)
    {
        outputs[0] = inputs[0].IsZero ? Fr.Zero : inputs[0].Inverse();
    }
}
