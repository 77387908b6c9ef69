using System.Data.Common;
using Npgsql;

namespace TimelineApi.Data;

/// <summary>
/// The timeline in a PostgreSQL database, shared by every API process that names it. A read snapshot is a
/// repeatable-read, read-only transaction; a write takes one transaction-scoped advisory lock first, so
/// writes follow one another as they do on SQLite (what a write checks is what it writes over), from
/// whichever process they come. With <paramref name="readConnectionString"/> (<c>ConnectionStrings:TimelineReadOnly</c>),
/// read snapshots, and the data version that names what they see, go there: a streaming standby, say, or the
/// primary and its standbys with <c>Target Session Attributes=prefer-standby</c>. Writes and what a write reads
/// stay on <paramref name="connectionString"/>.
/// </summary>
public sealed class PostgresDatabase(string connectionString, string? readConnectionString = null) : Database, IAsyncDisposable
{
    /// <summary>The advisory lock every write holds: the one key of the timeline's writer's place.</summary>
    public const long WriterLock = 0x54696D656C696E65; // "Timeline"

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(Tuned(connectionString));
    private readonly NpgsqlDataSource? _readSource = string.IsNullOrWhiteSpace(readConnectionString) ? null : NpgsqlDataSource.Create(Tuned(readConnectionString));

    public override StorageProvider Provider => StorageProvider.Postgres;

    /// <summary>
    /// The connection string with what serves the API's short, repeated statements, unless it says otherwise: statements
    /// run often are prepared once per connection (<c>Max Auto Prepare</c>: no planning on each request), and a
    /// connection goes back to the pool without a reset (<c>No Reset On Close</c>: the API leaves no session state;
    /// its advisory locks end with their transactions, the migration's is released by name).
    /// </summary>
    public static string Tuned(string connectionString)
    {
        // Which keywords the string itself gives (the Npgsql builder knows every keyword, given or not).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 64;
        }

        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>The connection string, for the connections that listen for other processes' writes.</summary>
    public string ConnectionString => connectionString;

    protected override string BeginReadSql => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;";

    protected override string BeginWriteSql => $"BEGIN; SELECT pg_advisory_xact_lock({WriterLock});";

    protected override DbConnection CreateConnection() => _source.CreateConnection();

    protected override DbConnection CreateReadConnection() => (_readSource ?? _source).CreateConnection();

    /// <summary>
    /// A failure to reach a server at all (no host answering, none of them a primary yet: a client-side error, not
    /// the server's), a connection that broke, a server shutting down or starting (57P01 to 57P03), or a write that
    /// reached a standby (25006, read only).
    /// </summary>
    public override bool IsUnavailable(DbException exception) => exception switch
    {
        PostgresException { SqlState: var state } => state.StartsWith("08", StringComparison.Ordinal)
            || state is "57P01" or "57P02" or "57P03" or "25006" || exception.IsTransient,
        NpgsqlException => true,
        _ => exception.IsTransient,
    };

    public override bool IsConstraintViolation(DbException exception)
        => exception is PostgresException { SqlState: ['2', '3', ..] }; // class 23: integrity constraint violation

    /// <summary>
    /// The server stops a statement past <c>statement_timeout</c>, set for the transaction alone with the statement that
    /// begins it (one round trip); a client that leaves cancels its statement through the request's token, which Npgsql
    /// sends to the server as a cancel request.
    /// </summary>
    protected override string BoundSql(TimeSpan time) => $" SET LOCAL statement_timeout = {(long)Math.Ceiling(time.TotalMilliseconds)};";

    protected override Task<IDisposable?> BoundAsync(DbConnection connection, TimeSpan time, CancellationToken budget) => Task.FromResult<IDisposable?>(null);

    public override bool IsOverBudget(DbException exception) => exception is PostgresException { SqlState: "57014" }; // query_canceled

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        if (_readSource is not null)
        {
            await _readSource.DisposeAsync();
        }
    }
}
