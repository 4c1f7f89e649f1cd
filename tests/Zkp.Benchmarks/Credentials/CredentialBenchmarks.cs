using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Crypto;
using Zkp.Credentials.DataIntegrity;
using Zkp.Credentials.Did;
using Zkp.Credentials.Jcs;
using Zkp.Credentials.Status;
using Zkp.Credentials.Vc;

namespace Zkp.Benchmarks.Credentials;

/// <summary>Data Integrity sign/verify and JCS for one claim credential, and the status-list codec.</summary>
[MemoryDiagnoser]
public class CredentialBenchmarks : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private Ed25519PrivateKey issuerKey = null!;
    private Ed25519PrivateKey holderKey = null!;
    private JsonObject unsignedCredential = null!;
    private JsonObject signedCredential = null!;
    private JsonObject signedPresentation = null!;
    private DataIntegrityProofOptions options = null!;
    private BitstringStatusList statusList = null!;
    private string encodedStatusList = null!;
    private byte[] message = null!;
    private byte[] signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        issuerKey = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)1, 32).ToArray());
        holderKey = Ed25519PrivateKey.FromSeed(Enumerable.Repeat((byte)2, 32).ToArray());
        var issuer = DidKey.FromPublicKey(issuerKey.PublicKey);
        var holder = DidKey.FromPublicKey(holderKey.PublicKey);
        var bounds = ClaimCatalogue.Get(ClaimCatalogue.IncomeRange).BoundsFor(50_000);
        const string commitment = "14744269619966411208579211824598458697587494354926760081771325075741142829156";
        const string binding = "7853200120776062878684798364095072458815029376092732009249414926327459813530";
        var credential = new ClaimCredential
        {
            Id = "urn:uuid:2f1c7d8e-4b4a-4d0b-9a51-8a0f4c1e2b3d",
            Issuer = issuer.Did,
            ValidFrom = Created,
            ValidUntil = Created.AddYears(1),
            Status = CredentialStatusEntry.ForRevocation("https://issuer.example/status/1", 42),
            SubjectId = holder.Did,
            ClaimType = ClaimCatalogue.IncomeRange,
            Bounds = bounds,
            Commitment = commitment,
            CircuitId = "zkp.claim-range.v1",
            Binding = binding,
            ZkProof = JsonNode.Parse("""
                {"pi_a":["4513316374937263577183735426290587364434069862522011596476283126598203683406","10950226802335519287430545939339925155440089417468101478219893431101063563066","1"],
                 "pi_b":[["3489925359848151433296213391616101098016051853545566290049069549765262402425","20002563812106862416484467007961862916930051212549591926099446427446898208539"],
                         ["11396848785613473917733449931138522069706713609125393744447931466366208946785","3049005232567186434498066716848718768298099346498626127440700138290883306296"],["1","0"]],
                 "pi_c":["16209960584946355573838624932563327549848221587829785398633434287209113476658","21228785545823372463451545813218542716484618474449227466513003542286126396455","1"],
                 "protocol":"groth16","curve":"bn128"}
                """)!.AsObject(),
            PublicSignals = [commitment, bounds.Lower.ToString(CultureInfo.InvariantCulture), bounds.Upper.ToString(CultureInfo.InvariantCulture), binding],
        };
        unsignedCredential = credential.ToJson();
        signedCredential = credential.Sign(issuerKey, Created);
        options = new DataIntegrityProofOptions { VerificationMethod = issuer.VerificationMethodId, Created = Created };
        signedPresentation = VerifiablePresentation.Sign(
            VerifiablePresentation.Create(holder.Did, [signedCredential]), holderKey, "nonce", "lender.example", Created);

        statusList = new BitstringStatusList();
        for (var i = 0; i < statusList.Length; i += 997)
        {
            statusList[i] = true;
        }

        encodedStatusList = statusList.Encode();
        message = new byte[64];
        signature = issuerKey.Sign(message);
    }

    [Benchmark]
    public byte[] Ed25519Sign() => issuerKey.Sign(message);

    [Benchmark]
    public bool Ed25519Verify() => issuerKey.PublicKey.Verify(message, signature);

    [Benchmark]
    public string JcsCanonicalizeCredential() => JsonCanonicalizer.Canonicalize(signedCredential);

    [Benchmark]
    public JsonObject DataIntegritySignCredential() => EddsaJcs2022.Sign(unsignedCredential, issuerKey, options);

    [Benchmark]
    public bool DataIntegrityVerifyCredential() => ClaimCredential.VerifyIssuerSignature(signedCredential).Verified;

    [Benchmark]
    public ClaimCredential ParseCredential() => ClaimCredential.Parse(signedCredential);

    [Benchmark]
    public bool VerifyPresentation() => VerifiablePresentation.Verify(signedPresentation, "nonce", "lender.example").Verified;

    [Benchmark]
    public string StatusListEncode() => statusList.Encode();

    [Benchmark]
    public int StatusListDecode() => BitstringStatusList.Decode(encodedStatusList).Length;

    public void Dispose()
    {
        issuerKey?.Dispose();
        holderKey?.Dispose();
        GC.SuppressFinalize(this);
    }
}
