using System.Data.Common;
using System.Threading.RateLimiting;
using Dapper;

namespace TimelineApi.Http;

/// <summary>What counting one more request of a client's allowance answered.</summary>
/// <param name="Admitted">Whether the request is within the allowance.</param>
/// <param name="RetryAfterSeconds">When refused, how long until the allowance starts again.</param>
public readonly record struct WindowCount(bool Admitted, int RetryAfterSeconds);

/// <summary>
/// Allowances of requests per client per minute (fixed windows: a minute's count starts again at the next minute).
/// Where the counts are kept decides what a limit means: in one process's memory, each process counts on its own;
/// in a store the processes share (the PostgreSQL database, Redis), one limit holds for the whole deployment.
/// </summary>
public interface IClientWindows
{
    /// <summary>Where the counts are kept, as <c>Limits:Store</c> names it.</summary>
    string Store { get; }

    /// <summary>Counts one request against <paramref name="allowance"/> (a kind of request and its client) of <paramref name="limit"/> a minute.</summary>
    ValueTask<WindowCount> CountAsync(string allowance, int limit, CancellationToken ct);
}

/// <summary>The counts in this process's memory: the one process of a SQLite deployment.</summary>
public sealed class ProcessWindows : IClientWindows, IDisposable
{
    private readonly PartitionedRateLimiter<(string Allowance, int Limit)> _windows = PartitionedRateLimiter.Create<(string Allowance, int Limit), (string, int)>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = key.Limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public string Store => "process";

    public ValueTask<WindowCount> CountAsync(string allowance, int limit, CancellationToken ct)
    {
        using var lease = _windows.AttemptAcquire((allowance, limit));
        if (lease.IsAcquired)
        {
            return ValueTask.FromResult(new WindowCount(true, 0));
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
        return ValueTask.FromResult(new WindowCount(false, Math.Max(1, wait)));
    }

    public void Dispose() => _windows.Dispose();
}

/// <summary>
/// The counts in the PostgreSQL database every replica uses (table <c>client_windows</c>, unlogged: counts need not
/// survive a crash of the server). One statement per request counts and answers, with the database's clock, so replicas
/// whose clocks differ still share one minute. A client's row is reused minute after minute; rows of clients not seen
/// for an hour are deleted now and then.
/// </summary>
public sealed class DatabaseWindows(Data.Database db, TimeProvider clock) : IClientWindows
{
    private const string CountSql = """
        WITH now AS (SELECT floor(extract(epoch FROM clock_timestamp()))::bigint AS second)
        INSERT INTO client_windows AS w (allowance, minute, used)
        SELECT @allowance, second / 60, 1 FROM now
        ON CONFLICT (allowance) DO UPDATE
            SET used = CASE WHEN w.minute = excluded.minute THEN w.used + 1 ELSE 1 END, minute = excluded.minute
        RETURNING used, (60 - (SELECT second FROM now) % 60)::int;
        """;

    private long _nextSweep;

    public string Store => "postgres";

    public async ValueTask<WindowCount> CountAsync(string allowance, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenNewAsync(ct);
        var (used, secondsLeft) = await connection.QuerySingleAsync<(int, int)>(new CommandDefinition(CountSql, new { allowance }, cancellationToken: ct));
        await SweepNowAndThenAsync(connection, ct);
        return new WindowCount(used <= limit, secondsLeft);
    }

    /// <summary>At most once a minute per process, the rows of clients not seen for an hour go.</summary>
    private async Task SweepNowAndThenAsync(DbConnection connection, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + (long)clock.TimestampFrequency * 60, next) != next)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM client_windows WHERE minute < floor(extract(epoch FROM clock_timestamp()))::bigint / 60 - 60;", cancellationToken: ct));
    }
}
