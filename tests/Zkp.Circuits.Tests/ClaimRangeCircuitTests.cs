using System.Numerics;
using Zkp.Bn254;
using Zkp.Zk.Constraints;
using Zkp.Zk.Formats;

namespace Zkp.Circuits.Tests;

public sealed class ClaimRangeCircuitTests
{
    private static readonly BigInteger TwoTo64 = BigInteger.One << 64;
    private static readonly Fr Salt = Fr.Parse("9876543210987654321098765432109876543210");
    private static readonly Fr Binding = ClaimCommitment.BindingFor("urn:uuid:3f1c2a9e-0b7d-4c55-9a61-2f4e8d1b6c70");

    private static Witness Solve(ulong value, ulong lower, ulong upper) =>
        ClaimCircuits.Range.Solve(ClaimCommitment.RangeInputs(value, Salt, lower, upper, Binding));

    private static ConstraintNotSatisfiedException Rejects(IReadOnlyDictionary<string, Fr> inputs) =>
        Assert.Throws<ConstraintNotSatisfiedException>(() => ClaimCircuits.Range.Solve(inputs));

    [Theory]
    [InlineData(50_000UL, 50_000UL, ulong.MaxValue)] // income_range: at the threshold
    [InlineData(ulong.MaxValue, 50_000UL, ulong.MaxValue)] // at the top of the 64-bit range
    [InlineData(3_600UL, 0UL, 3_600UL)] // dti_ratio: exactly the maximum
    [InlineData(0UL, 0UL, 3_600UL)] // zero at the lower bound 0
    [InlineData(700UL, 650UL, 749UL)] // credit_tier: inside
    [InlineData(1UL, 1UL, 1UL)] // membership_status: lower == upper
    public void Accepts_values_at_both_bounds_and_inside(ulong value, ulong lower, ulong upper)
    {
        var witness = Solve(value, lower, upper);

        Assert.Equal(-1, ClaimCircuits.Range.Compiled.R1cs.FindFirstUnsatisfied(witness.Values));
    }

    [Fact]
    public void Rejects_a_value_one_below_the_lower_bound()
    {
        var error = Rejects(ClaimCommitment.RangeInputs(49_999, Salt, 50_000, ulong.MaxValue, Binding));

        Assert.Equal(ClaimCircuits.Range.Id, error.CircuitName);
        Assert.Equal("AssertInRange/lower <= value/AssertLessOrEqual/ToBinary(64)/value fits in 64 bits", error.Label);
        Assert.Equal($"circuit 'zkp.claim-range.v1': constraint {error.ConstraintIndex} ({error.Label}) is not satisfied by the given inputs", error.Message);
    }

    [Fact]
    public void Rejects_a_value_one_above_the_upper_bound()
    {
        var error = Rejects(ClaimCommitment.RangeInputs(3_601, Salt, 0, 3_600, Binding));

        Assert.Equal(ClaimCircuits.Range.Id, error.CircuitName);
        Assert.Equal("AssertInRange/value <= upper/AssertLessOrEqual/ToBinary(64)/value fits in 64 bits", error.Label);
    }

    [Fact]
    public void Rejects_a_value_of_2_to_the_64()
    {
        var inputs = ClaimCommitment.RangeInputs(0, Salt, 0, ulong.MaxValue, Binding);
        inputs[ClaimSignals.Value] = Fr.FromBigInteger(TwoTo64);
        inputs[ClaimSignals.Commitment] = Zk.Std.Poseidon.Hash(Fr.FromBigInteger(TwoTo64), Salt);

        var error = Rejects(inputs);

        Assert.Equal("AssertInRange/value/ToBinary(64)/value fits in 64 bits", error.Label);
    }

    // r - 1 is "-1": without the range check on value, lower <= value would wrap around and hold.
    [Fact]
    public void Rejects_a_value_that_only_fits_modulo_r()
    {
        var wrapped = -Fr.One;
        var inputs = ClaimCommitment.RangeInputs(0, Salt, 0, ulong.MaxValue, Binding);
        inputs[ClaimSignals.Value] = wrapped;
        inputs[ClaimSignals.Commitment] = Zk.Std.Poseidon.Hash(wrapped, Salt);

        Assert.Equal("AssertInRange/value/ToBinary(64)/value fits in 64 bits", Rejects(inputs).Label);
    }

    [Fact]
    public void Rejects_a_lower_bound_of_2_to_the_64()
    {
        var inputs = ClaimCommitment.RangeInputs(5, Salt, 0, ulong.MaxValue, Binding);
        inputs[ClaimSignals.Lower] = Fr.FromBigInteger(TwoTo64);

        Assert.Equal("AssertInRange/lower/ToBinary(64)/value fits in 64 bits", Rejects(inputs).Label);
    }

    [Fact]
    public void Rejects_an_upper_bound_of_2_to_the_64()
    {
        var inputs = ClaimCommitment.RangeInputs(5, Salt, 0, 0, Binding);
        inputs[ClaimSignals.Upper] = Fr.FromBigInteger(TwoTo64);

        Assert.Equal("AssertInRange/upper/ToBinary(64)/value fits in 64 bits", Rejects(inputs).Label);
    }

    [Fact]
    public void Rejects_a_wrong_salt()
    {
        var inputs = ClaimCommitment.RangeInputs(700, Salt, 650, 749, Binding);
        inputs[ClaimSignals.Salt] = Salt + Fr.One;

        var error = Rejects(inputs);

        Assert.Equal("commitment/Poseidon(value, salt) == commitment", error.Label);
        Assert.Equal($"circuit 'zkp.claim-range.v1': constraint {error.ConstraintIndex} (commitment/Poseidon(value, salt) == commitment) is not satisfied by the given inputs", error.Message);
    }

    [Fact]
    public void Rejects_a_commitment_to_another_value()
    {
        var inputs = ClaimCommitment.RangeInputs(700, Salt, 650, 749, Binding);
        inputs[ClaimSignals.Commitment] = ClaimCommitment.Commit(701, Salt);

        Assert.Equal("commitment/Poseidon(value, salt) == commitment", Rejects(inputs).Label);
    }

    [Fact]
    public void Public_signals_are_commitment_lower_upper_binding_in_that_order()
    {
        var witness = Solve(700, 650, 749);

        Assert.Equal(["commitment", "lower", "upper", "binding"], ClaimCircuits.Range.PublicSignalNames);
        Assert.Equal(
            [ClaimCommitment.Commit(700, Salt), Fr.FromUInt64(650), Fr.FromUInt64(749), Binding],
            witness.PublicSignals());
        Assert.Equal(ClaimCommitment.RangePublicSignals(ClaimCommitment.Commit(700, Salt), 650, 749, Binding), witness.PublicSignals());
        Assert.Equal(["value", "salt"], ClaimCircuits.Range.Compiled.SecretInputNames);
        Assert.Equal(0, ClaimCircuits.Range.Compiled.R1cs.PublicOutputCount);
    }

    // A public input missing from every constraint would not affect Groth16 verification at all.
    [Fact]
    public void Every_public_signal_appears_in_a_constraint_and_binding_is_squared()
    {
        var r1cs = ClaimCircuits.Range.Compiled.R1cs;
        for (int wire = 1; wire <= r1cs.PublicSignalCount; wire++)
        {
            Assert.Contains(r1cs.Constraints, c => c.A.Concat(c.B).Concat(c.C).Any(t => t.Wire == wire));
        }

        const int bindingWire = 4;
        Assert.Contains(r1cs.Constraints, c =>
            c.A.Count == 1 && c.A[0].Wire == bindingWire && c.A[0].Coefficient.IsOne &&
            c.B.Count == 1 && c.B[0].Wire == bindingWire && c.B[0].Coefficient.IsOne &&
            c.C.Count == 1 && c.C[0].Wire > r1cs.PublicSignalCount + r1cs.PrivateInputCount);
    }

    [Fact]
    public void Commit_is_circomlib_poseidon_of_value_and_salt()
    {
        // iden3/circomlibjs test/poseidon.js: poseidon([1, 2]).
        Assert.Equal(
            Fr.Parse("7853200120776062878684798364095072458815029376092732009249414926327459813530"),
            ClaimCommitment.Commit(1, Fr.FromUInt64(2)));
    }

    // Expected values computed with iden3/circomlibjs 0.1.7 buildPoseidonReference(): poseidon([value, salt]).
    [Theory]
    [InlineData(700UL, "42", "5621574291019181450269898847290060771947542980436472634656287171589945549197")]
    [InlineData(ulong.MaxValue, "9876543210987654321098765432109876543210", "9733443599067788337646116482424111325665848124708205391308517303977506856168")]
    public void Commit_matches_circomlibjs(ulong value, string salt, string expected)
    {
        Assert.Equal(Fr.Parse(expected), ClaimCommitment.Commit(value, Fr.Parse(salt)));
    }

    // The solver against a BigInteger model of the statement: accepted exactly when lower <= value <= upper.
    // Values are drawn near the bounds and across the whole 64-bit range (seeded, so failures reproduce).
    [Fact]
    public void Accepts_exactly_when_lower_le_value_le_upper_for_random_64_bit_values()
    {
        var random = new Random(20261122);
        ulong Draw() => random.Next(4) switch
        {
            0 => (ulong)random.NextInt64(0, 4),
            1 => ulong.MaxValue - (ulong)random.NextInt64(0, 4),
            2 => (ulong)random.NextInt64(),
            _ => (ulong)random.NextInt64() << 1,
        };

        int accepted = 0, rejected = 0;
        for (int i = 0; i < 300; i++)
        {
            ulong lower = Draw(), upper = Draw();
            ulong value = random.Next(3) switch
            {
                0 => lower + (ulong)random.NextInt64(-1, 2),
                1 => upper + (ulong)random.NextInt64(-1, 2),
                _ => Draw(),
            };
            bool expected = new BigInteger(lower) <= new BigInteger(value) && new BigInteger(value) <= new BigInteger(upper);

            var inputs = ClaimCommitment.RangeInputs(value, Salt, lower, upper, Binding);
            if (expected)
            {
                Assert.Equal(-1, ClaimCircuits.Range.Compiled.R1cs.FindFirstUnsatisfied(ClaimCircuits.Range.Solve(inputs).Values));
                accepted++;
            }
            else
            {
                Assert.StartsWith("AssertInRange/", Rejects(inputs).Label, StringComparison.Ordinal);
                rejected++;
            }
        }

        Assert.True(accepted > 50 && rejected > 50, $"accepted {accepted}, rejected {rejected}");
    }

    [Theory]
    // Expected: int.from_bytes(sha256(id.encode()).digest(), "big") % r, computed with Python.
    [InlineData("urn:uuid:3f1c2a9e-0b7d-4c55-9a61-2f4e8d1b6c70", "7181604221086258825876318314164030211716227903962961283285332066712225302520")]
    [InlineData("a", "4081908665086516645856998306010837687387623653249920628185784303876322511031")]
    public void Binding_is_sha256_of_the_utf8_id_reduced_mod_r(string credentialId, string expected)
    {
        Assert.Equal(Fr.Parse(expected), ClaimCommitment.BindingFor(credentialId));
    }

    [Fact]
    public void Binding_requires_a_credential_id()
    {
        Assert.Throws<ArgumentException>(() => ClaimCommitment.BindingFor(string.Empty));
    }

    [Fact]
    public void Circuit_hash_is_the_sha256_of_the_r1cs_file_which_reads_back_unchanged()
    {
        var bytes = ClaimCircuits.Range.R1csBytes();
        var read = R1csFile.Read(bytes);

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), ClaimCircuits.Range.CircuitHash);
        Assert.Equal(bytes, R1csFile.Write(read));
        Assert.Equal(4, read.PublicInputCount);
        Assert.Equal(2, read.PrivateInputCount);
    }

    [Fact]
    public void Salts_are_fresh()
    {
        Assert.NotEqual(ClaimCommitment.NewSalt(), ClaimCommitment.NewSalt());
    }
}
