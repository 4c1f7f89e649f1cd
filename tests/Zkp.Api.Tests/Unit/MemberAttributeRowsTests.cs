using Zkp.Api.Registry;

namespace Zkp.Api.Tests.Unit;

public sealed class MemberAttributeRowsTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static (List<RawAttributeRow> Rows, List<string> Errors) Csv(string text)
    {
        var errors = new List<string>();
        var rows = MemberAttributeRows.FromCsv(text, (field, message) => errors.Add($"{field}: {message}"));
        return (rows, errors);
    }

    [Fact]
    public void Csv_quoted_fields_keep_commas_quotes_and_line_breaks_and_the_last_line_needs_no_newline()
    {
        var (rows, errors) = Csv("email,employment_status,credit_score\n\"a,b\"\"c@example.com\",\"re\ntired\",700\r\nx@example.com,,\"\"");
        Assert.Empty(errors);
        Assert.Equal(2, rows.Count);
        Assert.Equal("a,b\"c@example.com", rows[0].Fields["email"]);
        Assert.Equal("re\ntired", rows[0].Fields["employment_status"]);
        Assert.Equal("700", rows[0].Fields["credit_score"]);
        Assert.Equal("", rows[1].Fields["employment_status"]);
        Assert.Equal("", rows[1].Fields["credit_score"]);
    }

    [Fact]
    public void Csv_blank_lines_are_skipped_and_line_numbers_count_physical_lines()
    {
        var (rows, errors) = Csv("email,credit_score\n\na@example.com,700\n\nb@example.com,700,1\n");
        Assert.Empty(rows);
        Assert.Equal(["csv: line 5: 3 fields, but the header has 2."], errors);
    }

    [Fact]
    public void Csv_a_quote_inside_an_unquoted_field_is_refused()
    {
        var (_, errors) = Csv("email,credit_score\na\"b@example.com,700\n");
        Assert.Equal(["csv: line 2: a quote may only start a field."], errors);
    }

    [Theory]
    [InlineData("credit_score", "300", true)]
    [InlineData("credit_score", "850", true)]
    [InlineData("credit_score", "299", false)]
    [InlineData("credit_score", "851", false)]
    [InlineData("credit_score", "7e2", false)]
    [InlineData("dti_ratio_bps", "0", true)]
    [InlineData("dti_ratio_bps", "10000", true)]
    [InlineData("dti_ratio_bps", "10001", false)]
    [InlineData("employment_months", "-1", false)]
    [InlineData("annual_income", "0", true)]
    [InlineData("annual_income", "1000000000000", true)]
    [InlineData("annual_income", "1000000000001", false)]
    [InlineData("annual_income", "-5", false)]
    [InlineData("annual_income", "85000.00", false)]
    [InlineData("account_opened_on", "2026-11-22", true)]
    [InlineData("account_opened_on", "2026-11-23", false)]
    [InlineData("account_opened_on", "1899-12-31", false)]
    [InlineData("account_opened_on", "22/11/2026", false)]
    [InlineData("membership_status", "inactive", true)]
    [InlineData("membership_status", "Active", false)]
    [InlineData("employment_status", "self_employed", true)]
    [InlineData("employment_status", "freelance", false)]
    public void Each_attribute_is_checked_against_its_exact_range(string field, string value, bool valid)
    {
        var errors = new List<string>();
        var row = new RawAttributeRow(new Dictionary<string, string?> { ["email"] = "a@example.com", [field] = value });
        var update = MemberAttributeRows.Validate(row, "rows[0].", requireIdentifier: true, Today, (f, _) => errors.Add(f));
        Assert.Equal(valid, update is not null);
        Assert.Equal(valid ? [] : ["rows[0]." + field], errors);
    }

    [Fact]
    public void A_valid_row_is_parsed_into_typed_values()
    {
        var row = new RawAttributeRow(new Dictionary<string, string?>
        {
            ["member_id"] = "3f1c0e7a-5b7e-4a8e-9d36-1d2b5b8f0c11",
            ["annual_income"] = " 85000 ",
            ["account_opened_on"] = "2019-03-01",
            ["credit_score"] = null,
            ["employment_status"] = "",
        });
        var update = MemberAttributeRows.Validate(row, "", requireIdentifier: true, Today, (f, m) => Assert.Fail(f + " " + m));
        Assert.Equal(new AttributeUpdate(null, Guid.Parse("3f1c0e7a-5b7e-4a8e-9d36-1d2b5b8f0c11"), 85000, null, new DateOnly(2019, 3, 1), null, null, null, null), update);
    }
}
