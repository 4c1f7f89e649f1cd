using Zkp.Credentials.Claims;

namespace Zkp.Credentials.Tests;

public sealed class ClaimCatalogueTests
{
    [Fact]
    public void Catalogue_holds_exactly_the_six_supported_types()
    {
        Assert.Equal(
            ["income_range", "credit_tier", "account_age", "membership_status", "employment_verification", "dti_ratio"],
            ClaimCatalogue.All.Select(d => d.Name));
    }

    [Theory]
    [InlineData("income_range", 50_000ul, null, 50_000ul, ulong.MaxValue, "Above $50,000")]
    [InlineData("income_range", 1_250_000ul, null, 1_250_000ul, ulong.MaxValue, "Above $1,250,000")]
    [InlineData("credit_tier", 700ul, null, 700ul, 850ul, "Credit score 700-850")]
    [InlineData("credit_tier", 650ul, 749ul, 650ul, 749ul, "Credit score 650-749")]
    [InlineData("account_age", 24ul, null, 24ul, ulong.MaxValue, "Member for 24+ months")]
    [InlineData("membership_status", null, null, 1ul, 1ul, "Active member")]
    [InlineData("membership_status", 1ul, null, 1ul, 1ul, "Active member")]
    [InlineData("employment_verification", 12ul, null, 12ul, ulong.MaxValue, "Employed 12+ months")]
    [InlineData("dti_ratio", 3600ul, null, 0ul, 3600ul, "Below 36%")]
    [InlineData("dti_ratio", 4350ul, null, 0ul, 4350ul, "Below 43.5%")]
    [InlineData("dti_ratio", 3625ul, null, 0ul, 3625ul, "Below 36.25%")]
    public void Threshold_maps_to_bounds_and_text(string claimType, ulong? threshold, ulong? upper, ulong lower, ulong top, string text)
    {
        var definition = ClaimCatalogue.Get(claimType);
        var bounds = definition.BoundsFor(threshold, upper);
        Assert.Equal(new ClaimBounds(lower, top), bounds);
        Assert.Equal(text, definition.AutoFillText(bounds));
        Assert.True(definition.TryValidateBounds(bounds, out var error), error);
    }

    [Fact]
    public void Income_upper_bound_is_two_to_the_64_minus_one()
    {
        Assert.Equal("18446744073709551615", ClaimCatalogue.Get("income_range").BoundsFor(50_000).UpperText);
    }

    [Theory]
    [InlineData("credit_score")]
    [InlineData("INCOME_RANGE")]
    [InlineData("")]
    public void Unknown_claim_types_are_rejected_with_the_supported_list(string claimType)
    {
        Assert.False(ClaimCatalogue.TryGet(claimType, out _));
        var ex = Assert.Throws<ClaimException>(() => ClaimCatalogue.Get(claimType));
        Assert.Equal($"unknown claim type '{claimType}'; supported: income_range, credit_tier, account_age, membership_status, employment_verification, dti_ratio", ex.Message);
    }

    [Theory]
    [InlineData("income_range", 0ul, null, "income_range threshold 0 is out of range: allowed 1..10000000 USD per year")]
    [InlineData("income_range", 10_000_001ul, null, "income_range threshold 10000001 is out of range: allowed 1..10000000 USD per year")]
    [InlineData("income_range", null, null, "income_range needs a threshold in USD per year between 1 and 10000000")]
    [InlineData("credit_tier", 299ul, null, "credit_tier threshold 299 is out of range: allowed 300..850 credit score")]
    [InlineData("credit_tier", 851ul, null, "credit_tier threshold 851 is out of range: allowed 300..850 credit score")]
    [InlineData("credit_tier", 700ul, 699ul, "credit_tier upper bound 699 is out of range: allowed 700..850 credit score")]
    [InlineData("credit_tier", 700ul, 900ul, "credit_tier upper bound 900 is out of range: allowed 700..850 credit score")]
    [InlineData("membership_status", 2ul, null, "membership_status threshold 2 is out of range: allowed 1..1 flag (1 = active)")]
    [InlineData("dti_ratio", 10_001ul, null, "dti_ratio threshold 10001 is out of range: allowed 1..10000 basis points")]
    [InlineData("account_age", 12ul, 24ul, "account_age takes a single threshold, not an upper bound")]
    public void Out_of_range_requests_are_rejected_with_a_reason(string claimType, ulong? threshold, ulong? upper, string reason)
    {
        var ex = Assert.Throws<ClaimException>(() => ClaimCatalogue.Get(claimType).BoundsFor(threshold, upper));
        Assert.Equal(reason, ex.Message);
    }

    [Theory]
    [InlineData("income_range", 50_000ul, 1_000_000ul)]
    [InlineData("dti_ratio", 1ul, 3600ul)]
    [InlineData("membership_status", 0ul, 1ul)]
    [InlineData("account_age", 0ul, ulong.MaxValue)]
    public void Signed_bounds_of_the_wrong_shape_are_rejected(string claimType, ulong lower, ulong upper)
    {
        Assert.False(ClaimCatalogue.Get(claimType).TryValidateBounds(new ClaimBounds(lower, upper), out var error));
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("50000", "18446744073709551615", true)]
    [InlineData("050000", "18446744073709551615", false)]
    [InlineData("50000", "18446744073709551616", false)]
    [InlineData("-1", "5", false)]
    [InlineData("+1", "5", false)]
    [InlineData(" 1", "5", false)]
    [InlineData("6", "5", false)]
    [InlineData("0", "0", true)]
    public void Bound_strings_must_be_canonical_u64_decimals(string lower, string upper, bool valid)
    {
        Assert.Equal(valid, ClaimBounds.TryParse(lower, upper, out _, out _));
    }
}
