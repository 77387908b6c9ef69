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

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }
}
