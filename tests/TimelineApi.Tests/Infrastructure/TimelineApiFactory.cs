using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>
/// The real application over a temporary database of its own, in the suite's store (<see cref="TestStore"/>): a SQLite
/// file, or a PostgreSQL database. Pass its name to share a database between two instances (a restart); the instance
/// that created it deletes it.
/// </summary>
public sealed class TimelineApiFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDatabase;
    private readonly bool _responseCache;
    private bool _pooling;
    private bool _unlimited;

    /// <summary>A new app over a new database. The response cache is off unless a test is about it, so a read sees the database.</summary>
    public TimelineApiFactory()
        : this(TestStore.NewDatabase(), ownsDatabase: true, responseCache: false)
    {
    }

    private TimelineApiFactory(string databasePath, bool ownsDatabase, bool responseCache)
    {
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        _responseCache = responseCache;
    }

    /// <summary>An app over a new database with connection pooling on, as it runs in production (tests default to off, so files can be deleted at once).</summary>
    public static TimelineApiFactory WithPooling() => new() { _pooling = true, _unlimited = true };

    /// <summary>An app whose rate limits no test's load reaches (for suites that send thousands of requests, not about limits).</summary>
    public static TimelineApiFactory WithoutRateLimits() => new() { _unlimited = true };

    /// <summary>An app over a new database with the response cache on, as it runs by default.</summary>
    public static TimelineApiFactory WithResponseCache()
        => new(TestStore.NewDatabase(), ownsDatabase: true, responseCache: true);

    /// <summary>The database: a file path on SQLite, a database name on PostgreSQL.</summary>
    public string DatabasePath { get; }

    /// <summary>A connection of its own to the app's database, behind the API's back.</summary>
    public Task<System.Data.Common.DbConnection> OpenDatabaseAsync() => TestStore.OpenAsync(DatabasePath);

    /// <summary>An instance over an existing database file, which it leaves in place.</summary>
    public static TimelineApiFactory ForDatabase(string databasePath) => new(databasePath, ownsDatabase: false, responseCache: false);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", TestStore.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Timeline", TestStore.ConnectionString(DatabasePath, _pooling));
        if (!_responseCache)
        {
            builder.UseSetting("Http:ResponseCacheMegabytes", "0");
        }

        // Time budgets a loaded test machine cannot reach by chance (suites run side by side, PostgreSQL beside them);
        // the tests of the budgets set their own.
        builder.UseSetting("Limits:ReadMilliseconds", "60000");
        builder.UseSetting("Limits:SearchMilliseconds", "60000");
        builder.UseSetting("Limits:ExtractionMilliseconds", "120000");

        if (_unlimited)
        {
            // The pooled server is the load-test server: one client's thousands of requests are the point, not a limit to hit.
            builder.UseSetting("Limits:ReadsPerMinute", "100000000");
            builder.UseSetting("Limits:WritesPerMinute", "100000000");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            DeleteDatabase(DatabasePath);
        }
    }

    public static void DeleteDatabase(string database) => TestStore.Delete(database);
}

public static class KestrelHosting
{
    /// <summary>
    /// Serves the app from a real Kestrel server on a free port of 127.0.0.1, for clients that are not
    /// .NET (a browser, Node), returning its base address (no trailing slash).
    /// </summary>
    public static string StartKestrel(this WebApplicationFactory<Program> app, int port = 0)
    {
        app.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        app.StartServer();
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return addresses.First().TrimEnd('/');
    }

    /// <summary>A port of 127.0.0.1 free now, for a server whose address must be known before it starts.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
