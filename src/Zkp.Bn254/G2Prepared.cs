using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

/// <summary>
/// The Miller-loop line coefficients of a fixed G2 point (for example a verifying key's beta, gamma
/// and delta), computed once so that every later pairing with it skips the G2 arithmetic.
/// Immutable and thread-safe.
/// </summary>
public sealed class G2Prepared
{
    internal readonly PreparedLine[]? Lines;

    /// <summary>Prepares <paramref name="point"/>; it is trusted to be valid (every G2Affine from the public API is).</summary>
    public G2Prepared(in G2Affine point)
    {
        Point = point;
        Lines = point.IsInfinity ? null : MillerLoop.Prepare(in point.Point);
    }

    public G2Affine Point { get; }
}
