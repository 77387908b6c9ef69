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

    static SqliteConnectionFactory()
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
    /// A connection: inside a read snapshot (<see cref="BeginReadSnapshot"/>) or a write (<see cref="BeginWrite"/>),
    /// its own, which disposing leaves open; else a new one from the pool.
    /// </summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
        => s_slot.Value?.Scope is { IsOpen: true } scope ? await scope.ConnectionAsync(ct) : await OpenNewAsync(ct);

    /// <summary>A connection of its own, outside any read snapshot or write.</summary>
    public async Task<SqliteConnection> OpenNewAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Where the current flow's scope is kept: a holder, so a scope begun in any method the flow calls, async or not, is seen by all of it.</summary>
    private sealed class Slot
    {
        public Scope? Scope { get; set; }
    }

    private static readonly AsyncLocal<Slot?> s_slot = new();

    /// <summary>
    /// Gives the current flow a place for its scopes; called first where a request starts (by its middleware), so
    /// that a read snapshot or a write begun anywhere below, even inside a helper's async method, is the request's.
    /// </summary>
    public void EnterFlow() => s_slot.Value = new Slot();

    /// <summary>
    /// Makes every read of the current flow until disposal use one connection in one read transaction: one
    /// snapshot of the data, so what an answer says was all true at one moment (its keys and items, its ETag
    /// and body, the pages of an export). The connection is opened at the first read, so an answer that
    /// reads nothing (a cached one) costs nothing.
    /// </summary>
    public IAsyncDisposable BeginReadSnapshot() => Enter(new Scope(_connectionString, "BEGIN;"));

    /// <summary>
    /// Starts a write: one connection holding SQLite's write lock (<c>BEGIN IMMEDIATE</c>, taken at the first
    /// use) until <see cref="WriteScope.CommitAsync"/> or disposal, which rolls back what was not committed.
    /// Every read of the current flow meanwhile (the stores' too) goes through it, so what a write checks,
    /// merges into and answers with is what it writes over: no other writer can change it in between.
    /// </summary>
    public WriteScope BeginWrite() => (WriteScope)Enter(new WriteScope(_connectionString));

    private static Scope Enter(Scope scope)
    {
        var slot = s_slot.Value;
        if (slot is null)
        {
            // Outside a request (a command, a test): the slot is made here, seen by this method's caller and below.
            slot = new Slot();
            s_slot.Value = slot;
        }

        slot.Scope = scope;
        return scope;
    }

    /// <summary>One connection in one transaction, shared by every read of a flow until it ends.</summary>
    public class Scope(string connectionString, string begin) : IAsyncDisposable
    {
        private SharedConnection? _connection;

        /// <summary>False once ended: connections are then opened anew.</summary>
        public bool IsOpen { get; private set; } = true;

        public async Task<SqliteConnection> ConnectionAsync(CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(!IsOpen, this);
            if (_connection is null)
            {
                var connection = new SharedConnection(connectionString);
                await connection.OpenAsync(ct);
                using var command = connection.CreateCommand();
                command.CommandText = begin;
                await command.ExecuteNonQueryAsync(ct);
                _connection = connection;
            }

            return _connection;
        }

        /// <summary>Ends the transaction (committing it, or rolling it back) and closes the connection.</summary>
        protected async Task EndAsync(bool commit, CancellationToken ct)
        {
            if (!IsOpen)
            {
                return;
            }

            IsOpen = false;
            if (_connection is not { } connection)
            {
                return;
            }

            try
            {
                using var end = connection.CreateCommand();
                end.CommandText = commit ? "COMMIT;" : "ROLLBACK;";
                await end.ExecuteNonQueryAsync(ct);
            }
            finally
            {
                connection.Release();
                await connection.DisposeAsync();
            }
        }

        /// <summary>Ends the scope: a read snapshot commits (it wrote nothing), a write rolls back what was not committed.</summary>
        public async ValueTask DisposeAsync()
        {
            await EndAsync(commit: this is not WriteScope, CancellationToken.None);
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>A write in progress (<see cref="BeginWrite"/>): committed by <see cref="CommitAsync"/>, else rolled back.</summary>
    public sealed class WriteScope(string connectionString) : Scope(connectionString, "BEGIN IMMEDIATE;")
    {
        public Task CommitAsync(CancellationToken ct) => EndAsync(commit: true, ct);
    }

    /// <summary>The scope's connection: the readers that borrow it dispose it as any other; only the scope closes it.</summary>
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
