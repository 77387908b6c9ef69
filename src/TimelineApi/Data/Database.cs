using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace TimelineApi.Data;

/// <summary>The database engines the timeline can be stored in (<c>Storage:Provider</c>).</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file beside the app: the default, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, which any number of API processes can share.</summary>
    Postgres,
}

/// <summary>
/// Opens connections to the timeline database, whichever engine holds it (<see cref="SqliteDatabase"/>,
/// <see cref="PostgresDatabase"/>), and keeps the scopes a request's reads and writes run in: a read snapshot
/// per GET, one write transaction per write. Stores ask <see cref="Provider"/> for the SQL dialect to speak.
/// </summary>
public abstract class Database
{
    /// <summary>The engine, and so the SQL dialect, of this database.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>True for PostgreSQL: the stores use its dialect.</summary>
    public bool IsPostgres => Provider == StorageProvider.Postgres;

    /// <summary>The SQL dialect of the engine.</summary>
    public SqlDialect Dialect => IsPostgres ? SqlDialect.Postgres : SqlDialect.Sqlite;

    /// <summary>The engine of a connection this class opened (SQLite for any other).</summary>
    public static StorageProvider ProviderOf(DbConnection connection)
        => connection is Connection { Provider: var provider } ? provider : StorageProvider.Sqlite;

    /// <summary>The statement that starts a read snapshot: one consistent view of the committed data.</summary>
    protected abstract string BeginReadSql { get; }

    /// <summary>The statement that starts a write: it holds the database's one writer's place until the end.</summary>
    protected abstract string BeginWriteSql { get; }

    /// <summary>A new, unopened connection of the engine.</summary>
    protected abstract DbConnection CreateConnection();

    /// <summary>A new, unopened connection for reads only: the same database, or a copy of it that follows it (a standby).</summary>
    protected virtual DbConnection CreateReadConnection() => CreateConnection();

    /// <summary>
    /// An open connection of the engine, for reads only (<paramref name="forReads"/>) or for anything; given back by
    /// <see cref="ReleaseAsync"/>. By default a new connection from the driver's pool.
    /// </summary>
    protected virtual async ValueTask<DbConnection> TakeAsync(bool forReads, CancellationToken ct)
    {
        var connection = forReads ? CreateReadConnection() : CreateConnection();
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Gives back a connection <see cref="TakeAsync"/> gave: by default it is closed (back to the driver's pool).</summary>
    protected virtual ValueTask ReleaseAsync(DbConnection connection) => connection.DisposeAsync();

    /// <inheritdoc cref="ReleaseAsync"/>
    protected virtual void Release(DbConnection connection) => connection.Dispose();

    /// <summary>
    /// Begins a write transaction on a connection of the caller's (the seed, an import, a command) that holds the
    /// writer's place from its start, as a request's write does: two processes writing at once go one after the other.
    /// </summary>
    public async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken ct)
    {
        var inner = connection is Connection wrapper ? wrapper.Inner : connection;
        return await BeginEngineWriteAsync(inner, ct);
    }

    /// <inheritdoc cref="BeginWriteTransactionAsync(DbConnection, CancellationToken)"/>
    protected abstract Task<DbTransaction> BeginEngineWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>
    /// Bounds the work of every statement <paramref name="connection"/> runs in its transaction: when
    /// <paramref name="time"/> has passed or <paramref name="budget"/> is cancelled (the client left), the statement
    /// running stops with an error <see cref="IsOverBudget"/> recognises. Disposing the result lifts the bound.
    /// </summary>
    protected abstract Task<IDisposable?> BoundAsync(DbConnection connection, TimeSpan time, CancellationToken budget);

    /// <summary>What the engine sends with the statement that begins a bounded scope, in the same round trip, to bound it (<see cref="BoundAsync"/>).</summary>
    protected virtual string BoundSql(TimeSpan time) => string.Empty;

    /// <summary>Whether a statement was stopped by its budget (<see cref="BeginReadSnapshot"/>).</summary>
    public abstract bool IsOverBudget(DbException exception);

    /// <summary>Whether the database refused a write for breaking a constraint (a key, a reference, a check).</summary>
    public abstract bool IsConstraintViolation(DbException exception);

    /// <summary>
    /// Whether the database could not serve a statement for a passing reason (out of reach, shutting down, no primary
    /// yet, busy), so that the same request may succeed when sent again, rather than for what the statement is.
    /// </summary>
    public virtual bool IsUnavailable(DbException exception) => exception.IsTransient;

    /// <summary>The provider <c>Storage:Provider</c> names: <c>sqlite</c> (the default) or <c>postgres</c>.</summary>
    public static StorageProvider ConfiguredProvider(IConfiguration configuration)
        => configuration["Storage:Provider"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => StorageProvider.Sqlite,
            "postgres" or "postgresql" => StorageProvider.Postgres,
            var other => throw new InvalidOperationException(
                $"'Storage:Provider' is '{other}'; it must be 'sqlite' (the default) or 'postgres'."),
        };

    /// <summary>The database <c>Storage:Provider</c> and <c>ConnectionStrings:Timeline</c> name.</summary>
    public static Database Create(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("Timeline");
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException("The connection string 'ConnectionStrings:Timeline' is not set.");
        }

        return ConfiguredProvider(configuration) switch
        {
            StorageProvider.Postgres => new PostgresDatabase(configured, configuration.GetConnectionString("TimelineReadOnly")),
            _ => new SqliteDatabase(configured, environment.ContentRootPath),
        };
    }

    /// <summary>
    /// A connection: inside a read snapshot (<see cref="BeginReadSnapshot"/>) or a write (<see cref="BeginWrite"/>),
    /// its own, which disposing leaves open; else a new one from the pool.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct)
        => s_slot.Value?.Scope is { IsOpen: true } scope ? await scope.ConnectionAsync(ct) : await OpenNewAsync(ct);

    /// <summary>A connection of its own, outside any read snapshot or write.</summary>
    public async Task<DbConnection> OpenNewAsync(CancellationToken ct)
        => new Connection(this, await TakeAsync(forReads: false, ct), owned: true);

    /// <summary>A connection of its own for reads only, to where read snapshots read (a standby, when one is configured).</summary>
    public async Task<DbConnection> OpenReadAsync(CancellationToken ct)
        => new Connection(this, await TakeAsync(forReads: true, ct), owned: true);

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
    /// Its statements stop when <paramref name="budget"/> is cancelled or <paramref name="time"/> has run out
    /// (<see cref="IsOverBudget"/>): a read cannot occupy the database longer than its request may.
    /// </summary>
    public IAsyncDisposable BeginReadSnapshot(TimeSpan time, CancellationToken budget)
        => Enter(new Scope(this, BeginReadSql, readOnly: true) { Budget = (time, budget) });

    /// <summary>
    /// Starts a write: one connection holding the database's writer's place (taken at the first use) until
    /// <see cref="WriteScope.CommitAsync"/> or disposal, which rolls back what was not committed. Every read of
    /// the current flow meanwhile (the stores' too) goes through it, so what a write checks, merges into and
    /// answers with is what it writes over: no other writer can change it in between.
    /// </summary>
    public WriteScope BeginWrite() => (WriteScope)Enter(new WriteScope(this, BeginWriteSql));

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
    public class Scope(Database database, string begin, bool readOnly) : IAsyncDisposable
    {
        private Connection? _connection;
        private IDisposable? _bound;
        private System.Diagnostics.Activity? _span;

        /// <summary>The time and token every statement of the scope is bounded by, if any.</summary>
        public (TimeSpan Time, CancellationToken Token)? Budget { get; init; }

        /// <summary>False once ended: connections are then opened anew.</summary>
        public bool IsOpen { get; private set; } = true;

        public async Task<DbConnection> ConnectionAsync(CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(!IsOpen, this);
            if (_connection is null)
            {
                _span = StartSpan();
                var connection = new Connection(database, await database.TakeAsync(readOnly, ct), owned: false);
                using var command = connection.CreateCommand();
                command.CommandText = Budget is { } bounded ? begin + database.BoundSql(bounded.Time) : begin;
                await command.ExecuteNonQueryAsync(ct);
                if (Budget is { } budget)
                {
                    _bound = await database.BoundAsync(connection.Inner, budget.Time, budget.Token);
                }

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
                _span?.Dispose(); // begun, but its connection never opened
                return;
            }

            try
            {
                // On a connection that broke (its server went away) there is nothing to end: the server ended the
                // transaction with the connection, rolling a write back, and the error that broke it is the one to
                // report. Only a write's commit is always sent, so that a commit that cannot be made is an error,
                // never a silent success.
                if (connection.Inner.State == System.Data.ConnectionState.Open || (commit && this is WriteScope))
                {
                    using var end = connection.CreateCommand();
                    end.CommandText = commit ? "COMMIT;" : "ROLLBACK;";
                    await end.ExecuteNonQueryAsync(ct);
                }
            }
            finally
            {
                _bound?.Dispose();
                await database.ReleaseAsync(connection.Inner);
                _span?.Dispose();
            }
        }

        /// <summary>The scope's span, when traces are recorded: from its first statement to its end.</summary>
        private System.Diagnostics.Activity? StartSpan()
        {
            var span = Telemetry.TelemetrySetup.Database.StartActivity(readOnly ? "read snapshot" : "write transaction", System.Diagnostics.ActivityKind.Client);
            span?.SetTag("db.system.name", database.IsPostgres ? "postgresql" : "sqlite");
            return span;
        }

        /// <summary>Ends the scope: a read snapshot commits (it wrote nothing), a write rolls back what was not committed.</summary>
        public async ValueTask DisposeAsync()
        {
            await EndAsync(commit: this is not WriteScope, CancellationToken.None);
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>A write in progress (<see cref="BeginWrite"/>): committed by <see cref="CommitAsync"/>, else rolled back.</summary>
    public sealed class WriteScope(Database database, string begin) : Scope(database, begin, readOnly: false)
    {
        public Task CommitAsync(CancellationToken ct) => EndAsync(commit: true, ct);
    }

    /// <summary>
    /// The connection the stores are given: the engine's own, open, which disposing gives back to
    /// <paramref name="database"/> when it is the caller's (<paramref name="owned"/>) and leaves open when a scope
    /// shares it among the flow's readers. It carries its engine (<see cref="ProviderOf"/>), so code given a
    /// connection speaks the right dialect (<see cref="SqlDialect.Of"/>).
    /// </summary>
    private sealed class Connection(Database database, DbConnection inner, bool owned) : DbConnection
    {
        private bool _released;

        public DbConnection Inner => inner;

        public StorageProvider Provider => database.Provider;

        [AllowNull]
        public override string ConnectionString
        {
            get => inner.ConnectionString;
            set => inner.ConnectionString = value;
        }

        public override string Database => inner.Database;

        public override string DataSource => inner.DataSource;

        public override string ServerVersion => inner.ServerVersion;

        public override ConnectionState State => inner.State;

        public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);

        public override void Open() => inner.Open();

        public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);

        public override void Close()
        {
            if (owned && !_released)
            {
                _released = true;
                database.Release(inner);
            }
        }

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

        protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken)
            => await inner.BeginTransactionAsync(isolationLevel, cancellationToken);

        protected override DbCommand CreateDbCommand()
            => inner is PreparedStatements.IHolder holder ? new PreparedStatements.Command(this, holder.Statements) : inner.CreateCommand();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Close();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            if (owned && !_released)
            {
                _released = true;
                await database.ReleaseAsync(inner);
            }

            await base.DisposeAsync();
        }
    }
}
