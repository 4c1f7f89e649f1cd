using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Zkp.Api.Admission;

/// <summary>Endpoint metadata: the endpoint runs only with a place from <see cref="VerificationAdmission"/>.</summary>
public sealed class VerificationAdmissionMetadata
{
    public static readonly VerificationAdmissionMetadata Instance = new();

    private VerificationAdmissionMetadata()
    {
    }
}

public static class AdmissionConventions
{
    public static TBuilder WithVerificationAdmission<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(VerificationAdmissionMetadata.Instance);
}

/// <summary>
/// The process's one bound on verification requests in flight: a concurrency limiter whose waiting requests are served
/// oldest first. Null <see cref="Limiter"/> when <c>Admission:Enabled</c> is false.
/// </summary>
public sealed class VerificationAdmission : IDisposable
{
    public VerificationAdmission(IOptions<AdmissionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Limiter = settings.Enabled
            ? new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.VerificationPermitLimit,
                QueueLimit = settings.VerificationQueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            : null;
    }

    public ConcurrencyLimiter? Limiter { get; }

    public void Dispose() => Limiter?.Dispose();
}
