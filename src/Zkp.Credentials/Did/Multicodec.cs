namespace Zkp.Credentials.Did;

/// <summary>Unsigned-varint multicodec prefixes for the key types did:key may carry.</summary>
internal static class Multicodec
{
    internal const ulong Ed25519Public = 0xed;
    internal const ulong X25519Public = 0xec;
    internal const ulong Ed25519Private = 0x1300;

    // Names from the multicodec table, so a rejected DID says which key type it actually holds.
    private static readonly Dictionary<ulong, string> KnownKeyCodecs = new()
    {
        [0xed] = "ed25519-pub",
        [0xec] = "x25519-pub",
        [0xe7] = "secp256k1-pub",
        [0xeb] = "bls12_381-g2-pub",
        [0x1200] = "p256-pub",
        [0x1201] = "p384-pub",
        [0x1202] = "p521-pub",
        [0x1205] = "rsa-pub",
        [0x1300] = "ed25519-priv",
    };

    internal static string NameOf(ulong code) =>
        KnownKeyCodecs.TryGetValue(code, out var name) ? name : $"unknown multicodec 0x{code:x}";

    internal static byte[] Prefix(ulong code, ReadOnlySpan<byte> key)
    {
        var buffer = new List<byte>(key.Length + 3);
        var remaining = code;
        do
        {
            var b = (byte)(remaining & 0x7f);
            remaining >>= 7;
            buffer.Add(remaining != 0 ? (byte)(b | 0x80) : b);
        }
        while (remaining != 0);

        buffer.AddRange(key);
        return [.. buffer];
    }

    /// <summary>Reads a minimal unsigned varint (at most 9 bytes, as the multiformats spec allows).</summary>
    internal static bool TryReadVarint(ReadOnlySpan<byte> data, out ulong code, out int length)
    {
        code = 0;
        length = 0;
        for (var i = 0; i < data.Length && i < 9; i++)
        {
            code |= (ulong)(data[i] & 0x7f) << (7 * i);
            if ((data[i] & 0x80) == 0)
            {
                // A trailing zero byte after the first means a non-minimal encoding.
                if (i > 0 && data[i] == 0)
                {
                    return false;
                }

                length = i + 1;
                return true;
            }
        }

        return false;
    }
}
