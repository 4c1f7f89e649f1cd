using System.Globalization;
using System.Numerics;
using Zkp.Bn254.Internal;

namespace Zkp.Bn254.Tests;

/// <summary>Every field operation of Fp and Fr against BigInteger, edge values and aliasing included.</summary>
public sealed class PrimeFieldTests
{
    public static TheoryData<string> Fields => new() { "Fp", "Fr" };

    private static IPrimeFieldChecks For(string field) => field switch
    {
        "Fp" => new PrimeFieldChecks<Fp, FpModulus>(BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583", CultureInfo.InvariantCulture), "p"),
        "Fr" => new PrimeFieldChecks<Fr, FrModulus>(BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617", CultureInfo.InvariantCulture), "r"),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown field"),
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Modulus_constants_match_BigInteger(string field) => For(field).Modulus_constants_match_BigInteger();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Binary_operations_match_BigInteger(string field) => For(field).Binary_operations_match_BigInteger();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Unary_operations_match_BigInteger(string field) => For(field).Unary_operations_match_BigInteger();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Static_methods_allow_output_to_alias_inputs(string field) => For(field).Static_methods_allow_output_to_alias_inputs();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Pow_handles_large_and_negative_exponents(string field) => For(field).Pow_handles_large_and_negative_exponents();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Inverse_of_zero_throws(string field) => For(field).Inverse_of_zero_throws();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Constants_and_predicates(string field) => For(field).Constants_and_predicates();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Sqrt_agrees_with_Euler_criterion(string field) => For(field).Sqrt_agrees_with_Euler_criterion();

    [Theory]
    [MemberData(nameof(Fields))]
    public void BigInteger_conversions_check_range(string field) => For(field).BigInteger_conversions_check_range();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Decimal_round_trips_and_rejects_non_canonical(string field) => For(field).Decimal_round_trips_and_rejects_non_canonical();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Byte_encodings_round_trip(string field) => For(field).Byte_encodings_round_trip();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Byte_decoders_reject_non_canonical_and_wrong_length(string field) => For(field).Byte_decoders_reject_non_canonical_and_wrong_length();

    [Theory]
    [MemberData(nameof(Fields))]
    public void FromBytesReduced_reduces_any_length(string field) => For(field).FromBytesReduced_reduces_any_length();

    [Theory]
    [MemberData(nameof(Fields))]
    public void Random_values_are_in_range_and_distinct(string field) => For(field).Random_values_are_in_range_and_distinct();
}

internal interface IPrimeFieldChecks
{
    void Modulus_constants_match_BigInteger();

    void Binary_operations_match_BigInteger();

    void Unary_operations_match_BigInteger();

    void Static_methods_allow_output_to_alias_inputs();

    void Pow_handles_large_and_negative_exponents();

    void Inverse_of_zero_throws();

    void Constants_and_predicates();

    void Sqrt_agrees_with_Euler_criterion();

    void BigInteger_conversions_check_range();

    void Decimal_round_trips_and_rejects_non_canonical();

    void Byte_encodings_round_trip();

    void Byte_decoders_reject_non_canonical_and_wrong_length();

    void FromBytesReduced_reduces_any_length();

    void Random_values_are_in_range_and_distinct();
}
