using TimelineApi.Seed;

namespace TimelineApi.Data;

/// <summary>Start-up: bring the schema up to date and apply the seed.</summary>
public sealed class DatabaseInitializer(SchemaMigrator migrator, Seeder seeder)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        DapperSetup.Configure();
        await migrator.MigrateAsync(ct);
        await seeder.ApplyAsync(SeedSet.LoadEmbedded(), ct);
    }
}
