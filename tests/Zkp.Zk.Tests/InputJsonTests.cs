using Zkp.Bn254;
using Zkp.Zk.Formats;

namespace Zkp.Zk.Tests;

public class InputJsonTests
{
    [Fact]
    public void Reads_strings_integers_and_nested_arrays()
    {
        var inputs = InputJson.Read("""{"a": "12345678901234567890123456789", "b": 7, "x": ["1", 2], "m": [[3, "4"], ["5", 6]]}""");
        Assert.Equal("12345678901234567890123456789", inputs["a"].ToString());
        Assert.Equal(Fr.FromUInt64(7), inputs["b"]);
        Assert.Equal(Fr.FromUInt64(2), inputs["x[1]"]);
        Assert.Equal(Fr.FromUInt64(5), inputs["m[1][0]"]);
        Assert.Equal(8, inputs.Count);
    }

    [Fact]
    public void Feeds_the_solver()
    {
        var circuit = TestCircuit.Compile("json-inputs", api =>
            api.PublicOutput("sum", api.Add(api.SecretInput("x[0]"), api.SecretInput("x[1]"))));
        Assert.Equal("30", circuit.Solve(InputJson.Read("""{"x": ["10", "20"]}""")).PublicSignals()[0].ToString());
    }

    [Theory]
    [InlineData("""{"a": "-1"}""", "input.json: a is not a canonical decimal below r")]
    [InlineData("""{"a": "007"}""", "input.json: a is not a canonical decimal below r")]
    [InlineData("""{"a": -1}""", "input.json: a must be a non-negative integer below r")]
    [InlineData("""{"a": 1.5}""", "input.json: a must be a non-negative integer below r")]
    [InlineData("""{"a": true}""", "input.json: a must be a decimal string, an integer or an array of them")]
    [InlineData("""["1"]""", "input.json: expected an object of signal names to values")]
    [InlineData("""{"a": "21888242871839275222246405745257275088548364400416034343698204186575808495617"}""", "input.json: a is not a canonical decimal below r")]
    public void Rejects_values_that_are_not_canonical(string json, string message)
    {
        Assert.Equal(message, Assert.Throws<ZkFormatException>(() => InputJson.Read(json)).Message);
    }
}
