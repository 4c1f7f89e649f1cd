using Zkp.Bn254;
using Zkp.Zk.Frontend;

namespace Zkp.Zk.Std;

/// <summary>
/// Poseidon as a circuit gadget: the same permutation as <see cref="Poseidon"/>, one S-box costing
/// three constraints (x^2, x^4, x^5); additions of round constants and the MDS mix stay symbolic.
/// For t = 3 (two inputs) with initial state 0: (8 * 3 + 57) * 3 - 3 = 240 constraints (the first
/// S-box of cell 0 acts on a constant), as circomlib's Poseidon(2).
/// </summary>
public static class PoseidonGadget
{
    /// <summary>Poseidon(inputs) with initial state 0 and one output.</summary>
    public static Variable Poseidon(this ICircuitApi api, params Variable[] inputs)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.PoseidonEx(inputs, api.Constant(Fr.Zero), 1)[0];
    }

    /// <summary>circomlib's PoseidonEx(nInputs, nOuts): the first <paramref name="outputCount"/> cells of the final state.</summary>
    public static Variable[] PoseidonEx(this ICircuitApi api, Variable[] inputs, Variable initialState, int outputCount)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length < 1 || inputs.Length > Std.Poseidon.MaxInputs)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.Length, $"Poseidon takes 1..{Std.Poseidon.MaxInputs} inputs");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(outputCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(outputCount, inputs.Length + 1);

        int width = inputs.Length + 1;
        var parameters = PoseidonParameters.ForWidth(width);
        using var scope = api.Scope($"Poseidon(t={width})");
        var state = new Variable[width];
        state[0] = initialState;
        inputs.CopyTo(state, 1);
        var mixed = new Variable[width];

        for (int round = 0; round < parameters.TotalRounds; round++)
        {
            using var roundScope = api.Scope($"round {round}");
            for (int i = 0; i < width; i++)
            {
                state[i] = api.Add(state[i], api.Constant(parameters.RoundConstants[(round * width) + i]));
            }

            int sboxes = parameters.IsFullRound(round) ? width : 1;
            for (int i = 0; i < sboxes; i++)
            {
                var square = api.Mul(state[i], state[i]);
                var fourth = api.Mul(square, square);
                state[i] = api.Mul(fourth, state[i]);
            }

            for (int i = 0; i < width; i++)
            {
                var acc = api.Constant(Fr.Zero);
                for (int j = 0; j < width; j++)
                {
                    acc = api.Add(acc, api.Mul(state[j], api.Constant(parameters.Mds[i][j])));
                }

                mixed[i] = acc;
            }

            (state, mixed) = (mixed, state);
        }

        return state[..outputCount];
    }
}
