using System.Data.Common;
using System.Diagnostics;

namespace TimelineApi.Data;

/// <summary>
/// The database work of one request (a scoped service), or of one command or background task that makes its own:
/// the stores it is given open their connections through <see cref="OpenAsync"/>, so while the session is in a read
/// snapshot (<see cref="BeginReadSnapshot"/>) or a write (<see cref="BeginWrite"/>) every statement runs on that
/// transaction's one connection, and outside them each on a connection of its own.
/// </summary>
public sealed class DbSession(Database database) : IAsyncDisposable
{
    private readonly DbConnection? _within;
    private Scope? _scope;

    private DbSession(Database database, DbConnection within)
        : this(database) => _within = within;

    /// <summary>
    /// A session whose every statement runs on <paramref name="connection"/>, the connection of a read snapshot or a
    /// write begun elsewhere: for code handed a transaction's connection (the read models a write keeps in step) to
    /// read through the stores inside it.
    /// </summary>
    public static DbSession Within(DbConnection connection) => new(Database.OfTransaction(connection), connection);

    /// <summary>The SQL dialect of the session's database.</summary>
    public SqlDialect Dialect => database.Dialect;

    /// <summary>
    /// A connection: inside a read snapshot or a write, the transaction's own (which disposing leaves open), taken
    /// and begun at the first call; else a connection of its own, which disposing gives back.
    /// </summary>
    public Task<DbConnection> OpenAsync(CancellationToken ct)
        => _within is not null ? Task.FromResult(_within)
            : _scope is { IsOpen: true } scope ? scope.ConnectionAsync(ct) : database.OpenAsync(ct);

    /// <summary>
    /// Makes every read of the session until disposal use one connection in one read transaction: one snapshot of
    /// the data, so what an answer says was all true at one moment (its keys and items, its ETag and body, the pages
    /// of an export). The connection is taken at the first read, so an answer that reads nothing (a cached one)
    /// costs nothing. Its statements stop when <paramref name="budget"/> is cancelled or <paramref name="time"/> has
    /// run out (<see cref="Database.IsOverBudget"/>): a read cannot occupy the database longer than its request may.
    /// </summary>
    public IAsyncDisposable BeginReadSnapshot(TimeSpan time, CancellationToken budget)
        => Enter(new Scope(database, readOnly: true, (time, budget)));

    /// <summary>
    /// Starts a write: one connection holding the database's writer's place (taken at the first use) until
    /// <see cref="WriteScope.CommitAsync"/> or disposal, which rolls back what was not committed. Every statement of
    /// the session meanwhile (the stores' reads too) runs in it, so what a write checks, merges into and answers with
    /// is what it writes over: no other writer can change it in between.
    /// </summary>
    public WriteScope BeginWrite() => (WriteScope)Enter(database.BeginWrite());

    private Scope Enter(Scope scope)
    {
        if (_within is not null || _scope is { IsOpen: true })
        {
            throw new InvalidOperationException("The session is already in a read snapshot or a write; end it before beginning another.");
        }

        _scope = scope;
        return scope;
    }

    /// <summary>Ends what the session left open: a read snapshot commits, a write rolls back.</summary>
    public ValueTask DisposeAsync() => _scope?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>One connection in one transaction, shared by every statement of the session until it ends.</summary>
    public class Scope : IAsyncDisposable
    {
        private readonly Database _database;
        private readonly bool _readOnly;
        private readonly (TimeSpan Time, CancellationToken Token)? _budget;
        private readonly DbConnection? _given;
        private DbConnection? _connection;
        private Activity? _span;

        internal Scope(Database database, bool readOnly, (TimeSpan Time, CancellationToken Token)? budget, DbConnection? given = null)
        {
            _database = database;
            _given = given;
            _readOnly = readOnly;
            _budget = budget;
        }

        /// <summary>False once ended: the session's connections are then its own again.</summary>
        public bool IsOpen { get; private set; } = true;

        /// <summary>The transaction's connection, taken and begun at the first call.</summary>
        public async Task<DbConnection> ConnectionAsync(CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(!IsOpen, this);
            if (_connection is null)
            {
                _span = StartSpan();
                _connection = await _database.BeginAsync(_readOnly, _budget, _given, ct);
            }

            return _connection;
        }

        /// <summary>Ends the transaction (committing it, or rolling it back) and gives its connection back, unless it was the caller's.</summary>
        protected async Task EndAsync(bool commit, CancellationToken ct)
        {
            if (!IsOpen)
            {
                return;
            }

            IsOpen = false;
            try
            {
                if (_connection is { } connection)
                {
                    await _database.EndAsync(connection, commit, write: !_readOnly, release: _given is null, ct);
                }
            }
            finally
            {
                _span?.Dispose();
            }
        }

        /// <summary>The scope's span, when traces are recorded: from its first statement to its end.</summary>
        private Activity? StartSpan()
        {
            var span = Telemetry.TelemetrySetup.Database.StartActivity(_readOnly ? "read snapshot" : "write transaction", ActivityKind.Client);
            span?.SetTag("db.system.name", _database.IsPostgres ? "postgresql" : "sqlite");
            return span;
        }

        /// <summary>Ends the scope: a read snapshot commits (it wrote nothing), a write rolls back what was not committed.</summary>
        public async ValueTask DisposeAsync()
        {
            await EndAsync(commit: _readOnly, CancellationToken.None);
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>A write in progress (<see cref="BeginWrite"/>): committed by <see cref="CommitAsync"/>, else rolled back.</summary>
    public sealed class WriteScope : Scope
    {
        internal WriteScope(Database database, DbConnection? given)
            : base(database, readOnly: false, budget: null, given)
        {
        }

        public Task CommitAsync(CancellationToken ct) => EndAsync(commit: true, ct);
    }
}
