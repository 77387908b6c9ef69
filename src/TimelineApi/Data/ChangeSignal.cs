using Npgsql;

namespace TimelineApi.Data;

/// <summary>
/// Tells this process that the data may have moved. On PostgreSQL a connection kept for the purpose listens for the
/// notification every commit of a write sends (<c>LISTEN timeline_changes</c>, from any process), and wakes those
/// waiting; it reconnects when the server goes away (a failover), and a waiter also wakes after its timeout, so
/// nothing is missed while it does. On SQLite, whose writers share no channel, a waiter wakes after its timeout.
/// </summary>
public sealed partial class ChangeSignal(Database db, ILogger<ChangeSignal> logger) : BackgroundService
{
    public const string Channel = "timeline_changes";

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits until a write is notified or <paramref name="timeout"/> has passed, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (db is not PostgresDatabase)
        {
            await Task.Delay(timeout, ct);
            return;
        }

        try
        {
            await Volatile.Read(ref _next).Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            // Nothing notified: the caller looks anyway.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (db is not PostgresDatabase postgres)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A connection of its own, never pooled: it is held for as long as it listens.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for writes was interrupted; listening again in a second")]
    private static partial void LogListenLost(ILogger logger, Exception exception);
}
