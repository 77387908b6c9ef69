using Dapper;
using TimelineApi.Seed;

namespace TimelineApi.Data;

/// <summary>Start-up: bring the schema up to date, apply the seed, and publish the data version.</summary>
public sealed class DatabaseInitializer(SchemaMigrator migrator, Seeder seeder, SqliteConnectionFactory db, DataVersion version)
{
    // Every write is in the change feed, so its last sequence number names the state of the data;
    // suggestions, which are not records, add the stamp of their last insert or decision.
    private const string SelectVersion = """
        SELECT CAST(COALESCE((SELECT MAX(seq) FROM changes), 0) AS TEXT)
            || COALESCE('.' || (SELECT MAX(stamp) FROM suggestions), '');
        """;

    public async Task InitializeAsync(CancellationToken ct)
    {
        DapperSetup.Configure();
        await migrator.MigrateAsync(ct);
        await seeder.ApplyAsync(SeedSet.LoadEmbedded(), ct);
        await RefreshVersionAsync(ct);
    }

    public async Task RefreshVersionAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        version.Set(await connection.ExecuteScalarAsync<string?>(new CommandDefinition(SelectVersion, cancellationToken: ct)) ?? "0");
    }
}
