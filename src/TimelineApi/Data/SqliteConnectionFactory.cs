using Microsoft.Data.Sqlite;

namespace TimelineApi.Data;

/// <summary>
/// Opens connections to the timeline database. The connection string comes from
/// <c>ConnectionStrings:Timeline</c>; a relative <c>Data Source</c> is resolved against the
/// content root here, once, so the database does not depend on the working directory.
/// </summary>
public sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;

    public SqliteConnectionFactory(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Timeline");
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException("The connection string 'ConnectionStrings:Timeline' is not set.");
        }

        var builder = new SqliteConnectionStringBuilder(configured) { ForeignKeys = true };
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource)
            && !Path.IsPathRooted(builder.DataSource) && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(environment.ContentRootPath, builder.DataSource));
        }

        if (builder.DefaultTimeout < 10)
        {
            builder.DefaultTimeout = 10; // seconds a writer waits on a busy database
        }

        DatabasePath = builder.DataSource;
        _connectionString = builder.ToString();
    }

    /// <summary>The resolved file the database lives in.</summary>
    public string DatabasePath { get; }

    /// <summary>
    /// A connection: inside a read snapshot (<see cref="BeginReadSnapshot"/>), the snapshot's own, which
    /// disposing leaves open; else a new one from the pool.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
        => s_snapshot.Value is { } snapshot ? await snapshot.ConnectionAsync(ct) : await OpenNewAsync(ct);

    /// <summary>A connection of its own, outside any read snapshot.</summary>
    public async Task<SqliteConnection> OpenNewAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static readonly AsyncLocal<ReadSnapshot?> s_snapshot = new();

    /// <summary>
    /// Makes every read of the current flow until disposal use one connection in one read transaction: one
    /// snapshot of the data, so what an answer says was all true at one moment (its keys and items, its ETag
    /// and body, the pages of an export). The connection is opened at the first read, so an answer that
    /// reads nothing (a cached one) costs nothing.
    /// </summary>
    public IAsyncDisposable BeginReadSnapshot()
    {
        var snapshot = new ReadSnapshot(_connectionString);
        s_snapshot.Value = snapshot;
        return snapshot;
    }

    private sealed class ReadSnapshot(string connectionString) : IAsyncDisposable
    {
        private SharedConnection? _connection;

        public async Task<SqliteConnection> ConnectionAsync(CancellationToken ct)
        {
            if (_connection is null)
            {
                var connection = new SharedConnection(connectionString);
                await connection.OpenAsync(ct);
                using var begin = connection.CreateCommand();
                begin.CommandText = "BEGIN;";
                await begin.ExecuteNonQueryAsync(ct);
                _connection = connection;
            }

            return _connection;
        }

        public async ValueTask DisposeAsync()
        {
            s_snapshot.Value = null;
            if (_connection is { } connection)
            {
                using (var end = connection.CreateCommand())
                {
                    end.CommandText = "COMMIT;";
                    await end.ExecuteNonQueryAsync();
                }

                connection.Release();
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>The snapshot's connection: the readers that borrow it dispose it as any other; only the snapshot closes it.</summary>
    private sealed class SharedConnection(string connectionString) : SqliteConnection(connectionString)
    {
        private bool _released;

        public void Release() => _released = true;

        protected override void Dispose(bool disposing)
        {
            if (_released)
            {
                base.Dispose(disposing);
            }
        }

        public override ValueTask DisposeAsync() => _released ? base.DisposeAsync() : ValueTask.CompletedTask;
    }
}
