using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace TimelineApi.Http;

/// <summary>
/// A read the database stopped at the end of its budget (<see cref="RequestBudgets"/>) answers 422, saying how to ask
/// for less; one stopped because its client left answers nothing more (there is no one to answer).
/// </summary>
public sealed class OverBudgetHandler(Data.Database db, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // A read's time is kept by the database (SQLite's progress handler, PostgreSQL's statement_timeout), which stops
        // the statement with an error of its own; any other failure is not this handler's.
        var stopped = (exception as DbException ?? exception.InnerException as DbException) is { } e && db.IsOverBudget(e);
        if (httpContext.RequestAborted.IsCancellationRequested && (stopped || exception is OperationCanceledException))
        {
            return true; // the client left: there is no one to answer
        }

        if (!stopped)
        {
            return false;
        }

        return await ProblemWriter.AnswerAsync(problems, httpContext, exception, StatusCodes.Status422UnprocessableEntity, RequestBudgets.IsSearch(httpContext.Request)
            ? "The search needed more database time than one search may take (Limits:SearchMilliseconds): use fewer or longer words, fewer prefixes, or narrow it with a date range or a kind."
            : "The read needed more database time than one read may take (Limits:ReadMilliseconds): narrow it with a date range or a kind, or page it with a smaller limit.",
            "More work than a request may take");
    }
}
