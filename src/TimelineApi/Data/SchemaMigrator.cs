using System.Globalization;
using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace TimelineApi.Data;

/// <summary>
/// Applies the numbered, embedded SQL files of <c>Data/Migrations</c> that are newer than the
/// database's <c>PRAGMA user_version</c>, each in its own transaction.
/// </summary>
public sealed partial class SchemaMigrator(SqliteConnectionFactory db, ILogger<SchemaMigrator> logger)
{
    private const string ResourcePrefix = "Migrations.";

    public async Task MigrateAsync(CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(db.DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));
        var current = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA user_version;", cancellationToken: ct));

        foreach (var (version, name, sql) in LoadMigrations())
        {
            if (version <= current)
            {
                continue;
            }

            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                $"PRAGMA user_version = {version.ToString(CultureInfo.InvariantCulture)};", transaction: tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            LogApplied(logger, name, version);
        }
    }

    private static IEnumerable<(int Version, string Name, string Sql)> LoadMigrations()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var name = n[ResourcePrefix.Length..];
                var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (version, name, reader.ReadToEnd());
            })
            .OrderBy(m => m.version);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name} (schema version {Version})")]
    private static partial void LogApplied(ILogger logger, string name, int version);
}
