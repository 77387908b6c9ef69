using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace TimelineApi.Data;

/// <summary>
/// Names the state of the data, read from the database itself, so a write by any process (this one,
/// another replica of the API, the <c>import</c> command) is seen by the next request. Every write is in
/// the change feed, inside the write's own transaction, so the feed's last sequence number names the
/// data; suggestions, which are not records, add the stamp of their last insert or decision. Both only grow.
/// On SQLite, connections kept open for the purpose ask <c>PRAGMA data_version</c> on each request, which
/// changes when any other connection commits: only then is the version read again. On PostgreSQL, whose
/// writes may come from another replica at any moment, the version is read on each request: one indexed
/// look-up at each end of two indexes, so no replica ever names data older than what is committed.
/// </summary>
public sealed class DataVersion(Database db) : IAsyncDisposable
{
    // The same in both stores' SQL.
    private const string SelectVersion = """
        SELECT CAST(COALESCE((SELECT MAX(seq) FROM changes), 0) AS TEXT)
            || COALESCE('.' || (SELECT MAX(stamp) FROM suggestions), '');
        """;

    private static readonly KeyValuePair<string, object?> s_read = new("result", "read");
    private static readonly KeyValuePair<string, object?> s_unchanged = new("result", "unchanged");

    // Watch connections, one per request in flight at most, so that concurrent requests do not wait on each other.
    private readonly ConcurrentBag<Watch> _watches = [];

    /// <summary>The version of the data as committed now.</summary>
    public async ValueTask<string> CurrentAsync(CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            await using var connection = await db.OpenReadAsync(ct);
            Telemetry.TimelineMetrics.DataVersionReads.Add(1, s_read);
            return await connection.ExecuteScalarAsync<string>(new CommandDefinition(SelectVersion, cancellationToken: ct)) ?? "0";
        }

        if (!_watches.TryTake(out var watch))
        {
            watch = new Watch(await db.OpenAsync(ct));
        }

        try
        {
            return await watch.CurrentAsync(ct);
        }
        finally
        {
            _watches.Add(watch);
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_watches.TryTake(out var watch))
        {
            await watch.Connection.DisposeAsync();
        }
    }

    /// <summary>
    /// A connection kept open to ask <c>PRAGMA data_version</c>, which changes when any other connection commits:
    /// only then is the version read again. Each reads the committed state, so what one answers is never older
    /// than what any answered before.
    /// </summary>
    private sealed class Watch(DbConnection connection)
    {
        private readonly DbCommand _dataVersion = CreateCommand(connection, "PRAGMA data_version;");
        private readonly DbCommand _version = CreateCommand(connection, SelectVersion);
        private long _seen = -1;
        private string _current = "0";

        public DbConnection Connection => connection;

        public async ValueTask<string> CurrentAsync(CancellationToken ct)
        {
            var committed = (long)(await _dataVersion.ExecuteScalarAsync(ct))!;
            if (committed == _seen)
            {
                Telemetry.TimelineMetrics.DataVersionReads.Add(1, s_unchanged);
            }
            else
            {
                Telemetry.TimelineMetrics.DataVersionReads.Add(1, s_read);
                _current = (string?)await _version.ExecuteScalarAsync(ct) ?? "0";
                _seen = committed;
            }

            return _current;
        }

        private static DbCommand CreateCommand(DbConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
    }
}
