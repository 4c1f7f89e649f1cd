using System.Text.Json;

namespace Zkp.Bn254.Tests;

public class Eip197PrecompileTests
{
    public sealed record Vector(string Input, string Expected, string Name);

    private static List<Vector> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "eip196-197", file);
        return JsonSerializer.Deserialize<List<Vector>>(File.ReadAllText(path))!;
    }

    public static TheoryData<string> Names(string file)
    {
        var data = new TheoryData<string>();
        foreach (var v in Load(file))
        {
            data.Add(v.Name);
        }
        return data;
    }

    public static TheoryData<string> AddNames => Names("bn256Add.json");

    public static TheoryData<string> ScalarMulNames => Names("bn256ScalarMul.json");

    public static TheoryData<string> PairingNames => Names("bn256Pairing.json");

    private static void Run(string file, string name, Func<byte[], byte[]> precompile)
    {
        var vector = Load(file).Single(v => v.Name == name);
        var output = precompile(Convert.FromHexString(vector.Input));
        Assert.Equal(vector.Expected, Convert.ToHexString(output).ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(AddNames))]
    public void Add_vectors(string name) => Run("bn256Add.json", name, input => Eip197Precompiles.Add(input));

    [Theory]
    [MemberData(nameof(ScalarMulNames))]
    public void ScalarMul_vectors(string name) => Run("bn256ScalarMul.json", name, input => Eip197Precompiles.ScalarMul(input));

    [Theory]
    [MemberData(nameof(PairingNames))]
    public void Pairing_vectors(string name) => Run("bn256Pairing.json", name, input => Eip197Precompiles.PairingCheck(input));

    [Fact]
    public void Vector_files_have_the_documented_counts()
    {
        Assert.Equal(16, Load("bn256Add.json").Count);
        Assert.Equal(19, Load("bn256ScalarMul.json").Count);
        Assert.Equal(14, Load("bn256Pairing.json").Count);
    }

    [Fact]
    public void Invalid_inputs_are_rejected()
    {
        var notOnCurve = new byte[128];
        notOnCurve[31] = 1;
        notOnCurve[63] = 3;
        Assert.Equal("point not on curve", Assert.Throws<Bn254FormatException>(() => Eip197Precompiles.Add(notOnCurve)).Message);
        var nonCanonical = new byte[96];
        Fp.Modulus.ToByteArray(isUnsigned: true, isBigEndian: true).CopyTo(nonCanonical, 0);
        Assert.Equal("coordinate not canonical (>= p)", Assert.Throws<Bn254FormatException>(() => Eip197Precompiles.ScalarMul(nonCanonical)).Message);
        Assert.Throws<Bn254FormatException>(() => Eip197Precompiles.PairingCheck(new byte[191]));
        var one = new byte[32];
        one[31] = 1;
        Assert.Equal(one, Eip197Precompiles.PairingCheck([]));
        Assert.Equal(new byte[64], Eip197Precompiles.Add([]));
        Assert.Equal(new byte[64], Eip197Precompiles.ScalarMul([]));
    }

    [Fact]
    public void Pairing_rejects_twist_point_outside_subgroup()
    {
        var rng = new Random(40);
        var q = TestPoints.RandomTwistPoint(rng);
        var input = new byte[192];
        PointEncoding.EncodeG1Eip197(G1Affine.Generator, input.AsSpan(0, 64));
        PointEncoding.EncodeG2Eip197(q, input.AsSpan(64, 128));
        var ex = Assert.Throws<Bn254FormatException>(() => Eip197Precompiles.PairingCheck(input));
        Assert.Equal("point not in the prime-order subgroup", ex.Message);
    }
}
