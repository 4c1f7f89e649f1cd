namespace Zkp.Api.Model;

/// <summary>A verifier organisation (a lender); owns API keys and a plan.</summary>
public sealed class Organization
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string VerifierType { get; set; }

    /// <summary>One of <see cref="Plans"/>.</summary>
    public required string Plan { get; set; }

    /// <summary>Sandbox organisations get <c>zkp_test_</c> keys.</summary>
    public bool IsSandbox { get; set; }

    public DateTime CreatedUtc { get; set; }
}
