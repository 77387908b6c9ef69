using Microsoft.AspNetCore.Diagnostics;

namespace TimelineApi.Http;

/// <summary>
/// A request Kestrel itself refused while the API read it (a body past its size limit, a malformed chunk, a body that
/// stopped arriving) answers the status Kestrel gives it (413, 400, 408) as a problem, not 500.
/// </summary>
public sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        return await ProblemWriter.AnswerAsync(problems, httpContext, exception, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? "The body is larger than this operation takes (see Limits in the README)."
            : "The request could not be read: " + bad.Message);
    }
}
