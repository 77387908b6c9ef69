using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using TimelineApi.Data;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>
/// The store the suite runs against: SQLite in <c>TimelineApi.Tests</c>, PostgreSQL in <c>TimelineApi.Tests.Postgres</c>
/// (the same tests, compiled with <c>POSTGRES_STORE</c>). Each app of the suite gets a database of its own.
/// </summary>
public static class TestStore
{
#if POSTGRES_STORE
    public const StorageProvider Provider = StorageProvider.Postgres;
#else
    public const StorageProvider Provider = StorageProvider.Sqlite;
#endif

    public static bool IsPostgres => Provider == StorageProvider.Postgres;

    /// <summary>A name for a new database: a file path on SQLite, a database name on PostgreSQL.</summary>
    public static string NewDatabase() => IsPostgres
        ? $"timeline_{Guid.NewGuid():N}"
        : Path.Combine(Path.GetTempPath(), $"timeline-{Guid.NewGuid():N}.db");

    /// <summary>The connection string of a database <see cref="NewDatabase"/> named (created on PostgreSQL when missing).</summary>
    public static string ConnectionString(string database, bool pooling)
    {
        if (!IsPostgres)
        {
            return $"Data Source={database};Pooling={pooling}";
        }

        PostgresTestServer.EnsureDatabase(database);
        return new NpgsqlConnectionStringBuilder(PostgresTestServer.AdminConnectionString) { Database = database, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>A connection of its own to the database, behind the API's back (what another process would see).</summary>
    public static async Task<DbConnection> OpenAsync(string database)
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresTestServer.AdminConnectionString) { Database = database, Pooling = false }.ConnectionString)
            : TimelineApi.Data.SqliteDatabase.WithFunctions(new SqliteConnection($"Data Source={database};Pooling=False"));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Deletes a database the suite made.</summary>
    public static void Delete(string database)
    {
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            PostgresTestServer.DropDatabase(database);
            return;
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
    }
}

/// <summary>
/// The PostgreSQL server the PostgreSQL suite uses: the one <c>TIMELINE_TEST_POSTGRES</c> names (a connection string
/// of a role that may create databases; <c>.ci/run</c> starts one), or else a throw-away cluster this process starts
/// with <c>tests/Postgres/cluster.sh</c> in a temporary folder and stops when it ends.
/// </summary>
public static class PostgresTestServer
{
    private static readonly Lazy<string> s_admin = new(Start);

    public static string AdminConnectionString => s_admin.Value;

    public static void EnsureDatabase(string name)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }
    }

    public static void DropDatabase(string name)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("TIMELINE_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return given;
        }

        var directory = Path.Combine(Path.GetTempPath(), $"timeline-pg-{Environment.ProcessId}");
        var port = KestrelHosting.FreePort();
        var script = RepositoryFiles.PathOf("tests", "Postgres", "cluster.sh");
        var (exitCode, output) = Run(script, "start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The throw-away PostgreSQL cluster did not start ({script}): {output}");
        }

        // At exit the cluster is stopped and removed by a process of its own (setsid: out of the test host's process
        // group), which the test runner's ending the host does not cut short.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            var destroy = new ProcessStartInfo("setsid") { UseShellExecute = false };
            foreach (var argument in new[] { "bash", script, "destroy", directory })
            {
                destroy.ArgumentList.Add(argument);
            }

            Process.Start(destroy)?.Dispose();
        };
        return output.Trim().Split('\n')[^1];
    }

    private static (int ExitCode, string Output) Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
