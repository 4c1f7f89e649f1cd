using Microsoft.AspNetCore.Http.HttpResults;

namespace Zkp.Api.Errors;

/// <summary>Builds the <c>application/problem+json</c> results endpoints return.</summary>
public static class Problems
{
    public static ProblemHttpResult Create(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "One or more fields are invalid: " + string.Join(", ", errors.Keys) + ".",
            extensions: new Dictionary<string, object?> { ["code"] = ProblemCodes.ValidationFailed });
}

/// <summary>Collects field errors keyed by the JSON field name.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
        }

        return this;
    }

    public FieldErrors MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"{field} must be at most {max} characters.");
        }

        return this;
    }

    public FieldErrors Email(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, $"{field} is required.");
        }

        var trimmed = value.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        if (trimmed.Length > 320 || at <= 0 || at != trimmed.LastIndexOf('@') || at == trimmed.Length - 1
            || !trimmed[(at + 1)..].Contains('.', StringComparison.Ordinal) || trimmed.Any(char.IsWhiteSpace))
        {
            Add(field, $"{field} must be a valid email address.");
        }

        return this;
    }

    public ValidationProblem ToProblem() => Problems.Validation(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
