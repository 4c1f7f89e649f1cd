using System.Buffers.Binary;
using System.Buffers.Text;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Zkp.Credentials.Status;
using Zkp.Credentials.Vc;

namespace Zkp.Credentials.Tests;

public sealed class BitstringStatusListTests
{
    private static JsonNode Vector => JsonNode.Parse(VectorFiles.ReadText("status-list-python.json"))!;

    [Fact]
    public void Spec_example_decodes_to_131072_clear_entries()
    {
        var list = BitstringStatusList.Decode(Vector["w3cSpecExample"]!.GetValue<string>());
        Assert.Equal(131_072, list.Length);
        Assert.All(list.AsBytes().ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Python_encoded_list_reads_index_zero_as_the_leftmost_bit()
    {
        var list = BitstringStatusList.Decode(Vector["encodedList"]!.GetValue<string>());
        var expectedSet = Vector["setIndices"]!.AsArray().Select(n => n!.GetValue<int>()).ToHashSet();
        Assert.Equal(Vector["firstBytesHex"]!.GetValue<string>(), Convert.ToHexStringLower(list.AsBytes()[..6]));
        var actualSet = Enumerable.Range(0, list.Length).Where(i => list[i]).ToHashSet();
        Assert.Equal(expectedSet.Order(), actualSet.Order());
    }

    [Fact]
    public void Encoding_round_trips_and_matches_the_python_bits()
    {
        var list = new BitstringStatusList();
        foreach (var index in Vector["setIndices"]!.AsArray())
        {
            list[index!.GetValue<int>()] = true;
        }

        var encoded = list.Encode();
        Assert.StartsWith("uH4sI", encoded, StringComparison.Ordinal);
        Assert.DoesNotContain('=', encoded);
        var decoded = BitstringStatusList.Decode(encoded);
        Assert.Equal(BitstringStatusList.Decode(Vector["encodedList"]!.GetValue<string>()).AsBytes().ToArray(), decoded.AsBytes().ToArray());
    }

    [Fact]
    public void Setting_and_clearing_touches_exactly_one_bit()
    {
        var list = new BitstringStatusList();
        list[9] = true;
        Assert.Equal([0x00, 0x40, 0x00], list.AsBytes()[..3].ToArray());
        list[9] = false;
        Assert.True(list.AsBytes().IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Short_list_is_a_status_list_length_error()
    {
        var ex = Assert.Throws<StatusListException>(() => BitstringStatusList.Decode(Vector["tooShort"]!.GetValue<string>()));
        Assert.Equal(StatusListError.StatusListLengthError, ex.Error);
        Assert.Equal("STATUS_LIST_LENGTH_ERROR: the list has 131064 entries, fewer than the minimum 131072", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("zH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")]
    [InlineData("uH4sIAAAAAAAAA+3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA")]
    [InlineData("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA=")]
    [InlineData("uAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAA")]
    public void Malformed_encodings_are_malformed_value_errors(string encoded)
    {
        var ex = Assert.Throws<StatusListException>(() => BitstringStatusList.Decode(encoded));
        Assert.Equal(StatusListError.MalformedValueError, ex.Error);
        Assert.StartsWith("MALFORMED_VALUE_ERROR: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, false)]
    [InlineData(100u, false)]
    [InlineData(32_767u, false)]
    [InlineData(32_768u, true)]
    [InlineData(32_769u, false)]
    [InlineData(16_777_216u, false)]
    [InlineData(uint.MaxValue, false)]
    public void A_gzip_size_trailer_that_does_not_match_the_content_is_malformed(uint declaredSize, bool decodes)
    {
        var list = new BitstringStatusList(131_072 * 2);
        list[0] = true;
        list[200_000] = true;
        list[262_143] = true;
        var compressed = Base64Url.DecodeFromChars(list.Encode().AsSpan(1));
        BinaryPrimitives.WriteUInt32LittleEndian(compressed.AsSpan(compressed.Length - 4), declaredSize);
        var encoded = "u" + Base64Url.EncodeToString(compressed);

        if (decodes)
        {
            var decoded = BitstringStatusList.Decode(encoded);
            Assert.Equal(262_144, decoded.Length);
            Assert.Equal([0, 200_000, 262_143], Enumerable.Range(0, decoded.Length).Where(i => decoded[i]));
        }
        else
        {
            var ex = Assert.Throws<StatusListException>(() => BitstringStatusList.Decode(encoded));
            Assert.Equal(StatusListError.MalformedValueError, ex.Error);
        }
    }

    [Fact]
    public void A_stream_decompressing_past_the_maximum_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new byte[(16 * 1024 * 1024) + 1]);
        }

        var ex = Assert.Throws<StatusListException>(() => BitstringStatusList.Decode("u" + Base64Url.EncodeToString(buffer.ToArray())));

        Assert.Equal("MALFORMED_VALUE_ERROR: the decompressed list exceeds 134217728 entries", ex.Message);
    }

    [Fact]
    public void Index_outside_the_list_is_a_range_error()
    {
        var list = new BitstringStatusList();
        Assert.Equal(StatusListError.RangeError, Assert.Throws<StatusListException>(() => list.Get(131_072)).Error);
        Assert.Equal(StatusListError.RangeError, Assert.Throws<StatusListException>(() => list[-1]).Error);
        Assert.False(list.Get(131_071));
    }

    [Theory]
    [InlineData(131_064)]
    [InlineData(131_073)]
    public void Lists_below_the_minimum_or_not_byte_aligned_cannot_be_created(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitstringStatusList(length));
    }

    [Fact]
    public void Allocator_hands_out_every_index_exactly_once_then_refuses()
    {
        var allocator = new StatusListIndexAllocator();
        var seen = new bool[allocator.Length];
        for (var i = 0; i < allocator.Length; i++)
        {
            var index = allocator.Allocate();
            Assert.False(seen[index], $"index {index} handed out twice");
            seen[index] = true;
        }

        Assert.Equal(allocator.Length, allocator.Allocated);
        Assert.Throws<InvalidOperationException>(() => allocator.Allocate());
    }

    [Fact]
    public void Allocator_restored_from_storage_never_reuses_marked_indexes()
    {
        var allocator = new StatusListIndexAllocator();
        for (var i = 0; i < allocator.Length; i++)
        {
            if (i != 4242)
            {
                allocator.MarkAllocated(i);
            }
        }

        Assert.Equal(4242, allocator.Allocate());
        Assert.Throws<InvalidOperationException>(() => allocator.MarkAllocated(7));
    }

    [Fact]
    public void Allocated_indexes_are_not_sequential()
    {
        var allocator = new StatusListIndexAllocator();
        var first = Enumerable.Range(0, 16).Select(_ => allocator.Allocate()).ToArray();
        Assert.NotEqual(Enumerable.Range(first[0], 16), first);
    }
}

public sealed class StatusListCredentialTests
{
    private const string ListId = "https://issuer.example/status/1";
    private static readonly DateTimeOffset ValidFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static JsonObject SignedList(Action<BitstringStatusList>? change = null, byte issuerSeed = 1, string purpose = "revocation")
    {
        using var issuer = TestKeys.FromByte(issuerSeed);
        var list = new BitstringStatusList();
        change?.Invoke(list);
        var credential = StatusListCredential.Create(ListId, TestKeys.Did(issuer), purpose, list, ValidFrom, ValidFrom.AddDays(1));
        return StatusListCredential.Sign(credential, issuer, ValidFrom);
    }

    private static string IssuerDid()
    {
        using var issuer = TestKeys.FromByte(1);
        return TestKeys.Did(issuer);
    }

    private static readonly CredentialStatusEntry Entry = CredentialStatusEntry.ForRevocation(ListId, 42);

    [Fact]
    public void List_credential_has_the_spec_layout()
    {
        var signed = SignedList();
        Assert.Equal("""["VerifiableCredential","BitstringStatusListCredential"]""", signed["type"]!.ToJsonString());
        var subject = signed["credentialSubject"]!;
        Assert.Equal(ListId + "#list", subject["id"]!.GetValue<string>());
        Assert.Equal("BitstringStatusList", subject["type"]!.GetValue<string>());
        Assert.Equal("revocation", subject["statusPurpose"]!.GetValue<string>());
        Assert.StartsWith("u", subject["encodedList"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Clear_bit_reads_not_revoked_and_set_bit_reads_revoked()
    {
        var clear = StatusListCredential.Check(Entry, SignedList(), IssuerDid(), ValidFrom);
        Assert.True(clear.Succeeded, clear.Detail);
        Assert.False(clear.IsSet);

        var revoked = StatusListCredential.Check(Entry, SignedList(l => l[42] = true), IssuerDid(), ValidFrom);
        Assert.True(revoked.Succeeded);
        Assert.True(revoked.IsSet);
        Assert.Equal("status bit 42 is set (revocation)", revoked.Detail);

        var neighbour = StatusListCredential.Check(Entry, SignedList(l => { l[41] = true; l[43] = true; }), IssuerDid(), ValidFrom);
        Assert.False(neighbour.IsSet);
    }

    [Fact]
    public void Tampered_list_is_a_status_verification_error()
    {
        var signed = SignedList();
        var list = new BitstringStatusList();
        signed["credentialSubject"]!["encodedList"] = list.Encode() + "A";
        var result = StatusListCredential.Check(Entry, signed, IssuerDid());
        Assert.Equal(StatusListError.StatusVerificationError, result.Error);
    }

    [Fact]
    public void List_signed_by_another_issuer_is_a_status_verification_error()
    {
        var result = StatusListCredential.Check(Entry, SignedList(issuerSeed: 8), IssuerDid());
        Assert.Equal(StatusListError.StatusVerificationError, result.Error);
    }

    [Fact]
    public void Purpose_mismatch_is_a_status_verification_error()
    {
        var result = StatusListCredential.Check(Entry, SignedList(purpose: "suspension"), IssuerDid());
        Assert.Equal(StatusListError.StatusVerificationError, result.Error);
        Assert.Equal("list purpose 'suspension' does not match entry purpose 'revocation'", result.Detail);
    }

    [Fact]
    public void Entry_naming_another_list_is_a_status_verification_error()
    {
        var result = StatusListCredential.Check(CredentialStatusEntry.ForRevocation("https://issuer.example/status/2", 42), SignedList(), IssuerDid());
        Assert.Equal(StatusListError.StatusVerificationError, result.Error);
    }

    [Fact]
    public void Missing_list_is_a_status_retrieval_error()
    {
        Assert.Equal(StatusListError.StatusRetrievalError, StatusListCredential.Check(Entry, null, IssuerDid()).Error);
    }

    [Fact]
    public void Index_beyond_the_list_is_a_range_error()
    {
        var result = StatusListCredential.Check(CredentialStatusEntry.ForRevocation(ListId, 131_072), SignedList(), IssuerDid());
        Assert.Equal(StatusListError.RangeError, result.Error);
    }

    [Fact]
    public void Expired_list_is_a_status_verification_error()
    {
        var result = StatusListCredential.Check(Entry, SignedList(), IssuerDid(), ValidFrom.AddDays(2));
        Assert.Equal(StatusListError.StatusVerificationError, result.Error);
    }

    [Fact]
    public void Signed_short_list_is_a_status_list_length_error()
    {
        using var issuer = TestKeys.FromByte(1);
        var credential = StatusListCredential.Create(ListId, TestKeys.Did(issuer), "revocation", new BitstringStatusList(), ValidFrom);
        credential["credentialSubject"]!["encodedList"] = JsonNode.Parse(VectorFiles.ReadText("status-list-python.json"))!["tooShort"]!.GetValue<string>();
        var result = StatusListCredential.Check(Entry, StatusListCredential.Sign(credential, issuer, ValidFrom), IssuerDid());
        Assert.Equal(StatusListError.StatusListLengthError, result.Error);
        Assert.Equal("STATUS_LIST_LENGTH_ERROR", result.Error.SpecName());
    }

    [Fact]
    public void Signed_list_with_wrong_subject_type_is_a_malformed_value_error()
    {
        using var issuer = TestKeys.FromByte(1);
        var credential = StatusListCredential.Create(ListId, TestKeys.Did(issuer), "revocation", new BitstringStatusList(), ValidFrom);
        credential["credentialSubject"]!["type"] = "StatusList2021";
        var result = StatusListCredential.Check(Entry, StatusListCredential.Sign(credential, issuer, ValidFrom), IssuerDid());
        Assert.Equal(StatusListError.MalformedValueError, result.Error);
    }
}
