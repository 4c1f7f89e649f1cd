namespace Zkp.Api.Model;

/// <summary>
/// An asynchronous issuance request (<c>POST /credentials/issue?async=true</c>), queued in the database so it survives a
/// restart and is claimed by exactly one worker at a time (a lease that a crashed worker's successor can take over).
/// </summary>
public sealed class IssuanceJob
{
    public Guid Id { get; set; }

    public Guid MemberAccountId { get; set; }

    /// <summary>The validated request (<c>claim_type</c>, <c>threshold</c>, <c>upper</c>) as JSON.</summary>
    public required string RequestJson { get; set; }

    /// <summary>One of <see cref="IssuanceJobStatuses"/>.</summary>
    public required string Status { get; set; }

    public Guid? CredentialId { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureDetail { get; set; }

    /// <summary>How many times a worker has started this job.</summary>
    public int Attempts { get; set; }

    public Guid? LeaseOwner { get; set; }

    public DateTime? LeaseExpiresUtc { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }
}

public static class IssuanceJobStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
