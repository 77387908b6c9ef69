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
/// The timeline database, whichever engine holds it (<see cref="SqliteDatabase"/>, <see cref="PostgresDatabase"/>):
/// it opens connections, begins and ends the transactions a <see cref="DbSession"/> runs its work in (a read
/// snapshot, a write), and tells its errors apart. Stores ask <see cref="Dialect"/> for the SQL to speak.
/// </summary>
public abstract class Database
{
    /// <summary>The engine, and so the SQL dialect, of this database.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>True for PostgreSQL: the stores use its dialect.</summary>
    public bool IsPostgres => Provider == StorageProvider.Postgres;

    /// <summary>The SQL dialect of the engine.</summary>
    public SqlDialect Dialect => IsPostgres ? SqlDialect.Postgres : SqlDialect.Sqlite;

    /// <summary>
    /// The database of a connection a transaction of a <see cref="DbSession"/> runs on (<see cref="DbSession.Scope.ConnectionAsync"/>),
    /// which disposing leaves open; any other connection is refused.
    /// </summary>
    internal static Database OfTransaction(DbConnection connection)
        => connection is Connection { Owned: false, Owner: var database } ? database
            : throw new ArgumentException("The connection is not one a read snapshot or a write runs on.", nameof(connection));

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
    /// Bounds the work of every statement <paramref name="connection"/> runs in its transaction: when
    /// <paramref name="time"/> has passed or <paramref name="budget"/> is cancelled (the client left), the statement
    /// running stops with an error <see cref="IsOverBudget"/> recognises. Disposing the result lifts the bound.
    /// </summary>
    protected abstract Task<IDisposable?> BoundAsync(DbConnection connection, TimeSpan time, CancellationToken budget);

    /// <summary>What the engine sends with the statement that begins a bounded scope, in the same round trip, to bound it (<see cref="BoundAsync"/>).</summary>
    protected virtual string BoundSql(TimeSpan time) => string.Empty;

    /// <summary>Whether a statement was stopped by its budget (<see cref="DbSession.BeginReadSnapshot"/>).</summary>
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

    /// <summary>A connection of its own, given back to the pool when disposed. A request's reads and writes open theirs through its <see cref="DbSession"/>.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken ct)
        => new Connection(this, await TakeAsync(forReads: false, ct), owned: true);

    /// <summary>A connection of its own for reads only, to where read snapshots read (a standby, when one is configured).</summary>
    public async Task<DbConnection> OpenReadAsync(CancellationToken ct)
        => new Connection(this, await TakeAsync(forReads: true, ct), owned: true);

    /// <summary>
    /// A write of its own, outside any request's session (the seed, an import, a rebuild of stored documents): the
    /// transaction a request's write runs in (<see cref="DbSession.BeginWrite"/>), holding the database's one writer's
    /// place from its first statement, so two processes writing at once go one after the other.
    /// </summary>
    public DbSession.WriteScope BeginWrite() => new(this, given: null);

    /// <summary>
    /// The same write on a connection of the caller's (<see cref="OpenAsync"/>), for work that sets the connection up
    /// first (the importer's page cache); the connection stays the caller's when the write ends.
    /// </summary>
    public DbSession.WriteScope BeginWrite(DbConnection connection) => new(this, given: connection);

    /// <summary>
    /// A connection in a new transaction of <paramref name="readOnly"/> reads (a snapshot, bounded by
    /// <paramref name="budget"/>) or a write, begun in its first round trip: what <see cref="DbSession"/>'s scopes run
    /// in. The connection is taken from the pool, or is <paramref name="given"/> by the caller. Disposing the result
    /// leaves it open; <see cref="EndAsync"/> ends the transaction and gives the connection back.
    /// </summary>
    internal async Task<DbConnection> BeginAsync(bool readOnly, (TimeSpan Time, CancellationToken Token)? budget, DbConnection? given, CancellationToken ct)
    {
        var connection = new Connection(this, given is null ? await TakeAsync(readOnly, ct) : ((Connection)given).Inner, owned: false);
        try
        {
            using var command = connection.CreateCommand();
            var begin = readOnly ? BeginReadSql : BeginWriteSql;
            command.CommandText = budget is { } bounded ? begin + BoundSql(bounded.Time) : begin;
            await command.ExecuteNonQueryAsync(ct);
            if (budget is { } b)
            {
                connection.Bound = await BoundAsync(connection.Inner, b.Time, b.Token);
            }
        }
        catch when (given is null)
        {
            await ReleaseAsync(connection.Inner);
            throw;
        }

        return connection;
    }

    /// <summary>
    /// Ends the transaction <see cref="BeginAsync"/> began, committing it (<paramref name="commit"/>) or rolling it back,
    /// and gives its connection back (unless it is the caller's). On a connection that broke (its server went away) there is nothing to end: the
    /// server ended the transaction with the connection, rolling a write back, and the error that broke it is the one
    /// to report. Only a write's commit is always sent, so that a commit that cannot be made is an error, never a silent success.
    /// </summary>
    internal async Task EndAsync(DbConnection connection, bool commit, bool write, bool release, CancellationToken ct)
    {
        var scoped = (Connection)connection;
        try
        {
            if (scoped.Inner.State == ConnectionState.Open || (commit && write))
            {
                using var end = scoped.CreateCommand();
                end.CommandText = commit ? "COMMIT;" : "ROLLBACK;";
                await end.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            scoped.Bound?.Dispose();
            scoped.Bound = null;
            if (release)
            {
                await ReleaseAsync(scoped.Inner);
            }
        }
    }

    /// <summary>
    /// The connection the stores are given: the engine's own, open, which disposing gives back to
    /// <paramref name="database"/> when it is the caller's (<paramref name="owned"/>) and leaves open when a
    /// session's transaction shares it among the session's reads and writes. It carries its engine (<see cref="ProviderOf"/>), so code given a
    /// connection speaks the right dialect (<see cref="SqlDialect.Of"/>).
    /// </summary>
    private sealed class Connection(Database database, DbConnection inner, bool owned) : DbConnection
    {
        private bool _released;

        public DbConnection Inner => inner;

        /// <summary>The bound on the statements of the transaction the connection is in, lifted when it ends.</summary>
        public IDisposable? Bound { get; set; }

        public StorageProvider Provider => database.Provider;

        public Database Owner => database;

        /// <summary>Whether the connection is its caller's, given back when the caller disposes it.</summary>
        public bool Owned => owned;

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
