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
}

/// <summary>One entry of snarkjs's coefficient section: matrix (0 = A, 1 = B), row (domain point), wire, value.</summary>
internal readonly record struct QapCoefficient(byte Matrix, int Row, int Wire, Fr Value);
