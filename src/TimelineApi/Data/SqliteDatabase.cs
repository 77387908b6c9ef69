using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace TimelineApi.Data;

/// <summary>
/// The timeline in one SQLite file. A relative <c>Data Source</c> is resolved against the content root here,
/// once, so the database does not depend on the working directory. Writes take SQLite's one write lock at
/// their start (<c>BEGIN IMMEDIATE</c>). Connections are kept open between uses, each with the statements it has
/// compiled (<see cref="PreparedStatements"/>), and closed when the database is disposed.
/// </summary>
public sealed class SqliteDatabase : Database, IDisposable, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly ConcurrentBag<KeptConnection> _idle = [];
    private volatile bool _disposed;

    static SqliteDatabase()
    {
        // Each connection is used by one thread at a time (an ADO.NET connection is never shared, the pool hands it to
        // one caller), so SQLite's own locking of every call on a connection, and its process-wide count of memory in
        // use, are work with no purpose: both are turned off (multi-thread mode). This must come before SQLite's first
        // use in the process; when something else used it first, the calls are refused and SQLite keeps its defaults,
        // which are as correct, only slower.
        SQLitePCL.Batteries_V2.Init();
        _ = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
        _ = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    public SqliteDatabase(string connectionString, string contentRoot)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(
                $"'ConnectionStrings:Timeline' is not a SQLite connection string ({e.Message}) With 'Storage:Provider' left out or 'sqlite', it " +
                "names a file ('Data Source=timeline.db'); for a PostgreSQL server, set 'Storage:Provider' to 'postgres'.", e);
        }
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource)
            && !Path.IsPathRooted(builder.DataSource) && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        if (builder.DefaultTimeout < 10)
        {
            builder.DefaultTimeout = 10; // seconds a writer waits on a busy database
        }

        DatabasePath = builder.DataSource;
        _connectionString = builder.ToString();
    }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    /// <summary>The resolved file the database lives in.</summary>
    public string DatabasePath { get; }

    protected override string BeginReadSql => "BEGIN;";

    protected override string BeginWriteSql => "BEGIN IMMEDIATE;";

    protected override DbConnection CreateConnection() => WithFunctions(new KeptConnection(_connectionString));

    protected override async ValueTask<DbConnection> TakeAsync(bool forReads, CancellationToken ct)
    {
        while (_idle.TryTake(out var kept))
        {
            if (kept.State == System.Data.ConnectionState.Open)
            {
                return kept;
            }

            await kept.DisposeAsync();
        }

        return await base.TakeAsync(forReads, ct);
    }

    /// <summary>
    /// Keeps an open connection for the next caller, its statements compiled, once anything its caller left
    /// unfinished is undone (a transaction still open is rolled back); closes any other.
    /// </summary>
    protected override void Release(DbConnection connection)
    {
        if (connection is KeptConnection { State: System.Data.ConnectionState.Open } kept && !_disposed)
        {
            try
            {
                if (SQLitePCL.raw.sqlite3_get_autocommit(kept.Handle) == 0)
                {
                    using var rollback = kept.CreateCommand();
                    rollback.CommandText = "ROLLBACK;";
                    rollback.ExecuteNonQuery();
                }

                _idle.Add(kept);
                return;
            }
            catch (SqliteException)
            {
                // A connection that cannot be brought back to rest is closed instead.
            }
        }

        connection.Dispose();
    }

    /// <inheritdoc cref="Release"/>
    protected override ValueTask ReleaseAsync(DbConnection connection)
    {
        Release(connection);
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the kept connections; a connection given back afterwards is closed, not kept.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var kept))
        {
            kept.Dispose();
        }
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A connection that keeps the statements it has compiled until it closes.</summary>
    private sealed class KeptConnection : SqliteConnection, PreparedStatements.IHolder
    {
        public KeptConnection(string connectionString)
            : base(connectionString) => Statements = new PreparedStatements(this);

        public PreparedStatements Statements { get; }

        public override void Close()
        {
            Statements.Clear();
            base.Close();
        }
    }

    /// <summary>The API's own SQL functions, registered on a connection when it opens.</summary>
    public static SqliteConnection WithFunctions(SqliteConnection connection)
    {
        connection.CreateFunction<string?, string?, string?>(Common.Snippets.SqliteFunction, Common.Snippets.Of, isDeterministic: true);
        connection.CreateFunction<string?, string?, string, string?>(Common.Snippets.SqliteFindFunction, Common.Snippets.Find, isDeterministic: true);
        return connection;
    }

    public override bool IsConstraintViolation(DbException exception)
        => exception is SqliteException { SqliteErrorCode: 19 }; // SQLITE_CONSTRAINT

    /// <summary>SQLite asks a progress handler every few thousand steps of a statement; it stops the statement once the budget is cancelled.</summary>
    protected override Task<IDisposable?> BoundAsync(DbConnection connection, TimeSpan time, CancellationToken budget)
    {
        var handle = ((SqliteConnection)connection).Handle!;
        var bound = new Bound(System.Diagnostics.Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * System.Diagnostics.Stopwatch.Frequency), budget);
        SQLitePCL.raw.sqlite3_progress_handler(handle, ProgressSteps, static state => ((Bound)state).Over ? 1 : 0, bound);
        return Task.FromResult<IDisposable?>(new ProgressHandler(handle));
    }

    /// <summary>A statement's bound: a time (read from the clock only when SQLite asks) and a token.</summary>
    private sealed class Bound(long deadline, CancellationToken token)
    {
        public bool Over => token.IsCancellationRequested || System.Diagnostics.Stopwatch.GetTimestamp() > deadline;
    }

    /// <summary>How many virtual machine steps SQLite takes between two questions to the progress handler (well under a millisecond).</summary>
    private const int ProgressSteps = 4000;

    private sealed class ProgressHandler(SQLitePCL.sqlite3 handle) : IDisposable
    {
        public void Dispose() => SQLitePCL.raw.sqlite3_progress_handler(handle, 0, null, null);
    }

    public override bool IsOverBudget(DbException exception) => exception is SqliteException { SqliteErrorCode: 9 }; // SQLITE_INTERRUPT
}
