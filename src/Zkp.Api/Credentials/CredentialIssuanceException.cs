using Zkp.Api.Errors;

namespace Zkp.Api.Credentials;

/// <summary>
/// A refused issuance or credential operation, with the HTTP status and stable problem <c>code</c> the API answers
/// with (and an asynchronous job records). The detail never contains the member's private value.
/// </summary>
public sealed class CredentialIssuanceException : Exception
{
    public CredentialIssuanceException()
    {
        Code = ProblemCodes.BadRequest;
        Status = StatusCodes.Status400BadRequest;
    }

    public CredentialIssuanceException(string message)
        : base(message)
    {
        Code = ProblemCodes.BadRequest;
        Status = StatusCodes.Status400BadRequest;
    }

    public CredentialIssuanceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ProblemCodes.BadRequest;
        Status = StatusCodes.Status400BadRequest;
    }

    public CredentialIssuanceException(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; }
}
