using Zkp.Bn254;

namespace Zkp.Zk.Groth16;

/// <summary>
/// A Groth16 proving key in snarkjs's layout (.zkey sections): the QAP coefficients of A and B
/// (the R1CS rows plus one row per public signal and the constant, "signal * 1 = 0", that snarkjs
/// appends so the public signals are linearly independent), the A, B1, B2 points per wire, the C
/// points per private wire, and the H points [L^{2n}_{2i+1}(tau) / delta]_1 that pair with the
/// quotient evaluated on the odd coset.
/// </summary>
public sealed class ProvingKey
{
    internal ProvingKey(
        int wireCount,
        int publicSignalCount,
        int domainLog2,
        QapCoefficient[] coefficients,
        G1Affine alpha1,
        G1Affine beta1,
        G2Affine beta2,
        G1Affine delta1,
        G2Affine delta2,
        G1Affine[] a,
        G1Affine[] b1,
        G2Affine[] b2,
        G1Affine[] c,
        G1Affine[] h,
        VerifyingKey verifyingKey)
    {
        WireCount = wireCount;
        PublicSignalCount = publicSignalCount;
        Domain = FftDomain.Create(domainLog2);
        Coefficients = coefficients;
        Alpha1 = alpha1;
        Beta1 = beta1;
        Beta2 = beta2;
        Delta1 = delta1;
        Delta2 = delta2;
        A = a;
        B1 = b1;
        B2 = b2;
        // C and H live in one array: the prover's pi_C takes both in a single MSM.
        var ch = new G1Affine[c.Length + h.Length];
        c.CopyTo(ch, 0);
        h.CopyTo(ch, c.Length);
        CH = ch;
        C = new ArraySegment<G1Affine>(ch, 0, c.Length);
        H = new ArraySegment<G1Affine>(ch, c.Length, h.Length);
        VerifyingKey = verifyingKey;
    }

    public int WireCount { get; }

    public int PublicSignalCount { get; }

    public FftDomain Domain { get; }

    public VerifyingKey VerifyingKey { get; private set; }

    /// <summary>Binds the key (and its verifying key) to a circuit id, e.g. after reading a .zkey.</summary>
    public ProvingKey BindTo(string circuitId)
    {
        VerifyingKey = VerifyingKey.BindTo(circuitId);
        return this;
    }

    internal QapCoefficient[] Coefficients { get; }

    internal G1Affine Alpha1 { get; }

    internal G1Affine Beta1 { get; }

    internal G2Affine Beta2 { get; }

    internal G1Affine Delta1 { get; }

    internal G2Affine Delta2 { get; }

    internal G1Affine[] A { get; }

    internal G1Affine[] B1 { get; }

    internal G2Affine[] B2 { get; }

    /// <summary>The C points (one per private wire) followed by the H points (one per domain point).</summary>
    internal G1Affine[] CH { get; }

    internal ArraySegment<G1Affine> C { get; }

    internal ArraySegment<G1Affine> H { get; }

    /// <summary>
    /// Default of <see cref="PreparedBasesLimitBytes"/>: enough for circuits of several thousand
    /// constraints, where the per-window reductions the tables remove are a large share of a proof;
    /// larger keys prove with plain MSMs unless their owner raises the limit.
    /// </summary>
    public const long DefaultPreparedBasesLimitBytes = 64L << 20;

    private long preparedBasesLimitBytes = DefaultPreparedBasesLimitBytes;

    /// <summary>
    /// Memory the prover may spend on prepared MSM bases for this key (each base's multiples
    /// 2^(c w) P, see <see cref="Msm.PrepareG1"/>); the tables are built on the key's second proof
    /// only when <see cref="PreparedBasesBytes"/> fits. Raising it is a memory-for-time trade the
    /// caller makes explicitly: for the 62k-constraint benchmark key the tables take about
    /// 400 MB and tens of seconds of CPU to build once, and cut the MSMs' CPU by about a quarter.
    /// Set it before the key's second proof; later changes do not drop tables already built.
    /// </summary>
    public long PreparedBasesLimitBytes
    {
        get => Volatile.Read(ref preparedBasesLimitBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            Volatile.Write(ref preparedBasesLimitBytes, value);
        }
    }

    /// <summary>Memory the prepared MSM bases of this key take (or would take), in bytes.</summary>
    public long PreparedBasesBytes => PreparedProverBases.EstimatedBytes(this);

    private readonly Lock preparedGate = new();
    private int proofsStarted;
    private PreparedProverBases? prepared;

    private G1FixedBase? delta1Comb;
    private G2FixedBase? delta2Comb;

    /// <summary>
    /// Tables for the constant-time r delta_1 and s delta_2 (96 + 192 KiB, a few milliseconds of
    /// CPU to build), or null for the generic constant-time multiplication. Like the prepared bases
    /// they come from the key's second proof on (after <see cref="PreparedBasesForNextProof"/>
    /// counted it), so a key used once never builds them; unlike those they are small enough for
    /// every key, so no limit applies. A race builds a table twice at worst (same content).
    /// </summary>
    internal G1FixedBase? Delta1CombForThisProof() =>
        Volatile.Read(ref proofsStarted) < 2 ? null
        : Volatile.Read(ref delta1Comb) ?? Interlocked.CompareExchange(ref delta1Comb, new G1FixedBase(Delta1), null) ?? delta1Comb;

    /// <inheritdoc cref="Delta1CombForThisProof"/>
    internal G2FixedBase? Delta2CombForThisProof() =>
        Volatile.Read(ref proofsStarted) < 2 ? null
        : Volatile.Read(ref delta2Comb) ?? Interlocked.CompareExchange(ref delta2Comb, new G2FixedBase(Delta2), null) ?? delta2Comb;

    /// <summary>True once both fixed-base tables for delta exist (tests).</summary>
    internal bool HasDeltaCombs => Volatile.Read(ref delta1Comb) is not null && Volatile.Read(ref delta2Comb) is not null;

    /// <summary>True once the prepared bases exist (tests).</summary>
    internal bool HasPreparedBases => prepared is not null;

    /// <summary>
    /// The prepared bases for the next proof, or null for plain MSMs. They are built on the second
    /// proof with this key (about 250 doublings per point, several proofs' worth of work), so that a
    /// key used once, as by the CLI, never pays for them; and only when they fit in
    /// <see cref="PreparedBasesLimitBytes"/>.
    /// </summary>
    internal PreparedProverBases? PreparedBasesForNextProof()
    {
        if (prepared is not null)
        {
            return prepared;
        }

        // Counting stops at 2, so it never wraps however many proofs a key too large for tables makes.
        if ((Volatile.Read(ref proofsStarted) < 2 && Interlocked.Increment(ref proofsStarted) < 2)
            || PreparedBasesBytes > PreparedBasesLimitBytes)
        {
            return null;
        }

        lock (preparedGate)
        {
            prepared ??= PreparedProverBases.Build(this);
        }

        return prepared;
    }
}

/// <summary>A proving key's MSM bases, prepared for repeated proofs.</summary>
internal sealed class PreparedProverBases
{
    private PreparedProverBases(G1MsmBases a, G1MsmBases b1, G2MsmBases b2, G1MsmBases ch)
    {
        A = a;
        B1 = b1;
        B2 = b2;
        CH = ch;
    }

    public G1MsmBases A { get; }

    public G1MsmBases B1 { get; }

    public G2MsmBases B2 { get; }

    /// <summary><see cref="ProvingKey.CH"/>: the C points, then the H points.</summary>
    public G1MsmBases CH { get; }

    public static long EstimatedBytes(ProvingKey key) =>
        Msm.PreparedG1Bytes(key.A.Length) + Msm.PreparedG1Bytes(key.B1.Length) + Msm.PreparedG1Bytes(key.CH.Length)
        + Msm.PreparedG2Bytes(key.B2.Length);

    public static PreparedProverBases Build(ProvingKey key)
    {
        G1MsmBases? a = null, b1 = null, ch = null;
        G2MsmBases? b2 = null;
        Parallel.Invoke(
            () => b2 = Msm.PrepareG2(key.B2, 1),
            () => ch = Msm.PrepareG1(key.CH, 1),
            () => a = Msm.PrepareG1(key.A, 1),
            () => b1 = Msm.PrepareG1(key.B1, 1));
        return new PreparedProverBases(a!, b1!, b2!, ch!);
    }
}

/// <summary>One entry of snarkjs's coefficient section: matrix (0 = A, 1 = B), row (domain point), wire, value.</summary>
internal readonly record struct QapCoefficient(byte Matrix, int Row, int Wire, Fr Value);
