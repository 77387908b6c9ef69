using Microsoft.Net.Http.Headers;

namespace TimelineApi.Common;

/// <summary>The representations a list is served in.</summary>
public static class ListFormat
{
    public const string Json = "json";
    public const string Csv = "csv";
    public const string Ndjson = "ndjson";

    public const string CsvMediaType = "text/csv";
    public const string NdjsonMediaType = "application/x-ndjson";

    public static readonly string[] ListFormats = [Json, Csv, Ndjson];

    private static readonly Dictionary<string, string> s_byMediaType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/json"] = Json,
        [CsvMediaType] = Csv,
        [NdjsonMediaType] = Ndjson,
        ["application/ndjson"] = Ndjson,
        ["application/jsonl"] = Ndjson,
    };

    /// <summary>The <c>format</c> parameter, offering <paramref name="formats"/>.</summary>
    public static QueryParameter Parameter(params string[] formats) => new(
        "format",
        "The representation: `json` (a page), or a full export of everything matching the filters — `csv` (one row per item, "
        + "lists joined with `; `) or `ndjson` (one JSON item per line, streamed), capped only when `limit` is given. "
        + "`Accept: text/csv` or `Accept: application/x-ndjson` ask for the same.",
        Json,
        AllowedValues: formats,
        Default: Json);

    /// <summary>The format asked for: the <c>format</c> parameter if given, else the best listed type of <c>Accept</c>, else JSON.</summary>
    public static string Negotiate(QueryReader query, QueryParameter parameter, HttpRequest request)
    {
        if (query.OneOf(parameter) is { } format)
        {
            return format;
        }

        if (MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            foreach (var mediaType in accepted.OrderByDescending(m => m.Quality ?? 1))
            {
                if (s_byMediaType.TryGetValue(mediaType.MediaType.Value ?? string.Empty, out var match))
                {
                    return match;
                }
            }
        }

        return Json;
    }
}
