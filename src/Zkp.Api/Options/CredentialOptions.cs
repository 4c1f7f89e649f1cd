namespace Zkp.Api.Options;

/// <summary>Section <c>Zk</c>: the claim circuit's proving key.</summary>
public sealed class ZkOptions
{
    public const string Section = "Zk";

    /// <summary>
    /// A Groth16 <c>.zkey</c> (written by <c>zkp setup</c> or by a snarkjs phase-2 ceremony) for the claim circuit.
    /// Unset: Development, Testing and the embedded SQLite default generate one into the data directory on first
    /// start and reuse it; any other configuration refuses to start.
    /// </summary>
    public string? ProvingKeyPath { get; set; }
}

/// <summary>Section <c>Credentials</c>: issuance settings.</summary>
public sealed class CredentialOptions
{
    public const string Section = "Credentials";

    /// <summary>A credential's validity (validUntil - validFrom).</summary>
    public int ValidityDays { get; set; } = 365;

    /// <summary>Whether this node runs the asynchronous issuance worker (several nodes may; each job runs once).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How long a claimed job stays with its worker before another node may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Pause between polls when no job is queued.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A job whose worker died this many times is failed instead of retried.</summary>
    public int MaxAttempts { get; set; } = 3;
}
