using TimelineApi.Auth;

namespace TimelineApi.Import;

public static class ImportEndpoints
{
    public static RouteHandlerBuilder MapImport(this IEndpointRouteBuilder routes)
        => routes.MapPost("/v1/import", ImportAsync)
            .WithTags("Import")
            .WithName("Import")
            .WithSummary("Load events, sources and statements in bulk")
            .WithDescription("""
                Streams NDJSON (`application/x-ndjson`): one event, source or statement per line, in the JSON shape the API
                serves them in (a line with `speaker` is a statement, one with `fileName` or `text` a source, any other an event).
                Lines are written in batched transactions; a line that breaks a rule is left out and reported with its line
                number in `errors`, and the rest of its batch is written. Needs a write key. For large files the command
                `dotnet run --project src/TimelineApi -- import FILE` does the same without an HTTP body limit.
                """)
            .Accepts<string>("application/x-ndjson")
            .RequireAuthorization(ApiKeyAuthenticationHandler.WritePolicy)
            .Produces<ImportSummary>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> ImportAsync(HttpContext http, Importer importer, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        return TypedResults.Ok(await importer.ImportAsync(reader, http.KeyName(), progress: null, ct));
    }
}
