using System.Collections.Concurrent;

namespace Zkp.Api.Quotas;

/// <summary>
/// The organisations this API process has seen run out of quota in a month. Only a hint: a verification that finds
/// its lender here reads the count once before it runs (<see cref="QuotaService.IsKnownExhaustedAsync"/>), so a
/// lender over quota is refused without a pipeline run, while every other lender pays nothing for the check. Never
/// trusted alone: a count lowered by hand, a plan upgrade or a new month lets the lender through at once.
/// </summary>
public sealed class QuotaExhaustionMemo
{
    private readonly ConcurrentDictionary<(Guid OrganizationId, string MonthKey), byte> _exhausted = new();

    public bool Contains(Guid organizationId, string monthKey) => _exhausted.ContainsKey((organizationId, monthKey));

    public void Add(Guid organizationId, string monthKey)
    {
        if (_exhausted.TryAdd((organizationId, monthKey), 0))
        {
            // Months only move forward: entries of any other month can never match again.
            foreach (var key in _exhausted.Keys)
            {
                if (key.MonthKey != monthKey)
                {
                    _exhausted.TryRemove(key, out _);
                }
            }
        }
    }

    public void Remove(Guid organizationId, string monthKey) => _exhausted.TryRemove((organizationId, monthKey), out _);
}
