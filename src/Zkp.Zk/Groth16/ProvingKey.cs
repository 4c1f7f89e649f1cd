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
        C = c;
        H = h;
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

    internal G1Affine[] C { get; }

    internal G1Affine[] H { get; }

    /// <summary>
    /// Memory the prover may spend on prepared MSM bases for one key (<see cref="Msm.PrepareG1"/>):
    /// enough for circuits of several thousand constraints, where the per-window reductions the
    /// tables remove are a large share of a proof; larger keys prove with plain MSMs.
    /// </summary>
    internal const long MaxPreparedBasesBytes = 64L << 20;

    private readonly Lock preparedGate = new();
    private int proofsStarted;
    private PreparedProverBases? prepared;

    /// <summary>True once the prepared bases exist (tests).</summary>
    internal bool HasPreparedBases => prepared is not null;

    /// <summary>
    /// The prepared bases for the next proof, or null for plain MSMs. They are built on the second
    /// proof with this key (about 250 doublings per point, several proofs' worth of work), so that a
    /// key used once, as by the CLI, never pays for them; and only when they fit in
    /// <see cref="MaxPreparedBasesBytes"/>.
    /// </summary>
    internal PreparedProverBases? PreparedBasesForNextProof()
    {
        if (prepared is not null)
        {
            return prepared;
        }

        // Counting stops at 2, so it never wraps however many proofs a key too large for tables makes.
        if ((Volatile.Read(ref proofsStarted) < 2 && Interlocked.Increment(ref proofsStarted) < 2)
            || PreparedProverBases.EstimatedBytes(this) > MaxPreparedBasesBytes)
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
    private PreparedProverBases(G1MsmBases a, G1MsmBases b1, G2MsmBases b2, G1MsmBases c, G1MsmBases h)
    {
        A = a;
        B1 = b1;
        B2 = b2;
        C = c;
        H = h;
    }

    public G1MsmBases A { get; }

    public G1MsmBases B1 { get; }

    public G2MsmBases B2 { get; }

    public G1MsmBases C { get; }

    public G1MsmBases H { get; }

    public static long EstimatedBytes(ProvingKey key) =>
        Msm.PreparedG1Bytes(key.A.Length) + Msm.PreparedG1Bytes(key.B1.Length) + Msm.PreparedG1Bytes(key.C.Length)
        + Msm.PreparedG1Bytes(key.H.Length) + Msm.PreparedG2Bytes(key.B2.Length);

    public static PreparedProverBases Build(ProvingKey key)
    {
        G1MsmBases? a = null, b1 = null, c = null, h = null;
        G2MsmBases? b2 = null;
        Parallel.Invoke(
            () => b2 = Msm.PrepareG2(key.B2, 1),
            () => h = Msm.PrepareG1(key.H, 1),
            () => a = Msm.PrepareG1(key.A, 1),
            () => b1 = Msm.PrepareG1(key.B1, 1),
            () => c = Msm.PrepareG1(key.C, 1));
        return new PreparedProverBases(a!, b1!, b2!, c!, h!);
    }
}

/// <summary>One entry of snarkjs's coefficient section: matrix (0 = A, 1 = B), row (domain point), wire, value.</summary>
internal readonly record struct QapCoefficient(byte Matrix, int Row, int Wire, Fr Value);
