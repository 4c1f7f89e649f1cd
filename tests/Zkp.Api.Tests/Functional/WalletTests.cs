using System.Buffers.Text;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Zkp.Api.Registry;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.Did;
using Zkp.Testing;

namespace Zkp.Api.Tests.Functional;

public sealed class WalletTests(PostgresCluster cluster) : RegistryTestBase(cluster)
{
    private async Task<(string Token, string AccountId)> MemberAsync()
    {
        var email = await RegisterMemberAsync(NewEmail("member"));
        return (Str(await LoginMemberAsync(email), "access_token"), await SqlAsync($"select id from accounts where email = '{email}'"));
    }

    private async Task<string> ChallengeAsync(string token)
    {
        using var response = await PostJsonAsync("/api/v1/members/me/wallet/challenge", null, bearer: token);
        var body = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(Factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), body.GetProperty("expires_at").GetDateTime().ToUniversalTime());
        return Str(body, "challenge");
    }

    [Fact]
    public async Task The_custodial_did_is_created_on_first_request_once_and_its_seed_is_protected()
    {
        var (token, accountId) = await MemberAsync();
        Assert.Equal("0", await SqlAsync("select count(*) from member_keys"));
        using var first = await GetAsync("/api/v1/members/me/did", bearer: token);
        var body = await JsonAsync(first, HttpStatusCode.OK);
        Assert.Equal("custodial", Str(body, "holder_key_custody"));
        using var second = await GetAsync("/api/v1/members/me/did", bearer: token);
        Assert.Equal(body.GetRawText(), (await JsonAsync(second, HttpStatusCode.OK)).GetRawText());
        Assert.Equal($"1|{Str(body, "did")}|custodial", await SqlAsync($"select count(*), min(did), min(holder_key_custody) from member_keys where account_id = '{accountId}'"));

        using var key = await WithServicesAsync(s => s.GetRequiredService<MemberKeyService>().CustodialKeyAsync(Guid.Parse(accountId)));
        Assert.Equal(Str(body, "did"), DidKey.FromPublicKey(key!.PublicKey).Did);

        var lender = await RegisterLenderAsync(NewEmail("lender"));
        using var notMember = await GetAsync("/api/v1/members/me/did", bearer: Str(lender, "access_token"));
        await ProblemAsync(notMember, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task A_wallet_signing_the_challenge_replaces_the_custodial_key()
    {
        var (token, accountId) = await MemberAsync();
        using (var custodial = await GetAsync("/api/v1/members/me/did", bearer: token))
        {
            await JsonAsync(custodial, HttpStatusCode.OK);
        }

        using var wallet = Ed25519PrivateKey.Generate();
        var did = DidKey.FromPublicKey(wallet.PublicKey).Did;
        var challenge = await ChallengeAsync(token);
        Assert.StartsWith("zkp-wallet-binding:", challenge, StringComparison.Ordinal);
        // Multibase base58btc this time; base64url in the failure test.
        var signature = Multibase.EncodeBase58Btc(wallet.Sign(Encoding.UTF8.GetBytes(challenge)));
        using (var bind = await PostJsonAsync("/api/v1/members/me/wallet", new { did, challenge, signature }, bearer: token))
        {
            Assert.Equal($$"""{"did":"{{did}}","holder_key_custody":"wallet"}""", (await JsonAsync(bind, HttpStatusCode.OK)).GetRawText());
        }

        Assert.Equal($"{did}|wallet|t", await SqlAsync($"select did, holder_key_custody, seed_protected is null from member_keys where account_id = '{accountId}'"));
        Assert.Null(await WithServicesAsync(s => s.GetRequiredService<MemberKeyService>().CustodialKeyAsync(Guid.Parse(accountId))));
        using (var get = await GetAsync("/api/v1/members/me/did", bearer: token))
        {
            Assert.Equal("wallet", Str(await JsonAsync(get, HttpStatusCode.OK), "holder_key_custody"));
        }

        Assert.Equal("member.wallet_bound", await SqlAsync($"select action from audit_events where member_account_id = '{accountId}'"));

        // The same DID cannot be claimed by a second member, even with a valid signature.
        var (other, _) = await MemberAsync();
        var otherChallenge = await ChallengeAsync(other);
        using var taken = await PostJsonAsync("/api/v1/members/me/wallet",
            new { did, challenge = otherChallenge, signature = Base64Url.EncodeToString(wallet.Sign(Encoding.UTF8.GetBytes(otherChallenge))) }, bearer: other);
        await ProblemAsync(taken, HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task Bad_signatures_reused_foreign_and_expired_challenges_are_refused_and_change_nothing()
    {
        var (token, accountId) = await MemberAsync();
        using (var custodial = await GetAsync("/api/v1/members/me/did", bearer: token))
        {
            await JsonAsync(custodial, HttpStatusCode.OK);
        }

        var before = await SqlAsync($"select did || holder_key_custody || seed_protected from member_keys where account_id = '{accountId}'");
        using var wallet = Ed25519PrivateKey.Generate();
        using var impostor = Ed25519PrivateKey.Generate();
        var did = DidKey.FromPublicKey(wallet.PublicKey).Did;
        string Sign(Ed25519PrivateKey key, string text) => Base64Url.EncodeToString(key.Sign(Encoding.UTF8.GetBytes(text)));

        var challenge = await ChallengeAsync(token);
        using (var wrongKey = await PostJsonAsync("/api/v1/members/me/wallet", new { did, challenge, signature = Sign(impostor, challenge) }, bearer: token))
        {
            await ProblemAsync(wrongKey, HttpStatusCode.BadRequest, "invalid_wallet_signature");
        }

        // The failed attempt used the challenge up: the right signature over it no longer works.
        using (var reused = await PostJsonAsync("/api/v1/members/me/wallet", new { did, challenge, signature = Sign(wallet, challenge) }, bearer: token))
        {
            await ProblemAsync(reused, HttpStatusCode.BadRequest, "invalid_challenge");
        }

        var (other, _) = await MemberAsync();
        var foreign = await ChallengeAsync(other);
        using (var notMine = await PostJsonAsync("/api/v1/members/me/wallet", new { did, challenge = foreign, signature = Sign(wallet, foreign) }, bearer: token))
        {
            await ProblemAsync(notMine, HttpStatusCode.BadRequest, "invalid_challenge");
        }

        var late = await ChallengeAsync(token);
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        using (var expired = await PostJsonAsync("/api/v1/members/me/wallet", new { did, challenge = late, signature = Sign(wallet, late) }, bearer: token))
        {
            await ProblemAsync(expired, HttpStatusCode.BadRequest, "challenge_expired");
        }

        var fresh = await ChallengeAsync(token);
        using (var malformed = await PostJsonAsync("/api/v1/members/me/wallet", new { did = "did:web:example.com", challenge = fresh, signature = "abc" }, bearer: token))
        {
            var problem = await ProblemAsync(malformed, HttpStatusCode.BadRequest, "validation_failed");
            Assert.True(problem.GetProperty("errors").TryGetProperty("did", out _));
            Assert.Equal(["signature must be a 64-byte Ed25519 signature in base64url or multibase (z/u)."], Errors(problem, "signature"));
        }

        Assert.Equal(before, await SqlAsync($"select did || holder_key_custody || seed_protected from member_keys where account_id = '{accountId}'"));
        Assert.Equal("0", await SqlAsync("select count(*) from audit_events"));
        // Malformed input is refused before the challenge is touched; every other attempt consumed its challenge.
        Assert.Equal("2|1", await SqlAsync($"select count(*) filter (where consumed_utc is not null), count(*) filter (where consumed_utc is null) from wallet_challenges where account_id = '{accountId}'"));

        using var stillWorks = await PostJsonAsync("/api/v1/members/me/wallet", new { did, challenge = fresh, signature = "u" + Sign(wallet, fresh) }, bearer: token);
        Assert.Equal("wallet", Str(await JsonAsync(stillWorks, HttpStatusCode.OK), "holder_key_custody"));
    }

    [Fact]
    public void Signature_decoding_accepts_base64url_and_multibase_and_refuses_other_lengths()
    {
        var bytes = Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray();
        Assert.True(MemberKeyService.TryDecodeSignature(Base64Url.EncodeToString(bytes), out var plain));
        Assert.Equal(bytes, plain);
        Assert.True(MemberKeyService.TryDecodeSignature(Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_'), out var padded));
        Assert.Equal(bytes, padded);
        Assert.True(MemberKeyService.TryDecodeSignature("u" + Base64Url.EncodeToString(bytes), out var multibase64));
        Assert.Equal(bytes, multibase64);
        Assert.True(MemberKeyService.TryDecodeSignature(Multibase.EncodeBase58Btc(bytes), out var base58));
        Assert.Equal(bytes, base58);
        Assert.False(MemberKeyService.TryDecodeSignature(Base64Url.EncodeToString(bytes[..63]), out _));
        Assert.False(MemberKeyService.TryDecodeSignature(Multibase.EncodeBase58Btc(bytes[..32]), out _));
        Assert.False(MemberKeyService.TryDecodeSignature("", out _));
    }
}
