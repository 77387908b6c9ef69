using System.Data.Common;

namespace TimelineApi.Data;

/// <summary>
/// The few places where the SQL of SQLite and of PostgreSQL differ in a statement otherwise written once: how a
/// JSON array sent as one parameter is read as rows (and a member of such a row as a column's type), how a value is
/// tested against a list parameter, how a text is read as bytes. A statement whose form differs beyond these is
/// written twice, both beside the code that runs it.
/// </summary>
public sealed class SqlDialect
{
    public static readonly SqlDialect Sqlite = new(StorageProvider.Sqlite);
    public static readonly SqlDialect Postgres = new(StorageProvider.Postgres);

    private SqlDialect(StorageProvider provider) => Provider = provider;

    public StorageProvider Provider { get; }

    public bool IsPostgres => Provider == StorageProvider.Postgres;

    /// <summary>The dialect of a connection <see cref="Database"/> opened.</summary>
    public static SqlDialect Of(DbConnection connection) => Database.ProviderOf(connection) == StorageProvider.Postgres ? Postgres : Sqlite;

    /// <summary>The objects of the JSON array <paramref name="parameter"/> as rows of one column, <c>r</c>.</summary>
    public string Rows(string parameter = "@rows") => IsPostgres
        ? $"(SELECT value AS r FROM jsonb_array_elements(CAST({parameter} AS jsonb))) AS batch"
        : $"(SELECT value AS r FROM json_each({parameter})) AS batch";

    /// <summary>The strings of the JSON array <paramref name="parameter"/> as rows of one column, <c>value</c>.</summary>
    public string Values(string parameter) => IsPostgres
        ? $"(SELECT value FROM jsonb_array_elements_text(CAST({parameter} AS jsonb)))"
        : $"(SELECT value FROM json_each({parameter}))";

    /// <summary>A text column's value as the bytes of its UTF-8 (a stored document copied to an answer as it is).</summary>
    public string Utf8(string column) => IsPostgres ? $"convert_to({column}, 'UTF8')" : $"CAST({column} AS BLOB)";

    /// <summary>
    /// The test that a value is one of the list <paramref name="parameter"/>: SQLite's <c>IN</c>, whose list Dapper
    /// expands into one parameter per value; PostgreSQL's <c>= ANY</c>, to which Dapper sends the list as one array.
    /// </summary>
    public string In(string parameter) => IsPostgres ? $"= ANY({parameter})" : $"IN {parameter}";

    /// <summary>The test that two values are the same, null being the same as null: SQLite's <c>IS</c>, PostgreSQL's <c>IS NOT DISTINCT FROM</c>.</summary>
    public string Same(string left, string right) => IsPostgres ? $"{left} IS NOT DISTINCT FROM {right}" : $"{left} IS {right}";

    /// <summary>The text member <paramref name="name"/> of the row <c>r</c>.</summary>
    public static string Text(string name) => $"r ->> '{name}'";

    /// <summary>The whole-number member <paramref name="name"/> of the row <c>r</c>.</summary>
    public string Number(string name) => IsPostgres ? $"CAST(r ->> '{name}' AS bigint)" : $"r ->> '{name}'";

    /// <summary>The true-or-false member <paramref name="name"/> of the row <c>r</c>, as the 1 or 0 a flag column holds.</summary>
    public string Flag(string name) => IsPostgres ? $"CAST(CAST(r ->> '{name}' AS boolean) AS integer)" : $"r ->> '{name}'";
}

/// <summary>A statement written once with its dialect's fragments, built for each dialect once.</summary>
public sealed class DialectSql(Func<SqlDialect, string> build)
{
    private readonly string _sqlite = build(SqlDialect.Sqlite);
    private readonly string _postgres = build(SqlDialect.Postgres);

    public string For(SqlDialect dialect) => dialect.IsPostgres ? _postgres : _sqlite;

    /// <summary>The statement in the dialect of a connection <see cref="Database"/> opened.</summary>
    public string For(DbConnection connection) => For(SqlDialect.Of(connection));
}
