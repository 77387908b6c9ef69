using System.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace TimelineApi.Http;

/// <summary>
/// Writes every problem as <c>application/problem+json</c> (RFC 9457), whatever the request's <c>Accept</c>: a client
/// that asked for CSV or a calendar and gets an error still gets one it can read, never the framework's plain text.
/// Registered after the framework's own writer, which answers when <c>Accept</c> takes JSON; this one answers the rest.
/// </summary>
public sealed class ProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        _ = TypedResults.Problem(problem); // gives it the type and title of its status, as the framework's writer does
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
        http.RequestServices.GetRequiredService<IOptions<ProblemDetailsOptions>>().Value.CustomizeProblemDetails?.Invoke(context);
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new(http.Response.WriteAsJsonAsync(problem, problem.GetType(), json, "application/problem+json", http.RequestAborted));
    }

    /// <summary>
    /// Gives the problems the framework answers by itself (an unknown URL, a method a URL does not take, a body type an
    /// operation does not read, a missing key) a <c>detail</c> that says what to do.
    /// </summary>
    public static void Explain(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status401Unauthorized => Auth.ApiKeyAuthenticationHandler.WhyUnauthorized(request),
            StatusCodes.Status403Forbidden => "The key sent may not do this: writes need a write key, not a read-only one.",
            StatusCodes.Status404NotFound => $"Nothing is at '{request.Path}'. The API's routes are listed at /swagger.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on '{request.Path}': the Allow header lists the methods it takes.",
            StatusCodes.Status415UnsupportedMediaType => $"This operation does not read a body of type '{request.ContentType}': send one of {Accepted(context.HttpContext)}.",
            StatusCodes.Status500InternalServerError => "The server failed to answer this request; the traceId names the failure in its logs.",
            _ => null,
        };
    }

    /// <summary>
    /// The media types the operations at the request's path and method read (the framework answers 415 before any of
    /// them is chosen, so they are found again by their route patterns).
    /// </summary>
    private static string Accepted(HttpContext http)
    {
        var request = http.Request;
        var types = http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(request.Method, StringComparer.OrdinalIgnoreCase) == true
                && new TemplateMatcher(TemplateParser.Parse(e.RoutePattern.RawText ?? ""), []).TryMatch(request.Path, []))
            .SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return types.Count > 0 ? string.Join(", ", types) : "application/json";
    }

    /// <summary>Answers a request that failed with <paramref name="exception"/> with a problem of <paramref name="status"/>: for exception handlers.</summary>
    public static ValueTask<bool> AnswerAsync(IProblemDetailsService problems, HttpContext http, Exception exception, int status, string detail, string? title = null)
    {
        http.Response.StatusCode = status;
        return problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
