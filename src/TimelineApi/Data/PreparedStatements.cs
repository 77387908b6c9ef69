using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace TimelineApi.Data;

/// <summary>
/// The statements a SQLite connection kept open by <see cref="SqliteDatabase"/> has compiled, by their SQL: a
/// statement run again on the connection is bound and stepped, not parsed and planned again. SQLite compiles a
/// statement each time a new command runs it, which costs about as much as running the short queries of an API.
/// Commands (<see cref="Command"/>) take a compiled statement for their text when they run and give it back when
/// they are disposed; two commands running the same text at once each have their own.
/// </summary>
internal sealed class PreparedStatements(SqliteConnection connection)
{
    /// <summary>How many statements a connection keeps; past it, one is let go for each new one.</summary>
    private const int Capacity = 128;

    private readonly Dictionary<string, SqliteCommand> _idle = new(StringComparer.Ordinal);

    /// <summary>A connection that keeps its compiled statements.</summary>
    public interface IHolder
    {
        PreparedStatements Statements { get; }
    }

    /// <summary>The connection's default time a statement waits for a busy database, in seconds.</summary>
    public int DefaultTimeout => connection.DefaultTimeout;

    /// <summary>A command for <paramref name="sql"/>, compiled before if it ran on this connection.</summary>
    public SqliteCommand Take(string sql)
    {
        if (_idle.Remove(sql, out var command))
        {
            return command;
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Keeps a command <see cref="Take"/> gave, for its text's next run.</summary>
    public void Keep(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (_idle.Count >= Capacity && !_idle.ContainsKey(command.CommandText))
        {
            foreach (var (sql, other) in _idle)
            {
                _idle.Remove(sql);
                other.Dispose();
                break;
            }
        }

        if (!_idle.TryAdd(command.CommandText, command))
        {
            command.Dispose();
        }
    }

    /// <summary>Lets every kept statement go (before the connection closes).</summary>
    public void Clear()
    {
        foreach (var command in _idle.Values)
        {
            command.Dispose();
        }

        _idle.Clear();
    }

    /// <summary>
    /// A command on a connection that keeps its statements: it collects its text and parameters as any command does,
    /// and runs them on the compiled statement for its text (<see cref="Take"/>), which its disposal gives back.
    /// </summary>
    public sealed class Command(DbConnection owner, PreparedStatements statements) : DbCommand
    {
        private readonly SqliteParameterCollection _parameters = new SqliteCommand().Parameters;
        private SqliteCommand? _running;
        private DbDataReader? _reader;

        [AllowNull]
        public override string CommandText { get; set; } = string.Empty;

        public override int CommandTimeout { get; set; } = statements.DefaultTimeout;

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text)
                {
                    throw new ArgumentException("SQLite runs text commands only.", nameof(value));
                }
            }
        }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => owner;
            set => throw new NotSupportedException("A command stays on the connection that made it.");
        }

        protected override DbParameterCollection DbParameterCollection => _parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel() => _running?.Cancel();

        public override void Prepare() => Ready().Prepare();

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

        public override object? ExecuteScalar() => Ready().ExecuteScalar();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => _reader = Ready().ExecuteReader(behavior);

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Ready().ExecuteNonQueryAsync(cancellationToken);

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Ready().ExecuteScalarAsync(cancellationToken);

        protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
            => _reader = await Ready().ExecuteReaderAsync(behavior, cancellationToken);

        /// <summary>The compiled statement for the text, with this command's parameters, transaction and timeout.</summary>
        private SqliteCommand Ready()
        {
            if (_running is not null && (_running.CommandText != CommandText || _reader is { IsClosed: false }))
            {
                Release();
            }

            var running = _running ??= statements.Take(CommandText);
            running.Parameters.Clear();
            foreach (SqliteParameter parameter in _parameters)
            {
                running.Parameters.Add(parameter);
            }

            running.Transaction = (SqliteTransaction?)DbTransaction;
            running.CommandTimeout = CommandTimeout;
            return running;
        }

        private void Release()
        {
            _reader?.Dispose();
            _reader = null;
            if (_running is { } running)
            {
                _running = null;
                statements.Keep(running);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Release();
            }

            base.Dispose(disposing);
        }
    }
}
