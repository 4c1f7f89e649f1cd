using Zkp.Bn254;

namespace Zkp.Zk.Std;

/// <summary>
/// Poseidon over BN254 Fr, compatible with circomlib / circomlibjs (<c>poseidon</c>,
/// <c>poseidonEx</c>) and go-iden3-crypto: x^5 S-box, 8 full rounds, circomlib's partial round
/// counts, state [initState, inputs...] of width t = inputs + 1 (1..16 inputs), outputs = the
/// first nOuts cells of the final state. Plain (unoptimised) round structure with C and M, which
/// gives the same outputs as circomlib's optimised S/P form.
/// </summary>
public static class Poseidon
{
    public const int MaxInputs = PoseidonParameters.MaxWidth - 1;

    /// <summary>Poseidon(inputs) with initial state 0 and one output, i.e. circomlibjs <c>poseidon(inputs)</c>.</summary>
    public static Fr Hash(params ReadOnlySpan<Fr> inputs)
    {
        CheckInputs(inputs.Length);
        Span<Fr> output = stackalloc Fr[1];
        HashCore(inputs, Fr.Zero, output);
        return output[0];
    }

    /// <summary>circomlibjs <c>poseidon(inputs, initState, nOut)</c>: the first <paramref name="outputCount"/> state cells.</summary>
    public static Fr[] Hash(ReadOnlySpan<Fr> inputs, in Fr initialState, int outputCount)
    {
        CheckInputs(inputs.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputCount, inputs.Length + 1);
        var outputs = new Fr[outputCount];
        HashCore(inputs, initialState, outputs);
        return outputs;
    }

    private static void CheckInputs(int count)
    {
        if (count < 1 || count > MaxInputs)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Poseidon takes 1..{MaxInputs} inputs");
        }
    }

    internal static void HashCore(ReadOnlySpan<Fr> inputs, in Fr initialState, Span<Fr> outputs)
    {
        int width = inputs.Length + 1;
        var parameters = PoseidonParameters.ForWidth(width);
        var constants = parameters.RoundConstants;
        var mds = parameters.Mds;
        Span<Fr> state = stackalloc Fr[width];
        Span<Fr> mixed = stackalloc Fr[width];
        state[0] = initialState;
        inputs.CopyTo(state[1..]);

        for (int round = 0; round < parameters.TotalRounds; round++)
        {
            for (int i = 0; i < width; i++)
            {
                Fr.Add(state[i], constants[(round * width) + i], out state[i]);
            }

            if (parameters.IsFullRound(round))
            {
                for (int i = 0; i < width; i++)
                {
                    state[i] = Pow5(state[i]);
                }
            }
            else
            {
                state[0] = Pow5(state[0]);
            }

            for (int i = 0; i < width; i++)
            {
                var row = mds[i];
                var acc = Fr.Zero;
                for (int j = 0; j < width; j++)
                {
                    Fr.Multiply(row[j], state[j], out var product);
                    Fr.Add(acc, product, out acc);
                }

                mixed[i] = acc;
            }

            mixed.CopyTo(state);
        }

        state[..outputs.Length].CopyTo(outputs);
    }

    private static Fr Pow5(in Fr x)
    {
        Fr.Square(x, out var x2);
        Fr.Square(x2, out var x4);
        Fr.Multiply(x4, x, out var x5);
        return x5;
    }
}
