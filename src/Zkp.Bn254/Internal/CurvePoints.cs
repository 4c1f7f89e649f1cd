using System.Runtime.InteropServices;

namespace Zkp.Bn254.Internal;

/// <summary>
/// Affine point (x, y) on y^2 = x^3 + b. The point at infinity is stored as (0, 0), which is never
/// on the curve because b != 0; this is also the EIP-197 all-zero encoding of infinity.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct AffinePoint<T>
    where T : unmanaged, IFieldOps<T>
{
    public readonly T X;
    public readonly T Y;

    public AffinePoint(in T x, in T y)
    {
        X = x;
        Y = y;
    }

    public bool IsInfinity => T.IsZeroElement(in X) & T.IsZeroElement(in Y);
}

/// <summary>Jacobian point (X : Y : Z) standing for (X/Z^2, Y/Z^3); Z = 0 is the point at infinity.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct JacobianPoint<T>
    where T : unmanaged, IFieldOps<T>
{
    public readonly T X;
    public readonly T Y;
    public readonly T Z;

    public JacobianPoint(in T x, in T y, in T z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint<T> Infinity => new(T.OneElement, T.OneElement, T.ZeroElement);

    public bool IsInfinity => T.IsZeroElement(in Z);
}

/// <summary>
/// Homogeneous projective point (X : Y : Z) standing for (X/Z, Y/Z); (0 : 1 : 0) is infinity.
/// Used only with the complete formulas of the constant-time scalar multiplication.
/// </summary>
internal readonly struct ProjectivePoint<T>
    where T : unmanaged, IFieldOps<T>
{
    public readonly T X;
    public readonly T Y;
    public readonly T Z;

    public ProjectivePoint(in T x, in T y, in T z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static ProjectivePoint<T> Identity => new(T.ZeroElement, T.OneElement, T.ZeroElement);
}
