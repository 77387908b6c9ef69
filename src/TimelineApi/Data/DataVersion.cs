using Dapper;
using Microsoft.Data.Sqlite;

namespace TimelineApi.Data;

/// <summary>
/// Names the state of the data, read from the database itself, so a write by any process (this one,
/// another replica of the API, the <c>import</c> command) is seen by the next request. Every write is in
/// the change feed, inside the write's own transaction, so the feed's last sequence number names the
/// data; suggestions, which are not records, add the stamp of their last insert or decision. Both only grow.
/// A connection kept open for the purpose asks SQLite's <c>PRAGMA data_version</c> on each request, which
/// changes when any other connection commits: only then is the version read again.
/// </summary>
public sealed class DataVersion(SqliteConnectionFactory db) : IAsyncDisposable
{
    private const string SelectVersion = """
        SELECT CAST(COALESCE((SELECT MAX(seq) FROM changes), 0) AS TEXT)
            || COALESCE('.' || (SELECT MAX(stamp) FROM suggestions), '');
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _watch;
    private SqliteCommand? _dataVersion;
    private long _seen = -1;
    private string _current = "0";

    /// <summary>The version of the data as committed now.</summary>
    public async ValueTask<string> CurrentAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_watch is null)
            {
                _watch = await db.OpenNewAsync(ct);
                _dataVersion = _watch.CreateCommand();
                _dataVersion.CommandText = "PRAGMA data_version;";
            }

            var committed = (long)(await _dataVersion!.ExecuteScalarAsync(ct))!;
            if (committed != _seen)
            {
                _current = await _watch.ExecuteScalarAsync<string?>(new CommandDefinition(SelectVersion, cancellationToken: ct)) ?? "0";
                _seen = committed;
            }

            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }

        _gate.Dispose();
    }
}
