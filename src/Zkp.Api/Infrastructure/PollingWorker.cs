namespace Zkp.Api.Infrastructure;

/// <summary>
/// The loop of a database-queue worker (webhook dispatcher, issuance worker): run a round, and when it found no work
/// wait <see cref="PollInterval"/> before the next. A failed round (e.g. the database briefly away) is logged and the
/// next round retries; claims that round held are recovered by their lease expiring.
/// </summary>
public abstract partial class PollingWorker(ILogger logger) : BackgroundService
{
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan PollInterval { get; }

    /// <summary>Claims and processes one batch; returns how many items were claimed.</summary>
    internal abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive a failed round; the next round retries.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, GetType().Name, exception);
            }

            if (claimed == 0)
            {
                try
                {
                    await Task.Delay(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} round failed")]
    private static partial void LogRoundFailed(ILogger logger, string worker, Exception exception);
}
