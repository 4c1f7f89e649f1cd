using System.Text.Json.Nodes;
using Zkp.Circuits;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Status;
using Zkp.Credentials.Verification;
using Zkp.Credentials.Vc;
using Zkp.Zk.Groth16;

namespace Zkp.Credentials.Tests.Verification;

/// <summary>
/// One Groth16 setup of the claim circuit (slow-ish) and three issued credentials shared by a test class.
/// Tests derive their broken variants from these and never mutate the shared documents.
/// </summary>
public sealed class PipelineFixture : IDisposable
{
    public const string StatusListUrl = "https://issuer.example/status/1";
    public const string Challenge = "c0ffee-7f3a";
    public const string Domain = "lender.example";

    public static readonly DateTimeOffset ValidFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ValidUntil = new(2026, 12, 31, 23, 59, 59, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public PipelineFixture()
    {
        ProvingKey = Groth16Setup.Run(ClaimCircuits.Range.Compiled.R1cs);
        Income = Issue(ClaimCatalogue.IncomeRange, 50_000, 72_500, "urn:uuid:00000000-0000-4000-8000-000000000001", 7);
        Membership = Issue(ClaimCatalogue.MembershipStatus, null, 1, "urn:uuid:00000000-0000-4000-8000-000000000002", 8);
        CreditTier = Issue(ClaimCatalogue.CreditTier, 700, 742, "urn:uuid:00000000-0000-4000-8000-000000000003", 9);
    }

    public Ed25519PrivateKey IssuerKey { get; } = TestKeys.FromByte(0x11);

    public Ed25519PrivateKey MemberKey { get; } = TestKeys.FromByte(0x22);

    public Ed25519PrivateKey OtherKey { get; } = TestKeys.FromByte(0x33);

    public string IssuerDid => TestKeys.Did(IssuerKey);

    public string MemberDid => TestKeys.Did(MemberKey);

    public ProvingKey ProvingKey { get; }

    public JsonObject Income { get; }

    public JsonObject Membership { get; }

    public JsonObject CreditTier { get; }

    public JsonObject Issue(string claimType, ulong? threshold, ulong value, string id, ulong statusIndex) => ClaimIssuance.Issue(new ClaimIssuanceRequest
    {
        IssuerKey = IssuerKey,
        MemberDid = MemberDid,
        ClaimType = claimType,
        Threshold = threshold,
        Value = value,
        ProvingKey = ProvingKey,
        CredentialId = id,
        ValidFrom = ValidFrom,
        ValidUntil = ValidUntil,
        Status = CredentialStatusEntry.ForRevocation(StatusListUrl, statusIndex),
    });

    /// <summary>A status list signed by <paramref name="signer"/> (default: the issuer) with the given bits set.</summary>
    public JsonObject StatusList(Ed25519PrivateKey? signer = null, params int[] revoked)
    {
        var list = new BitstringStatusList();
        foreach (var index in revoked)
        {
            list[index] = true;
        }

        var unsigned = StatusListCredential.Create(StatusListUrl, IssuerDid, "revocation", list, ValidFrom);
        // StatusListCredential.Sign refuses a key that is not the issuer's, so a forger signs the raw document.
        return signer is null
            ? StatusListCredential.Sign(unsigned, IssuerKey, ValidFrom)
            : EddsaJcs2022.Sign(unsigned, signer, new DataIntegrityProofOptions { VerificationMethod = TestKeys.VerificationMethod(signer), Created = ValidFrom });
    }

    public TrustRegistry Registry(string status = TrustedIssuer.Active) =>
        new([new TrustedIssuer(IssuerDid, "Sample Credit Union", "12345", status)]);

    public VerifierContext Context(
        TrustRegistry? registry = null,
        JsonObject? statusList = null,
        IReadOnlyDictionary<string, VerifyingKey>? keys = null,
        IChallengeStore? challenges = null,
        DateTimeOffset? now = null) => new()
        {
            TrustRegistry = registry ?? Registry(),
            StatusLists = new StatusListSet([statusList ?? StatusList()]),
            VerifyingKeys = keys ?? new Dictionary<string, VerifyingKey>(StringComparer.Ordinal) { [ClaimCircuits.Range.Id] = ProvingKey.VerifyingKey },
            Challenges = challenges ?? new InMemoryChallengeStore(),
            Clock = new FixedClock(now ?? Now),
        };

    /// <summary>A presentation of <paramref name="credentials"/> signed by <paramref name="holder"/> (default: the member).</summary>
    public string Present(IEnumerable<JsonObject> credentials, Ed25519PrivateKey? holder = null, string challenge = Challenge, string domain = Domain)
    {
        var key = holder ?? MemberKey;
        var unsigned = VerifiablePresentation.Create(TestKeys.Did(key), credentials, "urn:uuid:11111111-0000-4000-8000-000000000001");
        return VerifiablePresentation.Sign(unsigned, key, challenge, domain, Now.AddSeconds(-5)).ToJsonString();
    }

    /// <summary>The issuer re-signs a credential after <paramref name="change"/>: the signature is valid, the content is not.</summary>
    public JsonObject Resign(JsonObject signed, Func<ClaimCredential, ClaimCredential> change) =>
        change(ClaimCredential.Parse(signed)).Sign(IssuerKey, ValidFrom);

    public static VerificationRequest Request(string presentationJson, string challenge = Challenge, QrTokenWindow? token = null) => new()
    {
        PresentationJson = presentationJson,
        Challenge = challenge,
        Domain = Domain,
        Token = token,
    };

    public void Dispose()
    {
        IssuerKey.Dispose();
        MemberKey.Dispose();
        OtherKey.Dispose();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
