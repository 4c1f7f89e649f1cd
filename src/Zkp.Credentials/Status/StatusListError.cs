namespace Zkp.Credentials.Status;

/// <summary>The processing errors named by Bitstring Status List v1.0 (section "Processing Errors").</summary>
public enum StatusListError
{
    None,

    /// <summary>STATUS_RETRIEVAL_ERROR: the status list credential could not be obtained.</summary>
    StatusRetrievalError,

    /// <summary>STATUS_VERIFICATION_ERROR: the list credential or the entry does not validate.</summary>
    StatusVerificationError,

    /// <summary>STATUS_LIST_LENGTH_ERROR: the decoded list is shorter than the minimum length.</summary>
    StatusListLengthError,

    /// <summary>RANGE_ERROR: the entry's index lies outside the list.</summary>
    RangeError,

    /// <summary>MALFORMED_VALUE_ERROR: a property violates a MUST of the data model.</summary>
    MalformedValueError,
}

public static class StatusListErrorNames
{
    /// <summary>The spec's spelling, e.g. <c>STATUS_LIST_LENGTH_ERROR</c>.</summary>
    public static string SpecName(this StatusListError error) => error switch
    {
        StatusListError.None => "NONE",
        StatusListError.StatusRetrievalError => "STATUS_RETRIEVAL_ERROR",
        StatusListError.StatusVerificationError => "STATUS_VERIFICATION_ERROR",
        StatusListError.StatusListLengthError => "STATUS_LIST_LENGTH_ERROR",
        StatusListError.RangeError => "RANGE_ERROR",
        StatusListError.MalformedValueError => "MALFORMED_VALUE_ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, null),
    };
}

/// <summary>A status list operation failed with one of the spec's processing errors.</summary>
public sealed class StatusListException : Exception
{
    public StatusListException()
    {
    }

    public StatusListException(string message)
        : base(message)
    {
    }

    public StatusListException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StatusListException(StatusListError error, string message)
        : base($"{error.SpecName()}: {message}")
    {
        Error = error;
    }

    public StatusListError Error { get; }
}
