using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Zkp.Api.Tests;

/// <summary>
/// Records the measurements of one meter of one test host, as "instrument tag=value,..." lines in the order they were
/// made. Only that host's instruments: its meter factory scopes them, so other test classes' hosts do not report here.
/// </summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener;
    private readonly ConcurrentQueue<string> _measurements = new();

    public MetricsRecorder(IServiceProvider services, string meterName)
    {
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var text = instrument.Name + " " + string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
            _measurements.Enqueue(value == 1 ? text : $"{text} value={value}");
        });
        _listener.Start();
    }

    public string[] Measurements => _measurements.ToArray();

    public void Dispose() => _listener.Dispose();
}
