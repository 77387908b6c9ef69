using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace TimelineApi.Data;

/// <summary>
/// Applies the numbered, embedded SQL files of the store's own folder of <c>Data/Migrations</c> that are newer
/// than the database's schema version, each in its own transaction. SQLite keeps the version in
/// <c>PRAGMA user_version</c>; PostgreSQL in the table <c>schema_version</c>, and there the whole migration
/// holds an advisory lock, so replicas that start together migrate one after the other.
/// </summary>
public sealed partial class SchemaMigrator(Database db, ILogger<SchemaMigrator> logger)
{
    private const long MigrationLock = PostgresDatabase.WriterLock + 1;

    public async Task MigrateAsync(CancellationToken ct)
    {
        if (db is SqliteDatabase { DatabasePath: var path } && Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await db.OpenAsync(ct);
        if (db.IsPostgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"SELECT pg_advisory_lock({MigrationLock}); CREATE TABLE IF NOT EXISTS schema_version (version bigint NOT NULL);",
                cancellationToken: ct));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));
        }

        try
        {
            var current = await VersionAsync(db, connection, ct);
            foreach (var (version, name, sql) in LoadMigrations(db.Provider))
            {
                if (version <= current)
                {
                    continue;
                }

                await using var tx = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: ct));
                var stamp = version.ToString(CultureInfo.InvariantCulture);
                await connection.ExecuteAsync(new CommandDefinition(
                    db.IsPostgres ? $"DELETE FROM schema_version; INSERT INTO schema_version (version) VALUES ({stamp});" : $"PRAGMA user_version = {stamp};",
                    transaction: tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                LogApplied(logger, name, version);
            }
        }
        finally
        {
            if (db.IsPostgres)
            {
                await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_unlock({MigrationLock});", cancellationToken: CancellationToken.None));
            }
        }
    }

    /// <summary>The schema version of the database a connection is open on.</summary>
    public static async Task<long> VersionAsync(Database db, DbConnection connection, CancellationToken ct)
        => await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            db.IsPostgres ? "SELECT COALESCE(MAX(version), 0) FROM schema_version;" : "PRAGMA user_version;", cancellationToken: ct));

    /// <summary>The schema version this build's migrations bring a database of <paramref name="provider"/> to (from their names alone).</summary>
    public static long LatestVersion(StorageProvider provider) => Migrations(provider).Max(m => m.Version);

    private static IEnumerable<(int Version, string Name, string Sql)> LoadMigrations(StorageProvider provider)
        => Migrations(provider).Select(m =>
        {
            using var reader = new StreamReader(Assembly.GetExecutingAssembly().GetManifestResourceStream(m.Resource)!);
            return (m.Version, m.Name, reader.ReadToEnd());
        });

    /// <summary>The embedded migrations of a store, in order: each one's version, file name and resource name.</summary>
    private static IEnumerable<(int Version, string Name, string Resource)> Migrations(StorageProvider provider)
    {
        var prefix = $"Migrations.{provider}.";
        return Assembly.GetExecutingAssembly().GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Name: n[prefix.Length..], Resource: n))
            .Select(m => (int.Parse(m.Name.AsSpan(0, m.Name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture), m.Name, m.Resource))
            .OrderBy(m => m.Item1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name} (schema version {Version})")]
    private static partial void LogApplied(ILogger logger, string name, int version);
}
