using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Zkp.Api.Registry;

/// <summary>One member's attributes as submitted (JSON object or CSV row): field name to raw text, null = not given.</summary>
public sealed record RawAttributeRow(IReadOnlyDictionary<string, string?> Fields);

/// <summary>A row that passed validation. Null attributes are left as they are.</summary>
public sealed record AttributeUpdate(
    string? Email,
    Guid? MemberId,
    long? AnnualIncome,
    int? CreditScore,
    DateOnly? AccountOpenedOn,
    string? MembershipStatus,
    string? EmploymentStatus,
    int? EmploymentMonths,
    int? DtiRatioBps);

/// <summary>Parses and validates attribute rows, naming every bad field; nothing here touches the database.</summary>
public static class MemberAttributeRows
{
    public const string Email = "email";
    public const string MemberId = "member_id";
    public const string AnnualIncome = "annual_income";
    public const string CreditScore = "credit_score";
    public const string AccountOpenedOn = "account_opened_on";
    public const string MembershipStatus = "membership_status";
    public const string EmploymentStatus = "employment_status";
    public const string EmploymentMonths = "employment_months";
    public const string DtiRatioBps = "dti_ratio_bps";

    public const long MaxAnnualIncome = 1_000_000_000_000;
    public const int MaxRows = 10_000;

    public static readonly IReadOnlyList<string> AttributeNames =
        [AnnualIncome, CreditScore, AccountOpenedOn, MembershipStatus, EmploymentStatus, EmploymentMonths, DtiRatioBps];

    public static readonly IReadOnlySet<string> MembershipStatuses = new HashSet<string>(StringComparer.Ordinal) { "active", "inactive" };

    public static readonly IReadOnlySet<string> EmploymentStatuses = new HashSet<string>(StringComparer.Ordinal)
    {
        "employed", "self_employed", "unemployed", "retired", "student", "other",
    };

    private static readonly HashSet<string> IdentifierNames = new(StringComparer.Ordinal) { Email, MemberId };

    /// <summary>Reads a JSON object's members as raw text; numbers keep their literal text, null is "not given".</summary>
    public static RawAttributeRow FromJson(JsonElement row, string prefix, Action<string, string> error)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (row.ValueKind != JsonValueKind.Object)
        {
            error(prefix.TrimEnd('.') is { Length: > 0 } p ? p : "body", "must be a JSON object.");
            return new RawAttributeRow(fields);
        }

        foreach (var property in row.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                _ => ReportType(prefix + property.Name, error),
            };
        }

        return new RawAttributeRow(fields);
    }

    private static string? ReportType(string field, Action<string, string> error)
    {
        error(field, "must be a string or a number.");
        return null;
    }

    /// <summary>
    /// Validates one row. <paramref name="requireIdentifier"/>: bulk rows name their member with exactly one of
    /// email / member_id; a single upsert names it in the path and must not repeat it in the body.
    /// </summary>
    public static AttributeUpdate? Validate(RawAttributeRow row, string prefix, bool requireIdentifier, DateOnly today, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(error);
        var ok = true;
        void Fail(string field, string message)
        {
            ok = false;
            error(prefix + field, message);
        }

        foreach (var name in row.Fields.Keys)
        {
            if (!AttributeNames.Contains(name) && !IdentifierNames.Contains(name))
            {
                Fail(name, "is not a known field.");
            }
            else if (!requireIdentifier && IdentifierNames.Contains(name))
            {
                Fail(name, "must not be given here: the member is named in the path.");
            }
        }

        string? Get(string name) => row.Fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var email = Get(Email);
        Guid? memberId = null;
        if (requireIdentifier)
        {
            var idText = Get(MemberId);
            if ((email is null) == (idText is null))
            {
                Fail(email is null ? Email : MemberId, "exactly one of email and member_id is required.");
            }
            else if (idText is not null)
            {
                if (Guid.TryParse(idText, out var parsed))
                {
                    memberId = parsed;
                }
                else
                {
                    Fail(MemberId, "must be a UUID.");
                }
            }
            else if (email!.Length > 320 || !email.Contains('@', StringComparison.Ordinal))
            {
                Fail(Email, "must be an email address.");
            }
        }

        long? income = null;
        if (Get(AnnualIncome) is { } incomeText)
        {
            if (long.TryParse(incomeText, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= MaxAnnualIncome)
            {
                income = value;
            }
            else
            {
                Fail(AnnualIncome, $"must be a whole number of US dollars between 0 and {MaxAnnualIncome}.");
            }
        }

        var score = Integer(CreditScore, 300, 850);
        var months = Integer(EmploymentMonths, 0, 1200);
        var dti = Integer(DtiRatioBps, 0, 10_000);

        DateOnly? opened = null;
        if (Get(AccountOpenedOn) is { } openedText)
        {
            if (DateOnly.TryParseExact(openedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                && date.Year >= 1900 && date <= today)
            {
                opened = date;
            }
            else
            {
                Fail(AccountOpenedOn, "must be a date (YYYY-MM-DD) between 1900-01-01 and today.");
            }
        }

        var membership = Get(MembershipStatus);
        if (membership is not null && !MembershipStatuses.Contains(membership))
        {
            Fail(MembershipStatus, "must be one of: active, inactive.");
        }

        var employment = Get(EmploymentStatus);
        if (employment is not null && !EmploymentStatuses.Contains(employment))
        {
            Fail(EmploymentStatus, "must be one of: " + string.Join(", ", EmploymentStatuses.Order(StringComparer.Ordinal)) + ".");
        }

        if (AttributeNames.All(name => Get(name) is null))
        {
            Fail("attributes", "at least one attribute is required: " + string.Join(", ", AttributeNames) + ".");
        }

        return ok ? new AttributeUpdate(email, memberId, income, score, opened, membership, employment, months, dti) : null;

        int? Integer(string name, int min, int max)
        {
            if (Get(name) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Fail(name, $"must be a whole number between {min} and {max}.");
            return null;
        }
    }

    /// <summary>
    /// RFC 4180 CSV: a header row of field names, then one member per row; quoted fields may hold commas, quotes ("")
    /// and line breaks; an empty cell means "not given". Structural errors are reported under <c>csv</c> with the line number.
    /// </summary>
    public static List<RawAttributeRow> FromCsv(string text, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(error);
        var records = new List<(int Line, List<string> Cells)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var cellStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when !cellStarted:
                    quoted = true;
                    cellStarted = true;
                    break;
                case '"':
                    error("csv", $"line {line}: a quote may only start a field.");
                    return [];
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    cellStarted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    records.Add((recordLine, cells));
                    cells = [];
                    cell.Clear();
                    cellStarted = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    cell.Append(c);
                    cellStarted = true;
                    break;
            }
        }

        if (quoted)
        {
            error("csv", $"line {recordLine}: unterminated quoted field.");
            return [];
        }

        if (cellStarted || cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            records.Add((recordLine, cells));
        }

        records.RemoveAll(r => r.Cells.Count == 1 && r.Cells[0].Length == 0); // blank lines
        if (records.Count == 0)
        {
            error("csv", "the body is empty; expected a header row and at least one data row.");
            return [];
        }

        var header = records[0].Cells.Select(h => h.Trim()).ToList();
        var ok = true;
        foreach (var name in header)
        {
            if (!AttributeNames.Contains(name) && !IdentifierNames.Contains(name))
            {
                error("csv", $"line 1: unknown column '{name}'.");
                ok = false;
            }
        }

        foreach (var duplicate in header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            error("csv", $"line 1: column '{duplicate.Key}' appears more than once.");
            ok = false;
        }

        if (records.Count == 1)
        {
            error("csv", "the header is not followed by any data row.");
            ok = false;
        }

        foreach (var (recordNumber, row) in records.Skip(1))
        {
            if (row.Count != header.Count)
            {
                error("csv", $"line {recordNumber}: {row.Count} fields, but the header has {header.Count}.");
                ok = false;
            }
        }

        if (!ok)
        {
            return [];
        }

        return records.Skip(1)
            .Select(r => new RawAttributeRow(header.Zip(r.Cells).ToDictionary(p => p.First, p => (string?)p.Second, StringComparer.Ordinal)))
            .ToList();
    }
}
