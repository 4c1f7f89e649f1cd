namespace Zkp.Bn254;

/// <summary>
/// Thrown when an encoded field element or curve point is malformed: wrong length, a coordinate
/// that is not canonical (at or above the modulus), a point not on the curve, or a point outside
/// the prime-order subgroup. Decoders never reduce or repair such input.
/// </summary>
public sealed class Bn254FormatException : FormatException
{
    public Bn254FormatException()
    {
    }

    public Bn254FormatException(string message)
        : base(message)
    {
    }

    public Bn254FormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
