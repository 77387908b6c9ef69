using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TimelineApi.Editing;

/// <summary>What a write answers: the record as served with its new ETag, or a problem in the API's terms.</summary>
public static class WriteResults
{
    /// <summary>200 (or 201 with its <c>Location</c>) with the record as served, and its ETag.</summary>
    public static IResult Written<TResponse>(HttpContext http, string resource, string route, string id, long version, TResponse body, bool created)
    {
        http.Response.Headers.ETag = ResourceTag.For(resource, id, version);
        return created ? TypedResults.Created($"{route}/{Uri.EscapeDataString(id)}", body) : TypedResults.Ok(body);
    }

    public static ValidationProblem BadBody(string field, string message)
        => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: "The request body is not valid.",
            detail: "See `errors`: each key names the member of the body at fault.");

    public static ProblemHttpResult Unprocessable(EditContext edit)
        => TypedResults.Problem(new HttpValidationProblemDetails(edit.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "One or more fields are invalid.",
            Detail = "See `errors`: each key names a field of the body and says what is wrong with it.",
        });

    /// <summary>422: the body names another id than the URL.</summary>
    public static ProblemHttpResult IdChanged(EditContext edit, string given, string id)
    {
        edit.Error("id", $"The id in the body ('{given}') differs from the one in the URL ('{id}'); ids cannot change.");
        return Unprocessable(edit);
    }

    public static ProblemHttpResult Conflict(string detail)
        => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult PreconditionRequired(string resource)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired, title: "Precondition Required",
            detail: $"Send If-Match with the {resource}'s current ETag (from GET) so that a change made meanwhile is not overwritten.");

    public static ProblemHttpResult PreconditionFailed(string resource, string id)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition Failed",
            detail: $"The {resource} '{id}' changed since the ETag given in If-Match: GET it again, then retry.");
}

/// <summary>
/// What a write's steps came to: the id of the record written (not yet committed), or the answer that refused the
/// write. The route that ran them answers in its own shape (<see cref="TryGetId"/>).
/// </summary>
public sealed class Written
{
    private Written(string? id, IResult? refusal, bool wrote) => (Id, Refusal, Wrote) = (id, refusal, wrote);

    private string? Id { get; }

    private IResult? Refusal { get; }

    /// <summary>Whether anything was written: false for a change that left the record as it was.</summary>
    public bool Wrote { get; }

    public static implicit operator Written(string id) => new(id, null, wrote: true);

    /// <summary>A change that found nothing to change in the record <paramref name="id"/>.</summary>
    public static Written Unchanged(string id) => new(id, null, wrote: false);

    /// <summary>A write refused with <paramref name="refusal"/>.</summary>
    public static Written Refused(IResult refusal) => new(null, refusal, wrote: false);

    /// <summary>The id written, or (false) the refusal.</summary>
    public bool TryGetId([NotNullWhen(true)] out string? id, [NotNullWhen(false)] out IResult? refusal)
    {
        (id, refusal) = (Id, Refusal);
        return id is not null;
    }
}
