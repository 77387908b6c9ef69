using System.ComponentModel.DataAnnotations;

namespace TimelineApi.Http;

/// <summary>Limits that protect the service (section <c>Limits</c>).</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>The largest request body accepted, in bytes; larger ones answer 413.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest NDJSON body <c>POST /v1/import</c> accepts, in bytes; larger ones answer 413 (the command has no limit).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxImportBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Reads per minute from one client (its key when it sends one, else its address).</summary>
    [Range(1, 1_000_000_000)]
    public int ReadsPerMinute { get; set; } = 6000;

    /// <summary>Writes per minute with one key (or from one address without a key).</summary>
    [Range(1, 1_000_000_000)]
    public int WritesPerMinute { get; set; } = 600;

    /// <summary>
    /// Where the counts of requests per client are kept: <c>process</c> (each process counts on its own), <c>postgres</c>
    /// (in the database) or <c>redis</c> (<c>ConnectionStrings:Redis</c>), both shared by every replica. Left out: Redis
    /// when it is given, else the database on PostgreSQL, else the process.
    /// </summary>
    public string? Store { get; set; }

    /// <summary>How long the database may work for one read, in milliseconds; past it the read answers 422.</summary>
    [Range(100, 600_000)]
    public int ReadMilliseconds { get; set; } = 5000;

    /// <summary>How long the database may work for one full-text search (a read with <c>q</c>), in milliseconds; past it 422.</summary>
    [Range(50, 600_000)]
    public int SearchMilliseconds { get; set; } = 1000;

    /// <summary>Full-text searches per minute from one client, beside its reads; beyond it 429 with <c>Retry-After</c>.</summary>
    [Range(1, 1_000_000_000)]
    public int SearchesPerMinute { get; set; } = 300;

    /// <summary>
    /// Costly requests (full-text searches, and readings of reports for suggestions) the process runs at once, all
    /// kinds together; the others wait their turn (<see cref="CostlyQueue"/>). Half the cores by default (at least one),
    /// so that costly work can never take every core from the other requests.
    /// </summary>
    [Range(1, 1024)]
    public int ConcurrentCostly { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Costly requests that may wait for their turn; one more answers 503 with <c>Retry-After</c>.</summary>
    [Range(0, 100_000)]
    public int CostlyQueue { get; set; } = 128;

    /// <summary>How long reading one report for suggestions may take, in milliseconds; past it the reading stops (see the README).</summary>
    [Range(100, 600_000)]
    public int ExtractionMilliseconds { get; set; } = 10_000;

    /// <summary>Change streams one client may hold open at once (its key, else its address); one more answers 429.</summary>
    [Range(1, 100_000)]
    public int StreamsPerClient { get; set; } = 4;

    /// <summary>Change streams the process holds open at once, all clients together; one more answers 503.</summary>
    [Range(1, 1_000_000)]
    public int MaxStreams { get; set; } = 500;

    /// <summary>The most items one CSV, NDJSON, TimelineJS or calendar export holds; a larger one answers 422.</summary>
    [Range(1, 10_000_000)]
    public int MaxExportItems { get; set; } = 10_000;
}
