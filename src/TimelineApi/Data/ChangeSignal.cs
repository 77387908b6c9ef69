using Npgsql;

namespace TimelineApi.Data;

/// <summary>
/// Tells this process's change streams that the data moved, for all of them at once. One poller per process reads the
/// data version a few times a second while any stream is open (<see cref="Open"/>), and wakes every waiter when it
/// moved: a thousand open streams cost the database what one does. On PostgreSQL a connection kept for the purpose
/// also listens for the notification every commit of a write sends (<c>LISTEN timeline_changes</c>, from any process)
/// and wakes the waiters at once; it reconnects when the server goes away (a failover), the poller covering meanwhile.
/// </summary>
public sealed partial class ChangeSignal(Database db, DataVersion version, ILogger<ChangeSignal> logger) : BackgroundService
{
    public const string Channel = "timeline_changes";

    /// <summary>How often the poller reads the data version while streams are open.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _open;

    /// <summary>Streams open now in this process.</summary>
    public int OpenStreams => Volatile.Read(ref _open);

    /// <summary>What completes at the next change: take it before reading, then wait on it, and no change is missed between.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Counts a stream as open until disposal: the poller reads only while some stream is.</summary>
    public IDisposable Open()
    {
        Interlocked.Increment(ref _open);
        return new Closer(this);
    }

    /// <summary>Waits until a change is signalled or <paramref name="timeout"/> has passed, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => WaitAsync(Next, timeout, ct);

    /// <summary>Waits until <paramref name="next"/> (taken from <see cref="Next"/>) completes or <paramref name="timeout"/> has passed.</summary>
    public static async Task WaitAsync(Task next, TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await next.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(PollAsync(stoppingToken), db is PostgresDatabase postgres ? ListenAsync(postgres, stoppingToken) : Task.CompletedTask);

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        string? seen = null;
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (OpenStreams == 0)
                {
                    seen = null;
                    continue;
                }

                try
                {
                    var current = await version.CurrentAsync(stoppingToken);
                    if (seen is not null && current != seen)
                    {
                        Pulse();
                    }

                    seen = current;
                }
                catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
                {
                    LogPollFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ListenAsync(PostgresDatabase postgres, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Pooling = false }.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => Pulse();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Pulse(); // what was written while no one listened
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested && e is NpgsqlException or InvalidOperationException or IOException)
            {
                LogListenLost(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Pulse()
        => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private sealed class Closer(ChangeSignal signal) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Interlocked.Decrement(ref signal._open);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for writes was interrupted; listening again in a second")]
    private static partial void LogListenLost(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the data version for the change streams failed; trying again at the next tick")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
