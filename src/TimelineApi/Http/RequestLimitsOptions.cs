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

    /// <summary>The most items one CSV, NDJSON, TimelineJS or calendar export holds; a larger one answers 422.</summary>
    [Range(1, 10_000_000)]
    public int MaxExportItems { get; set; } = 10_000;
}
