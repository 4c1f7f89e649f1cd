using System.Text.Json.Nodes;
using Zkp.Bn254;
using Zkp.Testing;
using Zkp.Zk.Constraints;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Zk.Tests;

/// <summary>
/// snarkjs's own setup on a circuit this engine exported: a 2^10 powers-of-tau ceremony, Groth16
/// setup and one phase-2 contribution (so gamma != delta), all by snarkjs, once per test class.
/// </summary>
public sealed class SnarkjsZkeyFixture : IDisposable
{
    public SnarkjsZkeyFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("zkp-zkey-").FullName;
        Circuit = Groth16Tests.Sample();
    }

    public string Directory { get; }

    public CompiledCircuit Circuit { get; }

    public string ZkeyPath => Path.Combine(Directory, "circuit_0001.zkey");

    public string VerificationKeyPath => Path.Combine(Directory, "verification_key.json");

    private bool prepared;

    public void Prepare(Snarkjs snarkjs)
    {
        lock (this)
        {
            if (prepared)
            {
                return;
            }

            string P(string name) => Path.Combine(Directory, name);
            R1csFile.WriteFile(Circuit.R1cs, P("circuit.r1cs"));
            Run(snarkjs, "powersoftau", "new", "bn128", "10", P("pot_0000.ptau"));
            Run(snarkjs, "powersoftau", "contribute", P("pot_0000.ptau"), P("pot_0001.ptau"), "--name=test", "-e=zkp interop test entropy");
            Run(snarkjs, "powersoftau", "prepare", "phase2", P("pot_0001.ptau"), P("pot_final.ptau"));
            Run(snarkjs, "groth16", "setup", P("circuit.r1cs"), P("pot_final.ptau"), P("circuit_0000.zkey"));
            Run(snarkjs, "zkey", "contribute", P("circuit_0000.zkey"), ZkeyPath, "--name=test", "-e=zkp phase2 entropy");
            Run(snarkjs, "zkey", "export", "verificationkey", ZkeyPath, VerificationKeyPath);
            prepared = true;
        }
    }

    private static void Run(Snarkjs snarkjs, params string[] arguments)
    {
        var (code, output) = snarkjs.Run(arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"snarkjs {string.Join(' ', arguments)} failed ({code}):\n{output}");
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

[Collection(SnarkjsCollection.Name)]
public sealed class SnarkjsZkeyInteropTests : IClassFixture<SnarkjsZkeyFixture>
{
    private readonly Snarkjs snarkjs;
    private readonly SnarkjsZkeyFixture fixture;

    public SnarkjsZkeyInteropTests(Snarkjs snarkjs, SnarkjsZkeyFixture fixture)
    {
        this.snarkjs = snarkjs;
        this.fixture = fixture;
        fixture.Prepare(snarkjs);
    }

    private string P(string name) => Path.Combine(fixture.Directory, name);

    [Fact]
    public void Snarkjs_proof_from_our_r1cs_and_wtns_verifies_here_and_any_change_is_rejected()
    {
        var witness = fixture.Circuit.Solve(Groth16Tests.SampleInputs(177));
        var wtns = P("snarkjs-proof.wtns");
        WtnsFile.WriteFile(witness.Values, wtns);
        var (code, output) = snarkjs.Run("groth16", "prove", fixture.ZkeyPath, wtns, P("snarkjs-proof.json"), P("snarkjs-public.json"));
        Assert.True(code == 0, output);

        var vk = SnarkjsJson.ReadVerifyingKey(File.ReadAllText(fixture.VerificationKeyPath));
        var proofJson = File.ReadAllText(P("snarkjs-proof.json"));
        var signals = SnarkjsJson.ReadPublicSignals(File.ReadAllText(P("snarkjs-public.json")));
        var proof = SnarkjsJson.ReadProof(proofJson);
        Assert.Equal(witness.PublicSignals(), signals);
        Assert.True(Groth16Verifier.Verify(vk, signals, proof));

        for (int i = 0; i < signals.Length; i++)
        {
            var changed = (Fr[])signals.Clone();
            changed[i] += Fr.One;
            Assert.False(Groth16Verifier.Verify(vk, changed, proof));
        }

        // Every coordinate of every proof point, changed by one: rejected when decoding (off the
        // curve / outside the subgroup) or by the pairing check.
        foreach (var (field, path) in new (string, int[])[]
        {
            ("pi_a", [0]), ("pi_a", [1]), ("pi_c", [0]), ("pi_c", [1]),
            ("pi_b", [0, 0]), ("pi_b", [0, 1]), ("pi_b", [1, 0]), ("pi_b", [1, 1]),
        })
        {
            var json = JsonNode.Parse(proofJson)!;
            var parent = path.Length == 1 ? json[field]! : json[field]![path[0]]!;
            int index = path[^1];
            var value = System.Numerics.BigInteger.Parse((string)parent[index]!, System.Globalization.CultureInfo.InvariantCulture) + 1;
            parent[index] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            bool rejected;
            try
            {
                rejected = !Groth16Verifier.Verify(vk, signals, SnarkjsJson.ReadProof(json.ToJsonString()));
            }
            catch (ZkFormatException)
            {
                rejected = true;
            }

            Assert.True(rejected, $"{field}{string.Concat(path.Select(p => $"[{p}]"))} + 1 was accepted");
        }
    }

    [Fact]
    public void Proof_made_here_from_the_snarkjs_zkey_passes_snarkjs_verify()
    {
        var key = ZkeyFile.ReadFile(fixture.ZkeyPath);
        Assert.Equal(fixture.Circuit.R1cs.WireCount, key.WireCount);
        Assert.Equal(3, key.PublicSignalCount);
        var exported = SnarkjsJson.ReadVerifyingKey(File.ReadAllText(fixture.VerificationKeyPath));
        Assert.Equal(exported.IC, key.VerifyingKey.IC);
        Assert.Equal(exported.Delta2, key.VerifyingKey.Delta2);

        var witness = fixture.Circuit.Solve(Groth16Tests.SampleInputs(101));
        var proof = Groth16Prover.Prove(key, witness.Values);
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, witness.PublicSignals(), proof));
        File.WriteAllText(P("our-proof.json"), SnarkjsJson.WriteProof(proof));
        File.WriteAllText(P("our-public.json"), SnarkjsJson.WritePublicSignals(witness.PublicSignals()));

        var (code, output) = snarkjs.Run("groth16", "verify", fixture.VerificationKeyPath, P("our-public.json"), P("our-proof.json"));
        Assert.True(code == 0, output);
        Assert.Contains("OK!", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Zkey_written_here_round_trips_and_snarkjs_proves_with_it()
    {
        var key = Groth16Setup.Run(fixture.Circuit.R1cs);
        var bytes = ZkeyFile.Write(key);
        var read = ZkeyFile.Read(bytes);
        Assert.Equal(bytes, ZkeyFile.Write(read));
        var path = P("own.zkey");
        File.WriteAllBytes(path, bytes);

        var witness = fixture.Circuit.Solve(Groth16Tests.SampleInputs(199));
        WtnsFile.WriteFile(witness.Values, P("own.wtns"));
        var (code, output) = snarkjs.Run("groth16", "prove", path, P("own.wtns"), P("own-proof.json"), P("own-public.json"));
        Assert.True(code == 0, output);
        var proof = SnarkjsJson.ReadProof(File.ReadAllText(P("own-proof.json")));
        Assert.True(Groth16Verifier.Verify(key.VerifyingKey, witness.PublicSignals(), proof));

        (code, output) = snarkjs.Run("zkey", "export", "verificationkey", path, P("own-vk.json"));
        Assert.True(code == 0, output);
        var exported = SnarkjsJson.ReadVerifyingKey(File.ReadAllText(P("own-vk.json")));
        Assert.Equal(key.VerifyingKey.IC, exported.IC);
        Assert.Equal(key.VerifyingKey.Alpha1, exported.Alpha1);
        Assert.Equal(key.VerifyingKey.Beta2, exported.Beta2);
        Assert.Equal(key.VerifyingKey.Gamma2, exported.Gamma2);
        Assert.Equal(key.VerifyingKey.Delta2, exported.Delta2);

        // snarkjs reads every section of the file, the (empty) contribution history included.
        (code, output) = snarkjs.Run("zkey", "export", "json", path, P("own-zkey.json"));
        Assert.True(code == 0, output);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(P("own-zkey.json")));
        Assert.Equal(key.PublicSignalCount, json.RootElement.GetProperty("nPublic").GetInt32());
        Assert.Equal(key.WireCount, json.RootElement.GetProperty("nVars").GetInt32());
        Assert.Equal(key.Domain.Size, json.RootElement.GetProperty("domainSize").GetInt32());
        Assert.Equal(key.H.Count, json.RootElement.GetProperty("hExps").GetArrayLength());
    }

    [Fact]
    public void Malformed_zkey_files_are_named()
    {
        var bytes = File.ReadAllBytes(fixture.ZkeyPath);
        Assert.StartsWith("zkey: file truncated", Assert.Throws<ZkFormatException>(() => ZkeyFile.Read(bytes.AsSpan(0, bytes.Length - 1))).Message, StringComparison.Ordinal);
        Assert.Equal("zkey: wrong magic: expected 'zkey', got 'r1cs'", Assert.Throws<ZkFormatException>(() => ZkeyFile.Read(R1csFile.Write(fixture.Circuit.R1cs))).Message);
        for (int length = 0; length < 2000; length += 7)
        {
            Assert.Throws<ZkFormatException>(() => ZkeyFile.Read(bytes.AsSpan(0, length)));
        }
    }
}
