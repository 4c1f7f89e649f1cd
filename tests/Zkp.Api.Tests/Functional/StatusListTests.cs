using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Registry;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Status;
using Zkp.Credentials.Vc;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class StatusListTests(PostgresCluster cluster) : RegistryTestBase(cluster)
{
    private Task<StatusListAllocation> AllocateAsync(Guid issuerId) =>
        WithServicesAsync(s => s.GetRequiredService<StatusListService>().AllocateAsync(issuerId));

    private Task<bool> RevokeAsync(Guid listId, int index) =>
        WithServicesAsync(s => s.GetRequiredService<StatusListService>().RevokeAsync(listId, index));

    [Fact]
    public async Task Concurrent_allocations_never_share_an_index_and_are_persisted()
    {
        var admin = await AdminLoginAsync();
        var issuerId = Guid.Parse(Str(await CreateIssuerAsync(admin), "id"));
        var allocations = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(() => AllocateAsync(issuerId))));
        Assert.Single(allocations.Select(a => a.ListId).Distinct());
        Assert.Equal(24, allocations.Select(a => a.Index).Distinct().Count());
        Assert.All(allocations, a => Assert.InRange(a.Index, 0, 131_071));
        Assert.Equal($"https://zkp.test/api/v1/status-lists/{allocations[0].ListId}", allocations[0].StatusListCredential);

        var allocatedBits = Convert.FromHexString((await SqlAsync($"select encode(allocated_bits, 'hex') from status_lists where id = '{allocations[0].ListId}'")));
        var expected = new byte[16384];
        foreach (var a in allocations)
        {
            expected[a.Index >> 3] |= (byte)(0x80 >> (a.Index & 7));
        }

        Assert.Equal(expected, allocatedBits);
        Assert.Equal("1|24|131072|revocation", await SqlAsync("select count(*), min(allocated_count), min(length), min(status_purpose) from status_lists"));
    }

    [Fact]
    public async Task The_published_list_is_signed_by_the_issuer_cacheable_and_shows_revocations()
    {
        var admin = await AdminLoginAsync();
        var issuer = await CreateIssuerAsync(admin);
        var issuerId = Guid.Parse(Str(issuer, "id"));
        var revoked = await AllocateAsync(issuerId);
        var kept = await AllocateAsync(issuerId);
        var url = $"/api/v1/status-lists/{revoked.ListId}";

        using var first = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/vc+ld+json", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=300", first.Headers.CacheControl?.ToString());
        var etag = first.Headers.ETag!.Tag;
        var credential = JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(revoked.StatusListCredential, credential["id"]!.GetValue<string>());
        Assert.Equal(Str(issuer, "did"), credential["issuer"]!.GetValue<string>());
        Assert.True(EddsaJcs2022.Verify(credential).Verified);
        Assert.Equal(Str(issuer, "did"), EddsaJcs2022.Verify(credential).Signer!.Did);
        var entry = CredentialStatusEntry.ForRevocation(revoked.StatusListCredential, (ulong)revoked.Index);
        var check = StatusListCredential.Check(entry, credential, Str(issuer, "did"));
        Assert.True(check.Succeeded, check.Detail);
        Assert.False(check.IsSet);

        using (var same = await GetAsync(url))
        {
            Assert.Equal(etag, same.Headers.ETag!.Tag);
            Assert.Equal(await first.Content.ReadAsStringAsync(), await same.Content.ReadAsStringAsync());
        }

        using (var conditional = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative)))
        {
            conditional.Headers.IfNoneMatch.ParseAdd(etag);
            using var notModified = await Client.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }

        Assert.True(await RevokeAsync(revoked.ListId, revoked.Index));
        Assert.False(await RevokeAsync(revoked.ListId, revoked.Index));
        await Assert.ThrowsAsync<InvalidOperationException>(() => RevokeAsync(revoked.ListId, Enumerable.Range(0, 131_072).First(i => i != revoked.Index && i != kept.Index)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => RevokeAsync(Guid.NewGuid(), 0));

        using var stale = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        stale.Headers.IfNoneMatch.ParseAdd(etag);
        using var after = await Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);
        var updated = JsonNode.Parse(await after.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(StatusListCredential.Check(entry, updated, Str(issuer, "did")).IsSet);
        Assert.False(StatusListCredential.Check(CredentialStatusEntry.ForRevocation(kept.StatusListCredential, (ulong)kept.Index), updated, Str(issuer, "did")).IsSet);
        var list = BitstringStatusList.Decode(updated["credentialSubject"]!["encodedList"]!.GetValue<string>());
        Assert.Equal(1, Enumerable.Range(0, list.Length).Count(i => list[i]));

        // A suspended issuer's list stays public (its revocations must stay visible) but it cannot allocate.
        using (var suspend = await PostJsonAsync($"/api/v1/admin/issuers/{issuerId}/status", new { status = "suspended" }, bearer: admin))
        {
            await JsonAsync(suspend, HttpStatusCode.OK);
        }

        using (var stillPublic = await GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, stillPublic.StatusCode);
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => AllocateAsync(issuerId));
        await Assert.ThrowsAsync<InvalidOperationException>(() => AllocateAsync(Guid.NewGuid()));
        Assert.Equal("2", await SqlAsync("select allocated_count from status_lists"));

        using var unknown = await GetAsync($"/api/v1/status-lists/{Guid.NewGuid()}");
        await ProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");
    }
}
