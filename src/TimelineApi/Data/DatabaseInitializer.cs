using TimelineApi.Seed;

namespace TimelineApi.Data;

/// <summary>Start-up: bring the schema up to date, apply the seed, and build the stored documents rows lack.</summary>
public sealed class DatabaseInitializer(SchemaMigrator migrator, Seeder seeder, Database db)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        DapperSetup.Configure();
        await migrator.MigrateAsync(ct);
        if (!await seeder.IsAppliedAsync(SeedSet.EmbeddedContentHash(), ct))
        {
            await seeder.ApplyAsync(SeedSet.LoadEmbedded(), ct);
        }

        await Events.EventDocuments.BuildMissingAsync(db, ct);
        await Timeline.StatementDocuments.BuildMissingAsync(db, ct);
    }
}
