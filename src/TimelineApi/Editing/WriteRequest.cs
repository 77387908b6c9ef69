using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TimelineApi.Http;

namespace TimelineApi.Editing;

/// <summary>
/// The steps every write takes with its request: the <c>If-Match</c> it must carry, its body read as a JSON object
/// (both run as endpoint filters, <see cref="WriteSteps"/>), merged into the current record for a PATCH, and bound to
/// the record it writes. Each step gives either its value or the answer that ends the request.
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
    public static bool TryBind<TRecord, TResponse>(JsonObject body, [NotNullWhen(true)] out TRecord? record, [NotNullWhen(false)] out IResult? problem)
        where TRecord : class
    {
        (record, var path, var error) = RequestBody.Bind<TRecord>(body, typeof(TResponse));
        problem = record is null ? WriteResults.BadBody(path ?? "body", error ?? "The body must be a JSON object.") : null;
        return record is not null;
    }

    /// <summary>
    /// The record a PUT body describes, or (<paramref name="patch"/>) the one a JSON merge patch (RFC 7396) makes of
    /// <paramref name="current"/>; else the problem naming the member at fault.
    /// </summary>
    public static bool TryBindChange<TRecord, TResponse>(
        TRecord? current, JsonObject body, bool patch, [NotNullWhen(true)] out TRecord? record, [NotNullWhen(false)] out IResult? problem)
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
                (record, problem) = (null, WriteResults.BadBody("body", "The body holds text that is not well-formed Unicode (a lone surrogate)."));
                return false;
            }
        }

        return TryBind<TRecord, TResponse>(body, out record, out problem);
    }

    /// <summary>Whether writing <paramref name="record"/> over <paramref name="current"/> would change anything.</summary>
    public static bool Changes<TRecord>(TRecord current, TRecord record)
        => !JsonNode.DeepEquals(JsonSerializer.SerializeToNode(current, RequestBody.Json), JsonSerializer.SerializeToNode(record, RequestBody.Json));
}
