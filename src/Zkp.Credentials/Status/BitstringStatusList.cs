using System.Buffers.Text;
using System.IO.Compression;

namespace Zkp.Credentials.Status;

/// <summary>
/// A Bitstring Status List v1.0 bitstring (status size 1). Index 0 is the left-most bit, i.e. the most
/// significant bit of the first byte. Encoded as multibase <c>u</c> + base64url (no padding) of GZIP.
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>The spec's minimum: 16 KiB, for herd privacy.</summary>
    public const int MinimumLength = 131_072;

    // A GZIP bomb must not exhaust memory: lists above 16 Mi entries are refused.
    internal const int MaximumLength = 16 * 1024 * 1024 * 8;

    private readonly byte[] bits;

    public BitstringStatusList(int length = MinimumLength)
    {
        if (length < MinimumLength || length > MaximumLength || length % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A status list holds a multiple of 8 entries between {MinimumLength} and {MaximumLength}.");
        }

        bits = new byte[length / 8];
    }

    private BitstringStatusList(byte[] bits)
    {
        this.bits = bits;
    }

    public int Length => bits.Length * 8;

    public bool this[int index]
    {
        get
        {
            CheckIndex(index);
            return (bits[index >> 3] & (0x80 >> (index & 7))) != 0;
        }

        set
        {
            CheckIndex(index);
            if (value)
            {
                bits[index >> 3] |= (byte)(0x80 >> (index & 7));
            }
            else
            {
                bits[index >> 3] &= (byte)~(0x80 >> (index & 7));
            }
        }
    }

    public bool Get(ulong index) => index < (ulong)Length
        ? this[(int)index]
        : throw new StatusListException(StatusListError.RangeError, $"index {index} is outside the list of {Length} entries");

    public ReadOnlySpan<byte> AsBytes() => bits;

    public string Encode()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bits);
        }

        return "u" + Base64Url.EncodeToString(buffer.ToArray());
    }

    public static BitstringStatusList Decode(string encodedList)
    {
        if (string.IsNullOrEmpty(encodedList) || encodedList[0] != 'u')
        {
            throw new StatusListException(StatusListError.MalformedValueError, "encodedList must be multibase base64url (prefix 'u')");
        }

        var body = encodedList.AsSpan(1);
        if (body.Contains('=') || !Base64Url.IsValid(body))
        {
            throw new StatusListException(StatusListError.MalformedValueError, "encodedList is not unpadded base64url");
        }

        var compressed = Base64Url.DecodeFromChars(body);
        byte[] raw;
        try
        {
            raw = Gunzip(compressed);
        }
        catch (InvalidDataException ex)
        {
            throw new StatusListException(StatusListError.MalformedValueError, "encodedList is not valid GZIP: " + ex.Message);
        }

        if ((long)raw.Length * 8 < MinimumLength)
        {
            throw new StatusListException(StatusListError.StatusListLengthError, $"the list has {(long)raw.Length * 8} entries, fewer than the minimum {MinimumLength}");
        }

        return new BitstringStatusList(raw);
    }

    private static byte[] Gunzip(byte[] compressed)
    {
        if (compressed.Length < 18 || compressed[0] != 0x1f || compressed[1] != 0x8b)
        {
            throw new InvalidDataException("missing GZIP header");
        }

        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            if (output.Length + read > MaximumLength / 8)
            {
                throw new StatusListException(StatusListError.MalformedValueError, $"the decompressed list exceeds {MaximumLength} entries");
            }

            output.Write(chunk, 0, read);
        }

        return output.ToArray();
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new StatusListException(StatusListError.RangeError, $"index {index} is outside the list of {Length} entries");
        }
    }
}
