using System.Globalization;

namespace Zkp.LoadTests;

/// <summary>Throughput and latency percentiles (nearest-rank) of the requests completed inside the measured window.</summary>
internal sealed record LatencyReport(int Requests, int Failures, TimeSpan Window, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Requests / Window.TotalSeconds;

    public static LatencyReport From(IReadOnlyCollection<double> latenciesMs, int failures, TimeSpan window)
    {
        var sorted = latenciesMs.Order().ToArray();
        return new LatencyReport(sorted.Length, failures, window, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.99), sorted.Length == 0 ? 0 : sorted[^1]);
    }

    public static double Rank(double[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    public string Format(string what) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: {Requests} ok, {Failures} failed in {Window.TotalSeconds:F1} s = {PerSecond:F1} req/s; latency p50 {P50Ms:F1} ms, p90 {P90Ms:F1} ms, p99 {P99Ms:F1} ms, max {MaxMs:F1} ms");
}
