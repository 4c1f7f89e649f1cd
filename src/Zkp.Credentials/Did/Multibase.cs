using SimpleBase;

namespace Zkp.Credentials.Did;

/// <summary>The multibase base58btc form (<c>z</c> prefix) used by did:key and Data Integrity proof values.</summary>
public static class Multibase
{
    public const char Base58BtcPrefix = 'z';

    public static string EncodeBase58Btc(ReadOnlySpan<byte> data) => Base58BtcPrefix + Base58.Bitcoin.Encode(data);

    /// <summary>Decodes a <c>z</c>-prefixed value; returns false with a reason instead of throwing.</summary>
    public static bool TryDecodeBase58Btc(string? value, out byte[] data, out string error)
    {
        data = [];
        if (string.IsNullOrEmpty(value))
        {
            error = "the multibase value is empty";
            return false;
        }

        if (value[0] != Base58BtcPrefix)
        {
            error = $"multibase prefix '{value[0]}' is not 'z' (base58btc)";
            return false;
        }

        if (value.Length == 1)
        {
            error = "the multibase value has no data after its prefix";
            return false;
        }

        try
        {
            data = Base58.Bitcoin.Decode(value.AsSpan(1));
        }
        catch (ArgumentException)
        {
            error = "the value is not valid base58btc";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
