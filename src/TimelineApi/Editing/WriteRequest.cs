using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TimelineApi.Http;

namespace TimelineApi.Editing;

/// <summary>
/// The steps every write handler takes with its request: the <c>If-Match</c> it must carry, its body read as a
/// JSON object, merged into the current record for a PATCH, and bound to the record it writes. Each step
/// gives either its value or the answer that ends the request.
/// </summary>
public static class WriteRequest
{
    /// <summary>
    /// 428 when a change or deletion comes without <c>If-Match</c>, 400 when it is no list of entity tags (an ETag
    /// without its quotes, RFC 9110 8.8.3); null when it has one.
    /// </summary>
    public static IResult? RequireIfMatch(HttpRequest request, string resource)
    {
        var ifMatch = request.Headers.IfMatch;
        if (ifMatch.Count == 0)
        {
            return WriteResults.PreconditionRequired(resource);
        }

        return Microsoft.Net.Http.Headers.EntityTagHeaderValue.TryParseStrictList(ifMatch, out _)
            ? null
            : TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Bad Request",
                detail: $"If-Match '{ifMatch}' is not an ETag: send the ETag header of a GET as it is, quotes included (\"e3-…\"), or '*' for any version.");
    }

    /// <summary>
    /// The start of a PUT or PATCH of <paramref name="id"/>: <c>If-Match</c> present (428), the body read (400, 413,
    /// 415), the write begun, the record there (404) and at the version <c>If-Match</c> names (412). Either the
    /// write and the body, or the answer that ends the request (the write then already rolled back).
    /// </summary>
    public static async Task<(EditContext? Edit, JsonObject? Body, IResult? Refused)> BeginChangeAsync(
        HttpContext http, string resource, string table, string id, CancellationToken ct)
    {
        if (RequireIfMatch(http.Request, resource) is { } required)
        {
            return (null, null, required);
        }

        var (body, problem) = await ReadAsync(http, ct);
        if (body is null)
        {
            return (null, null, problem);
        }

        var (edit, refused) = await BeginOnAsync(http, resource, table, id, ct);
        return (edit, body, refused);
    }

    /// <summary>The start of a DELETE of <paramref name="id"/>: as <see cref="BeginChangeAsync"/>, without a body.</summary>
    public static async Task<(EditContext? Edit, IResult? Refused)> BeginDeleteAsync(
        HttpContext http, string resource, string table, string id, CancellationToken ct)
        => RequireIfMatch(http.Request, resource) is { } required ? (null, required) : await BeginOnAsync(http, resource, table, id, ct);

    private static async Task<(EditContext? Edit, IResult? Refused)> BeginOnAsync(HttpContext http, string resource, string table, string id, CancellationToken ct)
    {
        var edit = await EditContext.BeginAsync(http, ct);
        if (await edit.CheckVersionAsync(http.Request, resource, table, id, ct) is { } refused)
        {
            await edit.DisposeAsync();
            return (null, refused);
        }

        return (edit, null);
    }

    /// <summary>The body as a JSON object (with <paramref name="plainTextMember"/>, a <c>text/plain</c> body as that member), or the problem with it.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct, string? plainTextMember = null)
    {
        var maxBytes = http.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxBodyBytes;
        var (body, error, status) = await RequestBody.ReadObjectAsync(http.Request, maxBytes, ct, plainTextMember);
        return body is not null ? (body, null)
            : status == StatusCodes.Status400BadRequest ? (null, WriteResults.BadBody(error!.Path, error.Message))
            : (null, TypedResults.Problem(statusCode: status, detail: error!.Message));
    }

    /// <summary>
    /// The record a JSON body describes (members only the read shape <typeparamref name="TResponse"/> has are
    /// dropped, so a body read from the API binds as it is), or the problem naming the member at fault.
    /// </summary>
    public static (TRecord? Record, IResult? Problem) Bind<TRecord, TResponse>(JsonObject body)
        where TRecord : class
    {
        var (record, path, error) = RequestBody.Bind<TRecord>(body, typeof(TResponse));
        return record is not null ? (record, null) : (null, WriteResults.BadBody(path ?? "body", error ?? "The body must be a JSON object."));
    }

    /// <summary>
    /// The record a PUT body describes, or (<paramref name="patch"/>) the one a JSON merge patch (RFC 7396) makes of
    /// <paramref name="current"/>; else the problem naming the member at fault.
    /// </summary>
    public static (TRecord? Record, IResult? Problem) BindChange<TRecord, TResponse>(TRecord? current, JsonObject body, bool patch)
        where TRecord : class
    {
        if (patch)
        {
            try
            {
                body = RequestBody.MergePatch(JsonSerializer.SerializeToNode(current, RequestBody.Json)!.AsObject(), body);
            }
            catch (InvalidOperationException)
            {
                return (null, WriteResults.BadBody("body", "The body holds text that is not well-formed Unicode (a lone surrogate)."));
            }
        }

        return Bind<TRecord, TResponse>(body);
    }

    /// <summary>Whether writing <paramref name="record"/> over <paramref name="current"/> would change anything.</summary>
    public static bool Changes<TRecord>(TRecord current, TRecord record)
        => !JsonNode.DeepEquals(JsonSerializer.SerializeToNode(current, RequestBody.Json), JsonSerializer.SerializeToNode(record, RequestBody.Json));
}
