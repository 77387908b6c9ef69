using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TimelineApi.Http;

namespace TimelineApi.Common;

/// <summary>Reads up to <c>limit + 1</c> items after a position; each item comes with the key a cursor is made of.</summary>
public delegate Task<IReadOnlyList<(T Item, string[] Key)>> PageReader<T>(int limit, string[]? after, CancellationToken ct);

/// <summary>Counts the items a list's filters match, on all its pages.</summary>
public delegate Task<long> ListCounter(CancellationToken ct);

/// <summary>Reads up to <c>limit + 1</c> items as stored JSON documents (a read model, UTF-8), each with the key a cursor is made of.</summary>
public delegate Task<IReadOnlyList<(byte[] Json, string[] Key)>> StoredPageReader(int limit, string[]? after, CancellationToken ct);

/// <summary>
/// A list answer. As JSON: one page (<c>{"items", "next"}</c> and a <c>Link</c> header). As CSV or
/// NDJSON: every item matching the filters, read in batches and streamed in the list's order —
/// or one page of <c>limit</c> items when the client gave a limit.
/// </summary>
public sealed class ListResult<T> : IResult, IEndpointMetadataProvider
{
    private const int FlushEvery = 500;

    private static readonly ReadOnlyMemory<byte> s_newline = "\n"u8.ToArray();

    private readonly PageReader<T> _read;
    private readonly string _format;
    private readonly int? _limit;
    private readonly string[]? _after;
    private readonly bool _bom;
    private readonly StoredPageReader? _stored;
    private readonly ListCounter? _count;
    private readonly bool _total;

    internal ListResult(PageReader<T> read, ListRequest request, StoredPageReader? stored = null, ListCounter? count = null)
        : this(read, request.Format, request.Limit, request.After, request.Bom, stored)
    {
        _total = request.Total;
        _count = count;
    }

    internal ListResult(PageReader<T> read, string format, int? limit, string[]? after, bool bom, StoredPageReader? stored = null)
    {
        _stored = stored;
        _bom = bom;
        _read = read;
        _format = format;
        _limit = limit;
        _after = after;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var ct = httpContext.RequestAborted;
        var json = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        long? total = null;
        if (_total)
        {
            var (counted, tooMany) = await CountAsync(httpContext.RequestServices, ct);
            if (counted is null)
            {
                await tooMany!.ExecuteAsync(httpContext);
                return;
            }

            total = counted;
            httpContext.Response.Headers["X-Total-Count"] = counted.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (_format == ListFormat.Json && _stored is not null)
        {
            await WriteStoredPageAsync(httpContext, json, total, ct);
            return;
        }

        if (_format == ListFormat.Json || _limit is not null)
        {
            var limit = _limit ?? CommonParameters.DefaultLimit;
            var rows = await _read(limit, _after, ct);
            var scope = Cursor.ScopeOf(httpContext.Request);
            var page = Paging.ToPage(httpContext, rows, limit, r => Cursor.Encode(scope, r.Key), r => r.Item) with { Total = total };
            if (_format == ListFormat.Json)
            {
                await TypedResults.Ok(page).ExecuteAsync(httpContext);
                return;
            }

            await WriteAsync(httpContext, json, page.Items, ct);
            return;
        }

        var (items, tooLarge) = await ListResult.ReadExportAsync(httpContext.RequestServices, _read, _after, ct);
        if (items is null)
        {
            await tooLarge!.ExecuteAsync(httpContext);
            return;
        }

        await WriteAsync(httpContext, json, items, ct);
    }

    /// <summary>
    /// Writes a JSON page of stored documents as they are: the same bytes <c>{"items", "next"}</c> serialized from
    /// the items would be, without materializing them.
    /// </summary>
    private async Task WriteStoredPageAsync(HttpContext httpContext, JsonSerializerOptions json, long? total, CancellationToken ct)
    {
        var limit = _limit ?? CommonParameters.DefaultLimit;
        var rows = await _stored!(limit, _after, ct);
        var scope = Cursor.ScopeOf(httpContext.Request);
        var page = Paging.ToPage(httpContext, rows, limit, r => Cursor.Encode(scope, r.Key), r => r.Json);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, new JsonWriterOptions { Encoder = json.Encoder, SkipValidation = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(json.PropertyNamingPolicy?.ConvertName(nameof(Page<T>.Items)) ?? nameof(Page<T>.Items));
            foreach (var item in page.Items)
            {
                writer.WriteRawValue(item, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteString(json.PropertyNamingPolicy?.ConvertName(nameof(Page<T>.Next)) ?? nameof(Page<T>.Next), page.Next);
            if (total is { } counted)
            {
                writer.WriteNumber(json.PropertyNamingPolicy?.ConvertName(nameof(Page<T>.Total)) ?? nameof(Page<T>.Total), counted);
            }

            writer.WriteEndObject();
        }

        await httpContext.Response.BodyWriter.FlushAsync(ct);
    }

    /// <summary>
    /// How many items the filters match: by the list's own count when it has one, else by reading them (up to
    /// <c>Limits:MaxExportItems</c>; past it, the 422 problem that says to count with a narrower filter or the facets).
    /// </summary>
    private async Task<(long? Total, ProblemHttpResult? TooMany)> CountAsync(IServiceProvider services, CancellationToken ct)
    {
        if (_count is not null)
        {
            return (await _count(ct), null);
        }

        var (items, tooLarge) = await ListResult.ReadExportAsync(services, _read, null, ct);
        return items is null
            ? (null, TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Too many items to count.",
                detail: $"{tooLarge!.ProblemDetails.Detail} This list is counted by reading it: narrow the filters to count it."))
            : (items.Count, null);
    }

    private async Task WriteAsync(HttpContext httpContext, JsonSerializerOptions json, IReadOnlyList<T> items, CancellationToken ct)
    {
        var response = httpContext.Response;
        var body = response.Body;
        var name = httpContext.Request.Path.Value!.TrimEnd('/').Split('/')[^1];
        if (_format == ListFormat.Csv)
        {
            response.ContentType = $"{ListFormat.CsvMediaType}; charset=utf-8; header=present";
            response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
            if (_bom)
            {
                await body.WriteAsync(Encoding.UTF8.Preamble.ToArray(), ct);
            }

            var csv = new CsvWriter<T>(json);
            await body.WriteAsync(Encoding.UTF8.GetBytes(csv.Header), ct);
            foreach (var item in items)
            {
                await body.WriteAsync(Encoding.UTF8.GetBytes(csv.Row(item)), ct);
            }
        }
        else
        {
            response.ContentType = $"{ListFormat.NdjsonMediaType}; charset=utf-8";
            response.Headers.ContentDisposition = $"attachment; filename=\"{name}.ndjson\"";
            var count = 0;
            foreach (var item in items)
            {
                await JsonSerializer.SerializeAsync(body, item, json, ct);
                await body.WriteAsync(s_newline, ct);
                if (++count % FlushEvery == 0)
                {
                    await body.FlushAsync(ct);
                }
            }
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider is implemented by a static member.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
        => builder.Metadata.Add(new ProducesResponseTypeMetadata(
            StatusCodes.Status200OK, typeof(Page<T>), ["application/json", ListFormat.CsvMediaType, ListFormat.NdjsonMediaType]));
}

public static class ListResult
{
    private const int BatchSize = 500;

    /// <summary>Every item <paramref name="read"/> yields after <paramref name="after"/>, read in batches, in order.</summary>
    private static async IAsyncEnumerable<T> ReadAllAsync<T>(
        PageReader<T> read, string[]? after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            var rows = await read(BatchSize, after, ct);
            foreach (var (item, _) in rows.Take(BatchSize))
            {
                yield return item;
            }

            if (rows.Count <= BatchSize)
            {
                yield break;
            }

            after = rows[BatchSize - 1].Key;
        }
    }

    /// <summary>A list read through <paramref name="read"/>, in the format the request negotiated.</summary>
    public static ListResult<T> Create<T>(PageReader<T> read, ListRequest request, ListCounter? count = null) => new(read, request, count: count);

    /// <summary>
    /// A list whose JSON pages are read as stored documents through <paramref name="stored"/> (the same items
    /// <paramref name="read"/> gives, already serialized); other formats are read through <paramref name="read"/>.
    /// </summary>
    public static ListResult<T> Create<T>(PageReader<T> read, StoredPageReader stored, ListRequest request, ListCounter? count = null)
        => new(read, request, stored, count);

    /// <summary>
    /// Every item of a whole export (CSV, NDJSON, TimelineJS, iCalendar) after <paramref name="after"/>, or the
    /// 422 problem when there are more than <c>Limits:MaxExportItems</c>: an export is checked whole before its
    /// first byte is sent, so it is never cut off halfway.
    /// </summary>
    public static async Task<(IReadOnlyList<T>? Items, ProblemHttpResult? TooLarge)> ReadExportAsync<T>(
        IServiceProvider services, PageReader<T> read, string[]? after, CancellationToken ct)
    {
        var maxItems = services.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxExportItems;
        var items = new List<T>();
        await foreach (var item in ReadAllAsync(read, after, ct))
        {
            if (items.Count == maxItems)
            {
                return (null, TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The export is too large.",
                    detail: $"More than {maxItems} items match these filters, the most one export holds (Limits:MaxExportItems). "
                        + "Narrow the filters, or export page by page with `limit` and the `Link: rel=\"next\"` header."));
            }

            items.Add(item);
        }

        return (items, null);
    }

    /// <summary>A list already in memory, paged by position, in the format the request negotiated.</summary>
    public static ListResult<T> Of<T>(IReadOnlyList<T> items, ListRequest request)
        => Create<T>((limit, after, _) =>
        {
            var start = after is null ? 0 : int.Parse(after[0], CultureInfo.InvariantCulture) + 1;
            return Task.FromResult<IReadOnlyList<(T, string[])>>(
                [.. items.Skip(start).Take(limit + 1).Select((item, i) => (item, new[] { (start + i).ToString(CultureInfo.InvariantCulture) }))]);
        }, request);

    /// <summary>The cursor of a list paged by position (see <see cref="Of"/>), checked.</summary>
    public static string[]? PositionCursor(QueryReader query)
    {
        var after = query.CursorParts(1);
        if (after is not null && !(int.TryParse(after[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position >= 0))
        {
            query.AddError(CommonParameters.Cursor.Name, "The cursor is not one this endpoint issued.");
            return null;
        }

        return after;
    }
}

/// <summary>The paging and format parameters of a list request; <c>Bom</c> starts a CSV export with a UTF-8 byte order mark.</summary>
public sealed record ListRequest(string Format, int? Limit, string[]? After, bool Bom = false, bool Total = false);
