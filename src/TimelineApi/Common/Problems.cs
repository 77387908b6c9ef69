using Microsoft.AspNetCore.Http.HttpResults;

namespace TimelineApi.Common;

/// <summary>RFC 9457 problem details answers that say what was wrong.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string resource, string id)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not Found",
            detail: $"There is no {resource} with id '{id}'.");

    public static ValidationProblem InvalidQuery(QueryReader query)
        => TypedResults.ValidationProblem(
            query.Errors,
            title: "One or more query parameters are invalid.",
            detail: "See `errors`: each key names a parameter and says what is wrong with it.");
}
