using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Auth;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Editing;

/// <summary>How one kind of resource is written: its record, its checks, and how it reads back.</summary>
public sealed class ResourceDefinition<TRecord>
    where TRecord : class
{
    public required string Resource { get; init; }
    public required string Table { get; init; }
    public required string Route { get; init; }
    public required string Tag { get; init; }
    public required Func<TRecord, string?> IdOf { get; init; }
    public required Func<TRecord, string, TRecord> WithId { get; init; }
    public required Func<TRecord, string> SuggestId { get; init; }

    /// <summary>The current record, in the shape it is written in; null when there is none.</summary>
    public required Func<IServiceProvider, string, CancellationToken, Task<TRecord?>> LoadAsync { get; init; }

    public required Func<EditContext, TRecord, CancellationToken, Task> ValidateAsync { get; init; }
    public required Func<EditContext, TRecord, CancellationToken, Task> WriteAsync { get; init; }

    /// <summary>Why the record cannot be deleted (what still refers to it), or null.</summary>
    public required Func<EditContext, string, CancellationToken, Task<string?>> DeleteConflictAsync { get; init; }

    /// <summary>The record as the API serves it, after a write.</summary>
    public required Func<IServiceProvider, string, CancellationToken, Task<object?>> ReadAsync { get; init; }

    public required Type ResponseType { get; init; }

    /// <summary>An id to show in the documentation.</summary>
    public required string ExampleId { get; init; }

    /// <summary>Takes members of the body that are not part of the record (such as a meeting's <c>report</c>).</summary>
    public Action<JsonObject, EditContext>? TakeExtras { get; init; }

    /// <summary>The member a <c>text/plain</c> create body fills (null: JSON only).</summary>
    public string? PlainTextMember { get; init; }

    /// <summary>Fills what a new record leaves out from what it holds (a source's title and date from its text).</summary>
    public Func<TRecord, TRecord>? Complete { get; init; }

    /// <summary>Runs after the write has committed (a source's extraction, which takes its own short write for what it stores).</summary>
    public Func<IServiceProvider, TRecord, CancellationToken, Task>? AfterCommitAsync { get; init; }

    /// <summary>What else a create does, appended to its documentation.</summary>
    public string CreateNote { get; init; } = string.Empty;

    /// <summary>A related resource to name in a <c>Link</c> header of the answer: its URL and relation.</summary>
    public Func<string, (string Url, string Relation)>? RelatedLink { get; init; }
}

/// <summary>
/// POST, PUT, PATCH (JSON merge patch) and DELETE for one resource. Each write is one transaction:
/// check the key (the write policy), the version (<c>If-Match</c>: 428 without, 412 when stale),
/// the body (400 when it is not the record, 422 naming each field at fault), then write and record
/// the change. Answers carry the resource as served and its new ETag.
/// </summary>
public static class ResourceEditor
{
    public static void MapWrites<TRecord>(this IEndpointRouteBuilder routes, ResourceDefinition<TRecord> resource)
        where TRecord : class
    {
        var group = routes.MapGroup(resource.Route)
            .WithTags(resource.Tag)
            .WithIdParameter(resource.Resource, resource.ExampleId)
            .RequireAuthorization(ApiKeyAuthenticationHandler.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        var pascal = char.ToUpperInvariant(resource.Tag[0]) + resource.Tag[1..^1];
        var name = pascal.ToLowerInvariant();
        var aName = ("aeiou".Contains(name[0], StringComparison.Ordinal) ? "an " : "a ") + name;

        group.MapPost("/", (HttpContext http, CancellationToken ct) => CreateAsync(http, resource, ct))
            .WithName($"Create{pascal}")
            .WithSummary($"Create {aName}")
            .WithDescription($"""
                Creates {aName} from the JSON body (the shape the change feed shows as `data`). Without an `id` one is made
                from its fields. Needs a write key. 201 with the {name} and its ETag; 409 when the id is taken; 400 when the
                body is not such a record; 422 naming every field at fault.{resource.CreateNote}
                """)
            .Accepts<TRecord>("application/json", resource.PlainTextMember is null ? [] : ["text/plain"])
            .Produces(StatusCodes.Status201Created, resource.ResponseType)
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPut("/{id}", (string id, HttpContext http, CancellationToken ct) => ReplaceAsync(http, resource, id, patch: false, ct))
            .WithName($"Replace{pascal}")
            .WithSummary($"Replace {aName}")
            .WithDescription($"""
                Replaces the {name} with the JSON body. Needs a write key and `If-Match` with its current ETag: 428 without,
                412 when someone changed it since. 400 when the body is not such a record; 422 naming every field at fault.
                """)
            .Accepts<TRecord>("application/json")
            .Produces(StatusCodes.Status200OK, resource.ResponseType)
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapPatch("/{id}", (string id, HttpContext http, CancellationToken ct) => ReplaceAsync(http, resource, id, patch: true, ct))
            .WithName($"Patch{pascal}")
            .WithSummary($"Change some fields of {aName}")
            .WithDescription($"""
                Applies a JSON merge patch (RFC 7396) to the {name}: members given replace, members set to null are removed.
                Needs a write key and `If-Match` with its current ETag (428 without, 412 when stale).
                """)
            .Accepts<TRecord>("application/merge-patch+json", "application/json")
            .Produces(StatusCodes.Status200OK, resource.ResponseType)
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapDelete("/{id}", (string id, HttpContext http, CancellationToken ct) => DeleteAsync(http, resource, id, ct))
            .WithName($"Delete{pascal}")
            .WithSummary($"Delete {aName}")
            .WithDescription($"""
                Deletes the {name}; the change feed keeps a tombstone. Needs a write key and `If-Match` with its current ETag
                (428 without, 412 when stale). 409 while other records still refer to it.
                """)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<IResult> CreateAsync<TRecord>(HttpContext http, ResourceDefinition<TRecord> resource, CancellationToken ct)
        where TRecord : class
    {
        var (body, bodyError, status) = await ReadBodyAsync(http, ct, resource.PlainTextMember);
        if (body is null)
        {
            return BodyProblem(status, bodyError!);
        }

        return await WriteAsync(http, resource, id: null, body, ct);
    }

    private static async Task<IResult> ReplaceAsync<TRecord>(
        HttpContext http, ResourceDefinition<TRecord> resource, string id, bool patch, CancellationToken ct)
        where TRecord : class
    {
        if (http.Request.Headers.IfMatch.Count == 0)
        {
            return PreconditionRequired(resource.Resource);
        }

        var (body, bodyError, status) = await ReadBodyAsync(http, ct);
        if (body is null)
        {
            return BodyProblem(status, bodyError!);
        }

        return await WriteAsync(http, resource, id, body, ct, patch);
    }

    /// <summary>The record a merge patch makes of <paramref name="current"/>, or the problem with the patch.</summary>
    private static (JsonObject? Body, IResult? Problem) Merge<TRecord>(TRecord current, JsonObject patch)
        where TRecord : class
    {
        var target = JsonSerializer.SerializeToNode(current, RequestBody.Json)!.AsObject();
        var extras = new JsonObject();
        foreach (var (member, value) in patch.ToList().Where(m => !target.ContainsKey(m.Key) && m.Value is not null))
        {
            patch.Remove(member);
            extras[member] = value;
        }

        JsonObject merged;
        try
        {
            merged = RequestBody.MergePatch(target, patch);
        }
        catch (InvalidOperationException)
        {
            return (null, BadBody("body", "The body holds text that is not well-formed Unicode (a lone surrogate)."));
        }

        foreach (var (member, value) in extras.ToList())
        {
            extras.Remove(member);
            merged[member] = value;
        }

        return (merged, null);
    }

    private static async Task<IResult> WriteAsync<TRecord>(
        HttpContext http, ResourceDefinition<TRecord> resource, string? id, JsonObject body, CancellationToken ct, bool patch = false)
        where TRecord : class
    {
        var db = http.RequestServices.GetRequiredService<SqliteConnectionFactory>();
        await using var connection = await db.OpenAsync(ct);

        // BEGIN IMMEDIATE: from here no other writer commits until this one is done, so the record read next is the
        // one written over: a merge patch loses no concurrent change (even with `If-Match: *`).
        await using var tx = connection.BeginTransaction(deferred: false);
        var current = id is null ? null : await resource.LoadAsync(http.RequestServices, id, ct);
        if (patch)
        {
            if (current is null)
            {
                return Problems.NotFound(resource.Resource, id!);
            }

            var (merged, problem) = Merge(current, body);
            if (merged is null)
            {
                return problem!;
            }

            body = merged;
        }

        var edit = new EditContext(connection, tx, http.KeyName(), http.RequestServices.GetRequiredService<TimeProvider>());
        resource.TakeExtras?.Invoke(body, edit);
        if (!edit.IsValid)
        {
            return Unprocessable(edit);
        }

        var (record, path, error) = RequestBody.Bind<TRecord>(body, resource.ResponseType);
        if (record is null)
        {
            return BadBody(path ?? "body", error ?? "The body must be a JSON object.");
        }

        var givenId = resource.IdOf(record);
        if (id is not null)
        {
            if (givenId is not null && givenId != id)
            {
                edit.Error("id", $"The id in the body ('{givenId}') differs from the one in the URL ('{id}'); ids cannot change.");
                return Unprocessable(edit);
            }

            var version = await edit.ScalarAsync<long?>($"SELECT version FROM {resource.Table} WHERE id = @id;", new { id }, ct);
            if (version is null)
            {
                return Problems.NotFound(resource.Resource, id);
            }

            if (!ResourceTag.Matches(http.Request, ResourceTag.For(resource.Resource, id, version.Value)))
            {
                return PreconditionFailed(resource.Resource, id);
            }
        }
        else
        {
            record = resource.Complete?.Invoke(record) ?? record;
            id = givenId ?? resource.SuggestId(record);
            edit.RequireSlug("id", id);
            if (edit.IsValid && await edit.ExistsAsync(resource.Table, id, ct))
            {
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                    detail: $"A {resource.Resource} with id '{id}' already exists: change it with PUT or PATCH, or give another id.");
            }
        }

        record = resource.WithId(record, id);
        await resource.ValidateAsync(edit, record, ct);
        if (!edit.IsValid)
        {
            return Unprocessable(edit);
        }

        var created = http.Request.Method == HttpMethods.Post;
        if (current is not null && JsonNode.DeepEquals(JsonSerializer.SerializeToNode(current, RequestBody.Json), JsonSerializer.SerializeToNode(record, RequestBody.Json)))
        {
            // Sending back what was read changes nothing: no new version, no change in the feed, the same ETag.
            await tx.RollbackAsync(ct);
            return await AnswerAsync(http, resource, id, created: false, ct);
        }

        await resource.WriteAsync(edit, record, ct);
        await tx.CommitAsync(ct);
        if (resource.AfterCommitAsync is not null)
        {
            await resource.AfterCommitAsync(http.RequestServices, record, ct);
        }

        if (resource.RelatedLink?.Invoke(id) is var (url, relation))
        {
            http.Response.Headers.Link = $"<{url}>; rel=\"{relation}\"";
        }

        return await AnswerAsync(http, resource, id, created, ct);
    }

    private static async Task<IResult> DeleteAsync<TRecord>(HttpContext http, ResourceDefinition<TRecord> resource, string id, CancellationToken ct)
        where TRecord : class
    {
        if (http.Request.Headers.IfMatch.Count == 0)
        {
            return PreconditionRequired(resource.Resource);
        }

        var db = http.RequestServices.GetRequiredService<SqliteConnectionFactory>();
        await using var connection = await db.OpenAsync(ct);
        await using var tx = connection.BeginTransaction(deferred: false);
        var edit = new EditContext(connection, tx, http.KeyName(), http.RequestServices.GetRequiredService<TimeProvider>());
        var version = await edit.ScalarAsync<long?>($"SELECT version FROM {resource.Table} WHERE id = @id;", new { id }, ct);
        if (version is null)
        {
            return Problems.NotFound(resource.Resource, id);
        }

        if (!ResourceTag.Matches(http.Request, ResourceTag.For(resource.Resource, id, version.Value)))
        {
            return PreconditionFailed(resource.Resource, id);
        }

        if (await resource.DeleteConflictAsync(edit, id, ct) is { } conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: conflict);
        }

        await edit.Writer.DeleteAsync(resource.Resource, [id], ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AnswerAsync<TRecord>(HttpContext http, ResourceDefinition<TRecord> resource, string id, bool created, CancellationToken ct)
        where TRecord : class
    {
        var db = http.RequestServices.GetRequiredService<SqliteConnectionFactory>();
        await using (var connection = await db.OpenAsync(ct))
        {
            var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT version FROM {resource.Table} WHERE id = @id;", new { id }, cancellationToken: ct));
            http.Response.Headers.ETag = ResourceTag.For(resource.Resource, id, version);
        }

        var body = await resource.ReadAsync(http.RequestServices, id, ct);
        return created
            ? TypedResults.Created($"{resource.Route}/{Uri.EscapeDataString(id)}", body)
            : TypedResults.Ok(body);
    }

    internal static Task<(JsonObject? Body, string? Error, int Status)> ReadBodyAsync(HttpContext http, CancellationToken ct, string? plainTextMember = null)
        => RequestBody.ReadObjectAsync(
            http.Request, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Http.RequestLimitsOptions>>().Value.MaxBodyBytes, ct, plainTextMember);

    internal static IResult BodyProblem(int status, string message)
        => status == StatusCodes.Status400BadRequest
            ? BadBody("body", message)
            : TypedResults.Problem(statusCode: status, detail: message);

    internal static ValidationProblem BadBody(string field, string message)
        => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: "The request body is not valid.",
            detail: "See `errors`: each key names the member of the body at fault.");

    internal static ProblemHttpResult Unprocessable(EditContext edit)
        => TypedResults.Problem(new HttpValidationProblemDetails(edit.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "One or more fields are invalid.",
            Detail = "See `errors`: each key names a field of the body and says what is wrong with it.",
        });

    private static ProblemHttpResult PreconditionRequired(string resource)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired, title: "Precondition Required",
            detail: $"Send If-Match with the {resource}'s current ETag (from GET) so that a change made meanwhile is not overwritten.");

    private static ProblemHttpResult PreconditionFailed(string resource, string id)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition Failed",
            detail: $"The {resource} '{id}' changed since the ETag given in If-Match: GET it again, then retry.");
}
