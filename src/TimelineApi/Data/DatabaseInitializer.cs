using TimelineApi.Seed;

namespace TimelineApi.Data;

/// <summary>
/// Start-up: bring the schema up to date, apply the seed, and build the stored documents rows lack, or every stored
/// document when they were built with another shape than this build's (<see cref="DocumentShape"/>).
/// </summary>
public sealed class DatabaseInitializer(SchemaMigrator migrator, Seeder seeder, Database db, IEnumerable<ReadModel> readModels)
{
    public async Task InitializeAsync(CancellationToken ct)
    {
        DapperSetup.Configure();
        await migrator.MigrateAsync(ct);
        if (!await seeder.IsAppliedAsync(SeedSet.EmbeddedContentHash(), ct))
        {
            await seeder.ApplyAsync(SeedSet.LoadEmbedded(), ct);
        }

        if (await DocumentShape.StoredAsync(db, ct) != DocumentShape.Fingerprint)
        {
            // Batch by batch, in short transactions: a reader meanwhile sees each document in one shape or the other, never none.
            foreach (var model in readModels)
            {
                await model.RebuildAllAsync(db, ct);
            }

            await DocumentShape.RecordAsync(db, ct);
        }

        foreach (var model in readModels)
        {
            await model.BuildMissingAsync(db, ct);
        }
    }
}
