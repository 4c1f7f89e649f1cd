using System.Text.Json.Nodes;
using Zkp.Bn254;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Zk.Tests;

public class SnarkjsJsonTests
{
    private static readonly Lazy<(VerifyingKey Key, Proof Proof, Fr[] Signals)> Sample = new(() =>
    {
        var circuit = Groth16Tests.Sample();
        var key = Groth16Setup.Run(circuit.R1cs);
        var witness = circuit.Solve(Groth16Tests.SampleInputs(111));
        return (key.VerifyingKey, Groth16Prover.Prove(key, witness.Values), witness.PublicSignals());
    });

    [Fact]
    public void Files_round_trip_and_still_verify()
    {
        var (key, proof, signals) = Sample.Value;
        var vk = SnarkjsJson.ReadVerifyingKey(SnarkjsJson.WriteVerifyingKey(key));
        var readProof = SnarkjsJson.ReadProof(SnarkjsJson.WriteProof(proof));
        var readSignals = SnarkjsJson.ReadPublicSignals(SnarkjsJson.WritePublicSignals(signals));
        Assert.Equal(proof, readProof);
        Assert.Equal(signals, readSignals);
        Assert.Equal(key.IC, vk.IC);
        Assert.True(Groth16Verifier.Verify(vk, readSignals, readProof));

        var json = JsonNode.Parse(SnarkjsJson.WriteVerifyingKey(key))!;
        Assert.Equal("groth16", (string?)json["protocol"]);
        Assert.Equal("bn128", (string?)json["curve"]);
        Assert.Equal(3, (int?)json["nPublic"]);
        Assert.Equal("1", (string?)json["vk_alpha_1"]![2]);
        Assert.Equal("0", (string?)json["vk_beta_2"]![2]![1]);
    }

    [Fact]
    public void Public_signal_at_or_above_r_is_rejected()
    {
        var r = Fr.Modulus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var ex = Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadPublicSignals($"[\"1\", \"{r}\"]"));
        Assert.Equal("public.json: public signal 1 is not a canonical decimal below r", ex.Message);
        Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadPublicSignals("[1]"));
        Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadPublicSignals("{"));
    }

    [Fact]
    public void Proof_point_not_on_curve_is_rejected()
    {
        var json = JsonNode.Parse(SnarkjsJson.WriteProof(Sample.Value.Proof))!;
        json["pi_a"]![1] = "5";
        var ex = Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadProof(json.ToJsonString()));
        Assert.Equal("proof.json: pi_a: point not on curve", ex.Message);
        ex = Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadProof(json.AsObject()));
        Assert.Equal("proof.json: pi_a: point not on curve", ex.Message);
    }

    [Fact]
    public void A_parsed_proof_reads_like_its_text()
    {
        var json = JsonNode.Parse(SnarkjsJson.WriteProof(Sample.Value.Proof))!.AsObject();
        Assert.Equal(Sample.Value.Proof, SnarkjsJson.ReadProof(json));

        json["protocol"] = "plonk";
        var ex = Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadProof(json));
        Assert.Equal("proof.json: protocol is 'plonk', expected 'groth16'", ex.Message);
    }

    [Fact]
    public void Proof_G2_point_outside_the_subgroup_is_rejected()
    {
        // (1 + 0u, y) lies on the twist y^2 = x^3 + 3/(9+u) (y computed with BigInteger Fp2 square
        // roots), and the twist's cofactor 2p - r keeps it out of the order-r subgroup.
        var json = JsonNode.Parse(SnarkjsJson.WriteProof(Sample.Value.Proof))!;
        json["pi_b"] = new JsonArray(
            new JsonArray("1", "0"),
            new JsonArray(
                "18278151005453108793778860132295291098363647455926340152056652516292830556603",
                "5912654199736721486680175016176231956195085055698687135131307249486702594212"),
            new JsonArray("1", "0"));
        var ex = Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadProof(json.ToJsonString()));
        Assert.Equal("proof.json: pi_b: point not in the prime-order subgroup", ex.Message);
        ex = Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadProof(json.AsObject()));
        Assert.Equal("proof.json: pi_b: point not in the prime-order subgroup", ex.Message);
    }

    [Fact]
    public void Verifying_key_with_gamma_equal_to_delta_or_wrong_IC_count_is_rejected()
    {
        var json = JsonNode.Parse(SnarkjsJson.WriteVerifyingKey(Sample.Value.Key))!;
        json["vk_delta_2"] = json["vk_gamma_2"]!.DeepClone();
        var ex = Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadVerifyingKey(json.ToJsonString()));
        Assert.StartsWith("verification_key.json: vk_gamma_2 equals vk_delta_2", ex.Message, StringComparison.Ordinal);

        var wrongCount = JsonNode.Parse(SnarkjsJson.WriteVerifyingKey(Sample.Value.Key))!;
        wrongCount["nPublic"] = 2;
        Assert.Equal("verification_key.json: IC has 4 points, expected nPublic + 1 = 3", Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadVerifyingKey(wrongCount.ToJsonString())).Message);

        var plonk = JsonNode.Parse(SnarkjsJson.WriteVerifyingKey(Sample.Value.Key))!;
        plonk["protocol"] = "plonk";
        Assert.Equal("verification_key.json: protocol is 'plonk', expected 'groth16'", Assert.Throws<ZkFormatException>(() => SnarkjsJson.ReadVerifyingKey(plonk.ToJsonString())).Message);
    }
}
