using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Schedules;

/// <summary>Runs <see cref="ScheduleRunner"/> passes one after another (never overlapping), woken early by "run now".</summary>
internal sealed partial class ScheduleRunnerService(ScheduleRunner runner, ScheduleRunnerOptions options, ScheduleSignal signal, ILogger<ScheduleRunnerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.PassAsync(stoppingToken);
                await signal.WaitAsync(options.PassInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Database away or a bad row: the runner lives to try again at the next pass.
                LogPassFailed(logger, ex);
                await signal.WaitAsync(options.PassInterval, stoppingToken);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (options.Enabled)
        {
            try
            {
                await runner.ReleaseAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The lease then simply lapses.
                LogPassFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 61, Level = LogLevel.Warning, Message = "A schedule runner pass failed; retrying at the next")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
