using System.Globalization;
using Zkp.Api.Quotas;

namespace Zkp.Api.Tests.Unit;

public sealed class QuotaResetTests
{
    [Theory]
    [InlineData("2026-11-30T23:59:59.0000000+00:00", 1)]
    [InlineData("2026-11-30T23:59:59.2500000+00:00", 1)]
    [InlineData("2026-12-31T23:00:00.0000000+00:00", 3600)]
    [InlineData("2026-02-01T00:00:00.0000000+00:00", 28 * 86400)]
    [InlineData("2028-02-28T12:00:00.0000000+00:00", 36 * 3600)]
    [InlineData("2026-11-22T10:00:00.0000000-05:00", 8 * 86400 + 9 * 3600)]
    public void Quotas_reset_at_the_start_of_the_next_utc_month(string now, long seconds) =>
        Assert.Equal(seconds, QuotaService.SecondsUntilReset(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));
}
