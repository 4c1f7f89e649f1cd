using System.Numerics;
using Zkp.Bn254;

namespace Zkp.Zk.Std;

/// <summary>
/// Round constants C and MDS matrix M of circomlib's Poseidon over BN254 Fr for a state width t,
/// generated with the reference Grain LFSR procedure of the Poseidon authors
/// (hadeshash <c>generate_parameters_grain.sage</c>, invoked by circomlib as
/// <c>sage generate_parameters_grain.sage 1 0 254 t 8 R_P 0x30644e72...0000001</c>): field = 1 (GF(p)),
/// S-box = 0 (x^5), field size 254 bits, t cells, R_F = 8 full rounds, R_P partial rounds.
/// The same LFSR stream yields first the (R_F + R_P) * t round constants (254-bit draws, rejected
/// when &gt;= r) and then the Cauchy matrix M[i][j] = 1 / (x_i + y_j) from 2t further draws
/// (reduced mod r; redrawn if any repeats or if some x_i + y_j = 0). The constants are generated on
/// first use (milliseconds) rather than committed as a data file, so the procedure itself is the
/// documentation; the known-answer tests pin them to circomlibjs's published outputs.
/// </summary>
internal sealed class PoseidonParameters
{
    public const int FullRounds = 8;
    public const int MinWidth = 2;
    public const int MaxWidth = 17;
    private const int FieldBits = 254;

    // circomlib's N_ROUNDS_P, indexed by t - 2.
    private static readonly int[] PartialRoundsByWidth = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];

    private static readonly Lazy<PoseidonParameters>[] Cache =
        [.. Enumerable.Range(MinWidth, MaxWidth - MinWidth + 1).Select(t => new Lazy<PoseidonParameters>(() => Generate(t)))];

    private PoseidonParameters(int width, int partialRounds, Fr[] roundConstants, Fr[][] mds)
    {
        Width = width;
        PartialRounds = partialRounds;
        RoundConstants = roundConstants;
        Mds = mds;
    }

    public int Width { get; }

    public int PartialRounds { get; }

    public int TotalRounds => FullRounds + PartialRounds;

    /// <summary>C, (R_F + R_P) * t values: round r adds RoundConstants[r * t + i] to cell i.</summary>
    public Fr[] RoundConstants { get; }

    /// <summary>M, applied as state'[i] = sum_j M[i][j] * state[j].</summary>
    public Fr[][] Mds { get; }

    public static PoseidonParameters ForWidth(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, MinWidth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, MaxWidth);
        return Cache[width - MinWidth].Value;
    }

    /// <summary>True for rounds where every cell goes through the S-box (the first and last R_F / 2).</summary>
    public bool IsFullRound(int round) => round < FullRounds / 2 || round >= (FullRounds / 2) + PartialRounds;

    internal static PoseidonParameters Generate(int width)
    {
        int partialRounds = PartialRoundsByWidth[width - MinWidth];
        var lfsr = new GrainLfsr(width, FullRounds, partialRounds);
        var modulus = Fr.Modulus;

        var constants = new Fr[(FullRounds + partialRounds) * width];
        for (int i = 0; i < constants.Length; i++)
        {
            BigInteger candidate;
            do
            {
                candidate = lfsr.NextInteger(FieldBits);
            }
            while (candidate >= modulus);
            constants[i] = Fr.FromBigInteger(candidate);
        }

        while (true)
        {
            var draws = new BigInteger[2 * width];
            do
            {
                for (int i = 0; i < draws.Length; i++)
                {
                    draws[i] = lfsr.NextInteger(FieldBits) % modulus;
                }
            }
            while (draws.Distinct().Count() != draws.Length);

            var mds = new Fr[width][];
            bool usable = true;
            for (int i = 0; i < width && usable; i++)
            {
                mds[i] = new Fr[width];
                for (int j = 0; j < width; j++)
                {
                    var sum = Fr.FromBigIntegerReduced(draws[i] + draws[width + j]);
                    if (sum.IsZero)
                    {
                        usable = false;
                        break;
                    }

                    mds[i][j] = sum.Inverse();
                }
            }

            if (usable)
            {
                return new PoseidonParameters(width, partialRounds, constants, mds);
            }
        }
    }

    /// <summary>
    /// The 80-bit Grain self-shrinking LFSR of the Poseidon reference scripts. The state starts as
    /// field (2 bits), S-box (4), field size (12), t (12), R_F (10), R_P (10) most significant bit
    /// first, then 30 ones; 160 clocks are discarded; output bits are self-shrunk (a 1 selects the
    /// next bit, a 0 discards it).
    /// </summary>
    private sealed class GrainLfsr
    {
        private readonly bool[] state = new bool[80];
        private int head; // circular buffer: state[head] is the oldest bit (b_0)

        public GrainLfsr(int width, int fullRounds, int partialRounds)
        {
            int position = 0;
            void Append(int value, int bits)
            {
                for (int i = bits - 1; i >= 0; i--)
                {
                    state[position++] = ((value >> i) & 1) == 1;
                }
            }

            Append(1, 2);
            Append(0, 4);
            Append(FieldBits, 12);
            Append(width, 12);
            Append(fullRounds, 10);
            Append(partialRounds, 10);
            while (position < state.Length)
            {
                state[position++] = true;
            }

            for (int i = 0; i < 160; i++)
            {
                Clock();
            }
        }

        public BigInteger NextInteger(int bits)
        {
            var value = BigInteger.Zero;
            for (int i = 0; i < bits; i++)
            {
                value = (value << 1) | (NextBit() ? BigInteger.One : BigInteger.Zero);
            }

            return value;
        }

        private bool NextBit()
        {
            bool selector = Clock();
            while (!selector)
            {
                Clock();
                selector = Clock();
            }

            return Clock();
        }

        // b_80 = b_62 ^ b_51 ^ b_38 ^ b_23 ^ b_13 ^ b_0; shift out b_0.
        private bool Clock()
        {
            bool bit = Tap(62) ^ Tap(51) ^ Tap(38) ^ Tap(23) ^ Tap(13) ^ Tap(0);
            state[head] = bit;
            head = (head + 1) % state.Length;
            return bit;
        }

        private bool Tap(int index) => state[(head + index) % state.Length];
    }
}
