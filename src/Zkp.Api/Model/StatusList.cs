namespace Zkp.Api.Model;

/// <summary>
/// One issuer's Bitstring Status List (purpose <c>revocation</c>): the published bits, and a second bitmap
/// of the indexes handed out so far, so an index is never given to two credentials.
/// </summary>
public sealed class StatusList
{
    public Guid Id { get; set; }

    public Guid IssuerId { get; set; }

    public required string StatusPurpose { get; set; }

    /// <summary>Number of entries (bits).</summary>
    public int Length { get; set; }

    /// <summary>The status bits, index 0 = most significant bit of byte 0.</summary>
    public required byte[] Bits { get; set; }

    /// <summary>Same layout as <see cref="Bits"/>: a set bit marks an allocated index.</summary>
    public required byte[] AllocatedBits { get; set; }

    public int AllocatedCount { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>Changes with every revocation; the published credential's validFrom and proof date, hence its ETag.</summary>
    public DateTime UpdatedUtc { get; set; }
}
