using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using TimelineApi.Auth;
using TimelineApi.Http;

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
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    private static async Task<IResult> ImportAsync(HttpContext http, Importer importer, IOptions<RequestLimitsOptions> limits, CancellationToken ct)
    {
        var max = limits.Value.MaxImportBytes;
        if (http.Request.ContentLength > max)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                detail: $"The body is larger than {max} bytes (Limits:MaxImportBytes): split the file, or use the import command.");
        }

        // A body sent without its length stops being read at the limit (Kestrel then answers 413); batches before it stay written.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max;
        }

        using var reader = new StreamReader(http.Request.Body);
        return TypedResults.Ok(await importer.ImportAsync(reader, http.KeyName(), progress: null, ct));
    }
}
