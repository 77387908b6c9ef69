using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TimelineApi.Health;

/// <summary>The service's state: the database answers, at this schema version.</summary>
public sealed record HealthResponse(string Status, long SchemaVersion);

/// <summary>The process answers (liveness): nothing else is asked.</summary>
public sealed record LivenessResponse(string Status);

/// <summary>
/// The service's health for a balancer or an orchestrator: <c>/health/live</c> (the process answers: restart it when
/// not), <c>/health/ready</c> (send it requests: the database answers in time at the schema this build needs, and the
/// process is not stopping), and <c>/health</c>, the database check alone, as before.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder routes)
    {
        // A balancer asks these every second or so: their durations are left out of the request metrics, which they
        // would otherwise fill with a balancer's traffic (and each would pay for its recording).
        var health = routes.MapGroup(string.Empty).DisableHttpMetrics();
        health.MapGet("/health", GetHealth)
            .WithTags("Health")
            .WithName("GetHealth")
            .WithSummary("Is the service up")
            .WithDescription("200 when the database is reachable (with its schema version); 503 with problem details when it is not.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/health/live", () => TypedResults.Ok(new LivenessResponse("alive")))
            .WithTags("Health")
            .WithName("GetLiveness")
            .WithSummary("Is the process alive")
            .WithDescription("200 whenever the process answers; it asks nothing of the database. An orchestrator restarts a process that stops answering it.");
        health.MapGet("/health/ready", GetReadiness)
            .WithTags("Health")
            .WithName("GetReadiness")
            .WithSummary("Is the service ready for requests")
            .WithDescription(
                "200 when the database answers within `Health:ReadyTimeoutSeconds` at the schema version this build needs; 503 with problem details " +
                "and `Retry-After` when it does not, when its schema is older (migrations not yet applied), or while the process is stopping. " +
                "A balancer sends requests only to ready replicas.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> GetHealth(HealthCheckService checks, CancellationToken ct)
        => Answer(await checks.CheckHealthAsync(c => c.Name == DatabaseHealthCheck.Name, ct), "healthy", retry: false);

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> GetReadiness(
        HealthCheckService checks, IHostApplicationLifetime lifetime, HttpContext http, CancellationToken ct)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            http.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable",
                detail: "This process is stopping: send requests to another replica.");
        }

        var answer = Answer(await checks.CheckHealthAsync(c => c.Tags.Contains(DatabaseHealthCheck.ReadyTag), ct), "ready", retry: true);
        if (answer.Result is ProblemHttpResult)
        {
            http.Response.Headers.RetryAfter = "1";
        }

        return answer;
    }

    private static Results<Ok<HealthResponse>, ProblemHttpResult> Answer(HealthReport report, string status, bool retry)
    {
        var database = report.Entries.GetValueOrDefault(DatabaseHealthCheck.Name);
        if (report.Status == HealthStatus.Healthy && database.Data.TryGetValue(DatabaseHealthCheck.SchemaVersionKey, out var version))
        {
            return TypedResults.Ok(new HealthResponse(status, (long)version));
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable",
            detail: (database.Description ?? "The database cannot be reached.") + (retry ? " Retry after the Retry-After header's seconds." : ""));
    }
}
