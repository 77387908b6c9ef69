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
    /// <summary>428 when a change or deletion comes without <c>If-Match</c>; null when it has one.</summary>
    public static IResult? RequireIfMatch(HttpRequest request, string resource)
        => request.Headers.IfMatch.Count == 0 ? WriteResults.PreconditionRequired(resource) : null;

    /// <summary>The body as a JSON object (with <paramref name="plainTextMember"/>, a <c>text/plain</c> body as that member), or the problem with it.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadAsync(HttpContext http, CancellationToken ct, string? plainTextMember = null)
    {
        var maxBytes = http.RequestServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value.MaxBodyBytes;
        var (body, error, status) = await RequestBody.ReadObjectAsync(http.Request, maxBytes, ct, plainTextMember);
        return body is not null ? (body, null)
            : status == StatusCodes.Status400BadRequest ? (null, WriteResults.BadBody("body", error!))
            : (null, TypedResults.Problem(statusCode: status, detail: error));
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
