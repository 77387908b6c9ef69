using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace TimelineApi.Http;

/// <summary>
/// A request the database could not serve for a passing reason (the server unreachable, as while a standby is promoted;
/// a connection cut; SQLite busy past its wait) answers 503 with <c>Retry-After</c> and problem details, not 500:
/// the client may send it again. Any other failure stays a 500.
/// </summary>
public sealed partial class DatabaseUnavailableHandler(Data.Database db, IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!(exception is DbException e && db.IsUnavailable(e)) && !(exception.InnerException is DbException inner && db.IsUnavailable(inner)))
        {
            return false;
        }

        LogUnavailable(logger, exception);
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await ProblemWriter.AnswerAsync(problems, httpContext, exception, StatusCodes.Status503ServiceUnavailable,
            $"The database cannot be reached just now: retry after {RetryAfterSeconds} second(s).", "Service Unavailable");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database could not serve a request for a passing reason: answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
