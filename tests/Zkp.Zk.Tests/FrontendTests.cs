using System.Numerics;
using Zkp.Bn254;
using Zkp.Zk.Constraints;
using Zkp.Zk.Frontend;
using Zkp.Zk.Std;

namespace Zkp.Zk.Tests;

public class FrontendTests
{
    private static Dictionary<string, Fr> In(params (string Name, long Value)[] values) => TestCircuit.Inputs(values);

    [Fact]
    public void Wires_follow_snarkjs_order_whatever_the_declaration_order()
    {
        var circuit = TestCircuit.Compile("order", api =>
        {
            var s = api.SecretInput("s");
            var p1 = api.PublicInput("p1");
            var product = api.Mul(s, p1);
            var p2 = api.PublicInput("p2");
            api.PublicOutput("out", api.Add(product, p2));
        });
        var r1cs = circuit.R1cs;
        Assert.Equal(1, r1cs.PublicOutputCount);
        Assert.Equal(2, r1cs.PublicInputCount);
        Assert.Equal(1, r1cs.PrivateInputCount);
        Assert.Equal(6, r1cs.WireCount); // one, out, p1, p2, s, product
        Assert.Equal(["out"], circuit.PublicOutputNames);
        Assert.Equal(["p1", "p2"], circuit.PublicInputNames);
        Assert.Equal(["s"], circuit.SecretInputNames);

        // Constraint 0: s * p1 = product  -> A = [s], B = [p1], C = [product].
        var mul = r1cs.Constraints[0];
        Assert.Equal([new R1csTerm(4, Fr.One)], mul.A);
        Assert.Equal([new R1csTerm(2, Fr.One)], mul.B);
        Assert.Equal([new R1csTerm(5, Fr.One)], mul.C);

        var witness = circuit.Solve(In(("s", 3), ("p1", 5), ("p2", 7)));
        Assert.Equal(new[] { "1", "22", "5", "7", "3", "15" }, witness.Values.ToArray().Select(v => v.ToString()));
        Assert.Equal(new[] { "22", "5", "7" }, witness.PublicSignals().Select(v => v.ToString()));
    }

    [Fact]
    public void Additions_and_constant_multiplications_cost_no_constraint()
    {
        var circuit = TestCircuit.Compile("linear", api =>
        {
            var a = api.SecretInput("a");
            var b = api.SecretInput("b");
            var sum = api.Add(api.Mul(a, api.Constant(3)), api.Sub(b, api.Neg(a)));
            api.AssertEqual(api.Mul(api.Constant(2), sum), api.PublicInput("expected"));
        });
        Assert.Single(circuit.R1cs.Constraints);
        circuit.Solve(In(("a", 2), ("b", 5), ("expected", 2 * ((3 * 2) + 5 + 2))));
        Assert.Throws<ConstraintNotSatisfiedException>(() => circuit.Solve(In(("a", 2), ("b", 5), ("expected", 27))));
    }

    [Fact]
    public void Division_by_zero_is_rejected_naming_the_constraint_and_circuit()
    {
        var circuit = TestCircuit.Compile("divider", api =>
            api.PublicOutput("q", api.Div(api.SecretInput("a"), api.SecretInput("b"))));
        Assert.Equal(3, circuit.R1cs.Constraints.Count); // b * inv = 1, a * inv = q', q = q'
        var ok = circuit.Solve(In(("a", 21), ("b", 7)));
        Assert.Equal("3", ok.PublicSignals()[0].ToString());
        var fraction = circuit.Solve(In(("a", 1), ("b", 2)));
        Assert.Equal(Fr.FromUInt64(2).Inverse(), fraction.PublicSignals()[0]);

        var ex = Assert.Throws<ConstraintNotSatisfiedException>(() => circuit.Solve(In(("a", 0), ("b", 0))));
        Assert.Equal("divider", ex.CircuitName);
        Assert.Equal(0, ex.ConstraintIndex);
        Assert.Equal("Inverse/v * inv == 1 (v must be non-zero)", ex.Label);
        Assert.Equal("circuit 'divider': constraint 0 (Inverse/v * inv == 1 (v must be non-zero)) is not satisfied by the given inputs", ex.Message);
    }

    [Fact]
    public void Division_of_a_constant_costs_one_constraint()
    {
        var circuit = TestCircuit.Compile("reciprocal", api =>
            api.AssertEqual(api.Div(api.Constant(1), api.SecretInput("b")), api.PublicInput("r")));
        Assert.Equal(2, circuit.R1cs.Constraints.Count);
        circuit.Solve(new Dictionary<string, Fr> { ["b"] = Fr.FromUInt64(5), ["r"] = Fr.FromUInt64(5).Inverse() });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(0b1011_0110)]
    [InlineData(255)]
    public void ToBinary_then_FromBinary_round_trips_eight_bit_values(long value)
    {
        var circuit = TestCircuit.Compile("bits", api =>
        {
            var bits = api.ToBinary(api.SecretInput("v"), 8);
            for (int i = 0; i < bits.Length; i++)
            {
                api.PublicOutput($"bit{i}", bits[i]);
            }

            api.PublicOutput("back", api.FromBinary(bits));
        });
        // 8 boolean constraints + 1 recomposition + 9 outputs; FromBinary re-asserts nothing.
        Assert.Equal(8 + 1 + 9, circuit.R1cs.Constraints.Count);
        var signals = circuit.Solve(In(("v", value))).PublicSignals();
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(((value >> i) & 1).ToString(System.Globalization.CultureInfo.InvariantCulture), signals[i].ToString());
        }

        Assert.Equal(Fr.FromInt64(value), signals[8]);
    }

    [Fact]
    public void ToBinary_rejects_a_value_that_does_not_fit()
    {
        var circuit = TestCircuit.Compile("bits", api => api.ToBinary(api.SecretInput("v"), 8));
        var ex = Assert.Throws<ConstraintNotSatisfiedException>(() => circuit.Solve(In(("v", 256))));
        Assert.Equal(8, ex.ConstraintIndex);
        Assert.Equal("ToBinary(8)/value fits in 8 bits", ex.Label);
        Assert.Throws<ConstraintNotSatisfiedException>(() => circuit.Solve(In(("v", -1))));
    }

    [Fact]
    public void FromBinary_asserts_bits_that_are_not_known_boolean()
    {
        var circuit = TestCircuit.Compile("frombits", api =>
            api.PublicOutput("v", api.FromBinary(api.SecretInput("b0"), api.SecretInput("b1"))));
        Assert.Equal(3, circuit.R1cs.Constraints.Count);
        Assert.Equal("2", circuit.Solve(In(("b0", 0), ("b1", 1))).PublicSignals()[0].ToString());
        var ex = Assert.Throws<ConstraintNotSatisfiedException>(() => circuit.Solve(In(("b0", 2), ("b1", 0))));
        Assert.Equal("FromBinary/AssertBoolean", ex.Label);
    }

    [Fact]
    public void IsLessOrEqual_matches_integer_comparison_for_all_four_bit_pairs()
    {
        var circuit = TestCircuit.Compile("le", api =>
            api.PublicOutput("le", api.IsLessOrEqual(api.SecretInput("a"), api.SecretInput("b"), 4)));
        for (int a = 0; a < 16; a++)
        {
            for (int b = 0; b < 16; b++)
            {
                var result = circuit.Solve(In(("a", a), ("b", b))).PublicSignals()[0];
                Assert.Equal(a <= b ? Fr.One : Fr.Zero, result);
            }
        }
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(150, true)]
    [InlineData(200, true)]
    [InlineData(99, false)]
    [InlineData(201, false)]
    [InlineData(0, false)]
    public void AssertInRange_accepts_both_bounds_and_rejects_one_outside(long value, bool accepted)
    {
        var circuit = TestCircuit.Compile("range", api =>
            api.AssertInRange(api.SecretInput("v"), api.PublicInput("lower"), api.PublicInput("upper"), 64));
        var inputs = In(("v", value), ("lower", 100), ("upper", 200));
        if (accepted)
        {
            Assert.Equal(-1, circuit.R1cs.FindFirstUnsatisfied(circuit.Solve(inputs).Values));
        }
        else
        {
            var ex = Assert.Throws<ConstraintNotSatisfiedException>(() => circuit.Solve(inputs));
            Assert.StartsWith("AssertInRange/", ex.Label, StringComparison.Ordinal);
            Assert.Contains(value < 100 ? "lower <= value" : "value <= upper", ex.Label, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AssertInRange_rejects_values_and_bounds_of_2_pow_64_or_more()
    {
        var circuit = TestCircuit.Compile("range", api =>
            api.AssertInRange(api.SecretInput("v"), api.PublicInput("lower"), api.PublicInput("upper"), 64));
        var two64 = Fr.FromBigInteger(BigInteger.One << 64);
        var max = Fr.FromBigInteger((BigInteger.One << 64) - 1);
        circuit.Solve(new Dictionary<string, Fr> { ["v"] = max, ["lower"] = Fr.Zero, ["upper"] = max });
        var ex = Assert.Throws<ConstraintNotSatisfiedException>(() =>
            circuit.Solve(new Dictionary<string, Fr> { ["v"] = two64, ["lower"] = Fr.Zero, ["upper"] = max }));
        Assert.Equal("AssertInRange/value/ToBinary(64)/value fits in 64 bits", ex.Label);
        // A "negative" value (r - 1) is a huge field element, not below 2^64.
        Assert.Throws<ConstraintNotSatisfiedException>(() =>
            circuit.Solve(new Dictionary<string, Fr> { ["v"] = -Fr.One, ["lower"] = Fr.Zero, ["upper"] = max }));
        var upperEx = Assert.Throws<ConstraintNotSatisfiedException>(() =>
            circuit.Solve(new Dictionary<string, Fr> { ["v"] = Fr.One, ["lower"] = Fr.Zero, ["upper"] = two64 }));
        Assert.Equal("AssertInRange/upper/ToBinary(64)/value fits in 64 bits", upperEx.Label);
    }

    [Fact]
    public void AssertInRange_with_constant_bounds_checks_them_while_compiling()
    {
        var circuit = TestCircuit.Compile("const-range", api =>
            api.AssertInRange(api.SecretInput("v"), api.Constant(10), api.Constant(20), 8));
        Assert.Equal(3 * (8 + 1), circuit.R1cs.Constraints.Count); // value, lower <= v, v <= upper
        circuit.Solve(In(("v", 10)));
        circuit.Solve(In(("v", 20)));
        Assert.Throws<ConstraintNotSatisfiedException>(() => circuit.Solve(In(("v", 21))));
        Assert.Throws<CircuitCompilationException>(() => TestCircuit.Compile("bad", api =>
            api.AssertInRange(api.SecretInput("v"), api.Constant(0), api.Constant(256), 8)));
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(0, 22)]
    public void Select_picks_a_branch(long condition, long expected)
    {
        var circuit = TestCircuit.Compile("select", api =>
            api.PublicOutput("out", api.Select(api.SecretInput("c"), api.SecretInput("a"), api.SecretInput("b"))));
        Assert.Equal(Fr.FromInt64(expected), circuit.Solve(In(("c", condition), ("a", 11), ("b", 22))).PublicSignals()[0]);
    }

    [Fact]
    public void Select_rejects_a_non_boolean_condition()
    {
        var circuit = TestCircuit.Compile("select", api =>
            api.PublicOutput("out", api.Select(api.SecretInput("c"), api.SecretInput("a"), api.SecretInput("b"))));
        var ex = Assert.Throws<ConstraintNotSatisfiedException>(() => circuit.Solve(In(("c", 2), ("a", 11), ("b", 22))));
        Assert.Equal("Select/AssertBoolean", ex.Label);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 0)]
    [InlineData(-1, 0)]
    public void IsZero_is_one_exactly_for_zero(long value, long expected)
    {
        var circuit = TestCircuit.Compile("iszero", api => api.PublicOutput("z", api.IsZero(api.SecretInput("v"))));
        Assert.Equal(Fr.FromInt64(expected), circuit.Solve(In(("v", value))).PublicSignals()[0]);
    }

    [Fact]
    public void IsZero_cannot_be_fooled_by_a_tampered_witness()
    {
        var circuit = TestCircuit.Compile("iszero", api => api.PublicOutput("z", api.IsZero(api.SecretInput("v"))));
        var witness = circuit.Solve(In(("v", 5))).Values.ToArray();
        Assert.Equal(-1, circuit.R1cs.FindFirstUnsatisfied(witness));
        witness[1] = Fr.One; // claim "5 is zero"
        Assert.NotEqual(-1, circuit.R1cs.FindFirstUnsatisfied(witness));
    }

    [Fact]
    public void Hint_outputs_are_solved_then_constrained()
    {
        // sqrt via a hint, constrained by root * root == v.
        var circuit = TestCircuit.Compile("sqrt", api =>
        {
            var v = api.PublicInput("v");
            var root = api.NewHint((inputs, outputs) => outputs[0] = inputs[0].TrySqrt(out var r) ? r : Fr.Zero, 1, v)[0];
            api.AssertProduct(root, root, v, "root * root == v");
        });
        var witness = circuit.Solve(In(("v", 49)));
        var root = witness[2];
        Assert.Equal(Fr.FromUInt64(49), root * root);
        var ex = Assert.Throws<ConstraintNotSatisfiedException>(() => circuit.Solve(In(("v", 5)))); // 5 is not a square mod r
        Assert.Equal("root * root == v", ex.Label);
    }

    [Fact]
    public void Scopes_prefix_labels()
    {
        var circuit = TestCircuit.Compile("scoped", api =>
        {
            using (api.Scope("outer"))
            using (api.Scope("inner"))
            {
                api.AssertEqual(api.SecretInput("a"), api.Constant(1), "a is one");
            }

            api.AssertEqual(api.SecretInput("b"), api.Constant(2));
        });
        Assert.Equal("outer/inner/a is one", circuit.ConstraintLabel(0));
        Assert.Equal("AssertEqual", circuit.ConstraintLabel(1));
    }

    [Fact]
    public void Invalid_definitions_fail_to_compile_with_a_reason()
    {
        var falseStatement = Assert.Throws<CircuitCompilationException>(() => TestCircuit.Compile("false", api =>
            api.AssertEqual(api.Constant(1), api.Constant(2))));
        Assert.Equal("circuit 'false': AssertEqual asserts a false statement about constants", falseStatement.Message);
        var duplicate = Assert.Throws<CircuitCompilationException>(() => TestCircuit.Compile("dup", api =>
        {
            api.SecretInput("a");
            api.PublicInput("a");
        }));
        Assert.Equal("circuit 'dup': signal 'a' declared twice", duplicate.Message);
        Assert.Throws<CircuitCompilationException>(() => TestCircuit.Compile("not-bool", api => api.AssertBoolean(api.Constant(2))));
        Assert.Throws<CircuitCompilationException>(() => TestCircuit.Compile("inv0", api => api.Inverse(api.Constant(0))));
    }

    [Fact]
    public void Missing_or_unknown_inputs_are_named()
    {
        var circuit = TestCircuit.Compile("inputs", api => api.AssertEqual(api.SecretInput("a"), api.PublicInput("b")));
        var missing = Assert.Throws<ArgumentException>(() => circuit.Solve(In(("a", 1))));
        Assert.Contains("missing input 'b'", missing.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<ArgumentException>(() => circuit.Solve(In(("a", 1), ("b", 1), ("c", 1))));
        Assert.Contains("unknown input 'c'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindFirstUnsatisfied_points_at_the_broken_constraint()
    {
        var circuit = TestCircuit.Compile("chain", api =>
        {
            var x = api.SecretInput("x");
            var x2 = api.Mul(x, x);
            var x3 = api.Mul(x2, x);
            api.PublicOutput("y", api.Add(x3, x));
        });
        var witness = circuit.Solve(In(("x", 3))).Values.ToArray();
        Assert.Equal("30", witness[1].ToString());
        witness[4] = Fr.FromUInt64(28); // x^3 wire wrong: breaks x2 * x = x3
        Assert.Equal(1, circuit.R1cs.FindFirstUnsatisfied(witness));
        Assert.Throws<ArgumentException>(() => circuit.R1cs.FindFirstUnsatisfied(witness.AsSpan(1)));
    }
}
