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
/// survive a crash of the server), on the database's clock, so replicas whose clocks differ still share one minute.
/// A replica takes a client's requests from the database a few at a time (<c>take_permits</c>: as many as a sixteenth
/// of what the minute has left, at most 64, one when it has fewer than 32 left) and admits that many before asking
/// again: one statement per many requests, while the database never grants more than the limit, and what a replica
/// holds unused when the limit is reached (which may refuse a client a few requests early) shrinks to nothing near it.
/// A client's row is reused minute after minute; rows of clients not seen for an hour are deleted now and then.
/// </summary>
public sealed class DatabaseWindows(Data.Database db, TimeProvider clock) : IClientWindows
{
    private const int MostAtOnce = 64;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Permits> _held = new(StringComparer.Ordinal);
    private long _nextSweep;

    public string Store => "postgres";

    public async ValueTask<WindowCount> CountAsync(string allowance, int limit, CancellationToken ct)
    {
        var held = _held.GetOrAdd(allowance, static _ => new Permits());
        var now = clock.GetTimestamp();
        if (held.TryTake(now))
        {
            return new WindowCount(true, 0);
        }

        await using var connection = await db.OpenAsync(ct);
        var want = Math.Clamp((limit - held.LastUsed) / 16, 1, MostAtOnce);
        var (granted, used, millisecondsLeft) = await connection.QuerySingleAsync<(int, int, int)>(new CommandDefinition(
            "SELECT granted, used, milliseconds_left FROM take_permits(@allowance, @want, @limit);", new { allowance, want, limit }, cancellationToken: ct));
        held.Keep(granted, used, now + (millisecondsLeft * clock.TimestampFrequency / 1000), now);
        await SweepNowAndThenAsync(connection, now, ct);
        return new WindowCount(granted > 0, (millisecondsLeft + 999) / 1000);
    }

    /// <summary>What this replica holds of a client's minute: requests granted and not yet used, until the minute ends.</summary>
    private sealed class Permits
    {
        private readonly Lock _lock = new();
        private int _left;
        private long _until;

        /// <summary>The minute's count as the database last said (what a new minute starts from: nothing).</summary>
        public int LastUsed { get; private set; }

        public bool TryTake(long now)
        {
            lock (_lock)
            {
                if (now >= _until)
                {
                    LastUsed = 0;
                    return false;
                }

                if (_left <= 0)
                {
                    return false;
                }

                _left--;
                return true;
            }
        }

        /// <summary>
        /// Keeps what the database granted, one of which is the asking request's. Requests asking at once each get a
        /// grant, and the grants add up; what was held for a minute that has ended is dropped.
        /// </summary>
        public void Keep(int granted, int used, long until, long now)
        {
            lock (_lock)
            {
                if (now >= _until)
                {
                    _left = 0;
                }

                _left += Math.Max(0, granted - 1);
                LastUsed = Math.Max(LastUsed, used);
                _until = until;
            }
        }

        /// <summary>Whether the minute these permits were for ended more than a minute ago.</summary>
        public bool IsStale(long now, long minute) => Volatile.Read(ref _until) + minute < now;
    }

    /// <summary>At most once a minute per process, the rows of clients not seen for an hour go, and so do the permits held for them here.</summary>
    private async Task SweepNowAndThenAsync(DbConnection connection, long now, CancellationToken ct)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + (clock.TimestampFrequency * 60), next) != next)
        {
            return;
        }

        foreach (var (allowance, permits) in _held)
        {
            if (permits.IsStale(now, clock.TimestampFrequency * 60))
            {
                _held.TryRemove(allowance, out _);
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM client_windows WHERE minute < floor(extract(epoch FROM clock_timestamp()))::bigint / 60 - 60;", cancellationToken: ct));
    }
}
