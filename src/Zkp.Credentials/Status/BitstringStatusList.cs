using System.Buffers.Binary;
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

        // The trailer's ISIZE (uncompressed length mod 2^32) sizes the output so that a verification decodes
        // into one array. The decoder compares ISIZE with what it inflated when the stream ends (a lying trailer
        // is malformed), but that check comes last, so the loop does not rely on it: it grows to what actually
        // decompresses and refuses anything over the maximum before reading further.
        const int maximumBytes = MaximumLength / 8;
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(compressed.AsSpan(compressed.Length - 4));
        var output = new byte[(int)Math.Clamp(declared, 1u, (uint)maximumBytes)];
        var total = 0;
        Span<byte> probe = stackalloc byte[1];
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        while (true)
        {
            if (total == output.Length)
            {
                if (input.Read(probe) == 0)
                {
                    break;
                }

                if (output.Length == maximumBytes)
                {
                    throw new StatusListException(StatusListError.MalformedValueError, $"the decompressed list exceeds {MaximumLength} entries");
                }

                Array.Resize(ref output, Math.Min(Math.Max(output.Length * 2, 4096), maximumBytes));
                output[total++] = probe[0];
                continue;
            }

            var read = input.Read(output.AsSpan(total));
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        if (total != output.Length)
        {
            Array.Resize(ref output, total);
        }

        return output;
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
        {
            throw new StatusListException(StatusListError.RangeError, $"index {index} is outside the list of {Length} entries");
        }
    }
}
