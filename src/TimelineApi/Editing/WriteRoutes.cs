using TimelineApi.Auth;
using TimelineApi.Common;

namespace TimelineApi.Editing;

/// <summary>
/// The route group and documentation the write routes of a resource share: a write key, its id parameter, and
/// for each verb its name, summary, description and answers, worded for the resource (<c>noun</c>: "meeting").
/// </summary>
public static class WriteRoutes
{
    public static RouteGroupBuilder MapWriteGroup(this IEndpointRouteBuilder routes, string route, string tag, string resource, string exampleId)
        => routes.MapGroup(route)
            .WithTags(tag)
            .WithIdParameter(resource, exampleId)
            .RequireAuthorization(ApiKeyAuthenticationHandler.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    /// <summary>Documents a POST; <paramref name="note"/> says what else the create does, <paramref name="plainText"/> that it takes a <c>text/plain</c> body.</summary>
    public static RouteHandlerBuilder DocumentCreate<TRecord, TResponse>(this RouteHandlerBuilder route, string noun, string note = "", bool plainText = false)
        where TRecord : notnull
        => route
            .WithName($"Create{Pascal(noun)}")
            .WithSummary($"Create {Article(noun)}")
            .WithDescription($"""
                Creates {Article(noun)} from the JSON body (the shape the change feed shows as `data`). Without an `id` one is made
                from its fields. Needs a write key. 201 with the {noun} and its ETag; 409 when the id is taken; 400 when the
                body is not such a record; 422 naming every field at fault.{note}
                """)
            .Accepts<TRecord>("application/json", plainText ? ["text/plain"] : [])
            .Produces<TResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status409Conflict);

    public static RouteHandlerBuilder DocumentReplace<TRecord, TResponse>(this RouteHandlerBuilder route, string noun)
        where TRecord : notnull
        => route
            .WithName($"Replace{Pascal(noun)}")
            .WithSummary($"Replace {Article(noun)}")
            .WithDescription($"""
                Replaces the {noun} with the JSON body. Needs a write key and `If-Match` with its current ETag: 428 without,
                412 when someone changed it since. 400 when the body is not such a record; 422 naming every field at fault.
                """)
            .Accepts<TRecord>("application/json")
            .ProducesChange<TResponse>();

    public static RouteHandlerBuilder DocumentPatch<TRecord, TResponse>(this RouteHandlerBuilder route, string noun)
        where TRecord : notnull
        => route
            .WithName($"Patch{Pascal(noun)}")
            .WithSummary($"Change some fields of {Article(noun)}")
            .WithDescription($"""
                Applies a JSON merge patch (RFC 7396) to the {noun}: members given replace, members set to null are removed.
                Needs a write key and `If-Match` with its current ETag (428 without, 412 when stale).
                """)
            .Accepts<TRecord>("application/merge-patch+json", "application/json")
            .ProducesChange<TResponse>();

    public static RouteHandlerBuilder DocumentDelete(this RouteHandlerBuilder route, string noun)
        => route
            .WithName($"Delete{Pascal(noun)}")
            .WithSummary($"Delete {Article(noun)}")
            .WithDescription($"""
                Deletes the {noun}; the change feed keeps a tombstone. Needs a write key and `If-Match` with its current ETag
                (428 without, 412 when stale). 409 while other records still refer to it.
                """)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static RouteHandlerBuilder ProducesChange<TResponse>(this RouteHandlerBuilder route)
        => route
            .Produces<TResponse>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

    private static string Pascal(string noun) => char.ToUpperInvariant(noun[0]) + noun[1..];

    private static string Article(string noun) => ("aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an " : "a ") + noun;
}
