namespace Zkp.Zk.Formats;

/// <summary>
/// A snarkjs file (.r1cs, .wtns, ...) is malformed: truncated, wrong magic or version, a field
/// other than BN254's, inconsistent sizes or out-of-range values. The message names the file
/// kind and what is wrong.
/// </summary>
public sealed class ZkFormatException : FormatException
{
    public ZkFormatException()
    {
    }

    public ZkFormatException(string message)
        : base(message)
    {
    }

    public ZkFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
