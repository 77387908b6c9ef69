using Microsoft.AspNetCore.Http.HttpResults;
using System.Data.Common;
using TimelineApi.Data;

namespace TimelineApi.Health;

/// <summary>The service's state: the database answers, at this schema version.</summary>
public sealed record HealthResponse(string Status, long SchemaVersion);

public static partial class HealthEndpoints
{
    public static RouteHandlerBuilder MapHealth(this IEndpointRouteBuilder routes)
        => routes.MapGet("/health", GetHealth)
            .WithTags("Health")
            .WithName("GetHealth")
            .WithSummary("Is the service up")
            .WithDescription("200 when the database is reachable (with its schema version); 503 with problem details when it is not.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> GetHealth(
        Database db, ILogger<HealthResponse> logger, CancellationToken ct)
    {
        try
        {
            await using var connection = await db.OpenAsync(ct);
            var version = await SchemaMigrator.VersionAsync(db, connection, ct);
            return TypedResults.Ok(new HealthResponse("healthy", version));
        }
        catch (DbException e)
        {
            LogUnhealthy(logger, e);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable", detail: "The database cannot be reached.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Health check failed: the database cannot be reached")]
    private static partial void LogUnhealthy(ILogger logger, Exception exception);
}
