using System.Globalization;
using System.Text.Json.Nodes;
using Zkp.Credentials.Claims;
using Zkp.Credentials.Vc;

namespace Zkp.Credentials.Tests;

internal static class TestCredentials
{
    public static readonly DateTimeOffset ValidFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ValidUntil = new(2026, 12, 31, 23, 59, 59, TimeSpan.Zero);
    public static readonly DateTimeOffset Created = new(2026, 1, 1, 0, 0, 5, TimeSpan.Zero);

    // Shape of a snarkjs proof.json; the numbers are arbitrary because nothing here runs the pairing.
    public static JsonObject SnarkjsProof() => JsonNode.Parse("""
        {
          "pi_a": ["4513316374937263577183735426290587364434069862522011596476283126598203683406",
                   "10950226802335519287430545939339925155440089417468101478219893431101063563066", "1"],
          "pi_b": [["3489925359848151433296213391616101098016051853545566290049069549765262402425",
                    "20002563812106862416484467007961862916930051212549591926099446427446898208539"],
                   ["11396848785613473917733449931138522069706713609125393744447931466366208946785",
                    "3049005232567186434498066716848718768298099346498626127440700138290883306296"],
                   ["1", "0"]],
          "pi_c": ["16209960584946355573838624932563327549848221587829785398633434287209113476658",
                   "21228785545823372463451545813218542716484618474449227466513003542286126396455", "1"],
          "protocol": "groth16",
          "curve": "bn128"
        }
        """)!.AsObject();

    public static ClaimCredential Sample(string issuerDid, string subjectDid, string claimType = ClaimCatalogue.IncomeRange, ulong? threshold = 50_000, ulong statusIndex = 42)
    {
        var bounds = ClaimCatalogue.Get(claimType).BoundsFor(threshold);
        const string commitment = "14744269619966411208579211824598458697587494354926760081771325075741142829156";
        const string binding = "7853200120776062878684798364095072458815029376092732009249414926327459813530";
        return new ClaimCredential
        {
            Id = "urn:uuid:2f1c7d8e-4b4a-4d0b-9a51-8a0f4c1e2b3d",
            Issuer = issuerDid,
            ValidFrom = ValidFrom,
            ValidUntil = ValidUntil,
            Status = CredentialStatusEntry.ForRevocation("https://issuer.example/status/1", statusIndex),
            SubjectId = subjectDid,
            ClaimType = claimType,
            Bounds = bounds,
            Commitment = commitment,
            CircuitId = "zkp.claim-range.v1",
            Binding = binding,
            ZkProof = SnarkjsProof(),
            PublicSignals = [commitment, bounds.Lower.ToString(CultureInfo.InvariantCulture), bounds.Upper.ToString(CultureInfo.InvariantCulture), binding],
        };
    }
}
