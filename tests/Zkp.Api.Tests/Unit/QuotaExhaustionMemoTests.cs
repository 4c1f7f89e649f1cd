using Zkp.Api.Quotas;

namespace Zkp.Api.Tests.Unit;

public sealed class QuotaExhaustionMemoTests
{
    [Fact]
    public void Holds_organisations_per_month_and_forgets_removed_ones()
    {
        var memo = new QuotaExhaustionMemo();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        memo.Add(first, "2026-11");
        memo.Add(second, "2026-11");
        memo.Remove(second, "2026-11");

        Assert.True(memo.Contains(first, "2026-11"));
        Assert.False(memo.Contains(first, "2026-12"));
        Assert.False(memo.Contains(second, "2026-11"));
    }

    [Fact]
    public void An_entry_for_a_new_month_drops_the_entries_of_other_months()
    {
        var memo = new QuotaExhaustionMemo();
        var november = Guid.NewGuid();
        var december = Guid.NewGuid();
        memo.Add(november, "2026-11");

        memo.Add(december, "2026-12");

        Assert.False(memo.Contains(november, "2026-11"));
        Assert.True(memo.Contains(december, "2026-12"));
    }
}
