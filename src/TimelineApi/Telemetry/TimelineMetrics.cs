using System.Diagnostics.Metrics;

namespace TimelineApi.Telemetry;

/// <summary>
/// The API's own instruments, on the meter <c>TimelineApi</c>, beside those ASP.NET Core, Kestrel,
/// the runtime and Npgsql publish (see <see cref="TelemetrySetup"/>).
/// </summary>
public static class TimelineMetrics
{
    public const string MeterName = "TimelineApi";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>Answers the response cache could give (<c>result</c> = <c>hit</c>) or had to make (<c>miss</c>).</summary>
    public static readonly Counter<long> ResponseCache = s_meter.CreateCounter<long>(
        "timeline.response_cache.requests", "{request}", "GET requests the response cache was asked for, by result (hit, miss).");

    /// <summary>Bytes of answers kept in the response cache.</summary>
    public static readonly Counter<long> ResponseCacheBytesStored = s_meter.CreateCounter<long>(
        "timeline.response_cache.stored", "By", "Bytes of answers stored in the response cache.");

    /// <summary>Change streams open now.</summary>
    public static readonly UpDownCounter<long> ChangeStreams = s_meter.CreateUpDownCounter<long>(
        "timeline.change_streams.open", "{stream}", "Change streams (/v1/changes/stream) open in this process.");

    /// <summary>Requests refused by a limit, by which (<c>limit</c>: reads, writes, searches, costly, streams).</summary>
    public static readonly Counter<long> Refusals = s_meter.CreateCounter<long>(
        "timeline.limits.refusals", "{request}", "Requests refused by a limit (429 or 503), by limit.");

    /// <summary>Time spent reading reports for suggestions.</summary>
    public static readonly Histogram<double> ExtractionDuration = s_meter.CreateHistogram<double>(
        "timeline.extraction.duration", "s", "Time a reading of a report for suggestions took, by outcome (done, over_budget).");

    /// <summary>Suggestions a reading of a report proposed that were new, by kind.</summary>
    public static readonly Counter<long> Proposals = s_meter.CreateCounter<long>(
        "timeline.extraction.proposals", "{suggestion}", "New suggestions the readings of reports proposed, by kind (participant, statement, event, meeting).");

    /// <summary>Reads of the data version, which names what every answer shows, by whether the database was asked again.</summary>
    public static readonly Counter<long> DataVersionReads = s_meter.CreateCounter<long>(
        "timeline.data_version.reads", "{read}", "Reads of the data version (one per request that may be cached), by result: read (asked of the database) or unchanged (SQLite said nothing was committed since).");

    /// <summary>Records written by imports.</summary>
    public static readonly Counter<long> ImportedRecords = s_meter.CreateCounter<long>(
        "timeline.import.records", "{record}", "Records written by imports (POST /v1/import and the import command), and lines refused.");

    /// <summary>Requests the shared store of the limits (Redis) could not count; each was counted by its process instead.</summary>
    public static readonly Counter<long> LimitsStoreErrors = s_meter.CreateCounter<long>(
        "timeline.limits.store_errors", "{request}", "Requests whose count the shared store of the limits (Redis) could not keep; each process counted them itself.");

    public static void Refused(string limit) => Refusals.Add(1, new KeyValuePair<string, object?>("limit", limit));
}
