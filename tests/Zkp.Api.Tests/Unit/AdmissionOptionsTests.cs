using System.Threading.RateLimiting;
using Zkp.Api.Admission;

namespace Zkp.Api.Tests.Unit;

public sealed class AdmissionOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_give_the_configured_places()
    {
        var options = new AdmissionOptions();
        Assert.True(new AdmissionOptionsValidator().Validate(null, options).Succeeded);

        using var admission = new VerificationAdmission(Microsoft.Extensions.Options.Options.Create(options));
        var limiter = Assert.IsType<ConcurrencyLimiter>(admission.Limiter);
        Assert.Equal(options.VerificationPermitLimit, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public void Switched_off_there_is_no_limiter()
    {
        using var admission = new VerificationAdmission(Microsoft.Extensions.Options.Options.Create(new AdmissionOptions { Enabled = false }));
        Assert.Null(admission.Limiter);
    }

    [Fact]
    public void No_place_or_a_negative_queue_is_refused_with_each_problem_named()
    {
        var result = new AdmissionOptionsValidator().Validate(null, new AdmissionOptions { VerificationPermitLimit = 0, VerificationQueueLimit = -1 });

        Assert.True(result.Failed);
        Assert.Equal(
            ["Admission:VerificationPermitLimit must be at least 1.", "Admission:VerificationQueueLimit must be at least 0."],
            result.Failures);
    }
}
