using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>
/// The real application over a temporary SQLite file of its own. Pass a path to share a database
/// between two instances (a restart); the instance that created the path deletes it.
/// </summary>
public sealed class TimelineApiFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;

    public TimelineApiFactory()
        : this(Path.Combine(Path.GetTempPath(), $"timeline-{Guid.NewGuid():N}.db"), ownsDatabase: true)
    {
    }

    private TimelineApiFactory(string databasePath, bool ownsDatabase)
    {
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
    }

    public string DatabasePath { get; }

    /// <summary>An instance over an existing database file, which it leaves in place.</summary>
    public static TimelineApiFactory ForDatabase(string databasePath) => new(databasePath, ownsDatabase: false);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Timeline", $"Data Source={DatabasePath};Pooling=False");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            DeleteDatabase(DatabasePath);
        }
    }

    public static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
