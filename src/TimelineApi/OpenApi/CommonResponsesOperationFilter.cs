using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace TimelineApi.OpenApi;

/// <summary>
/// The answers every operation can give besides its own: 429 from the rate limiter (every request counts),
/// 503 when the database cannot be reached for a while (a failover), 422 for a read past its budget, and 304 for a GET whose <c>If-None-Match</c> still matches (all but <c>/health</c> and its sub-paths, which carry no ETag).
/// An operation with a body can also refuse it as malformed (400), too large (413) or of another media type
/// (415). A list's CSV and NDJSON exports are text, not the JSON page: each media type gets its own schema.
/// </summary>
public sealed class CommonResponsesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        var problem = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository);
        void Problem(string status, string description)
            => operation.Responses.TryAdd(status, new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = problem } },
            });

        Problem("429", "Too many requests (or full-text searches) from this client: retry after the `Retry-After` header's seconds.");
        Problem("503", "The database cannot be reached just now (a PostgreSQL failover, say), too many full-text searches are waiting, or this process is stopping: retry after the `Retry-After` header's seconds.");
        if (context.ApiDescription.HttpMethod == "GET" && context.ApiDescription.RelativePath?.StartsWith("health", StringComparison.Ordinal) != true)
        {
            const string budget = "The read needed more database time than one read may take (`Limits:ReadMilliseconds`; a full-text search, `Limits:SearchMilliseconds`): narrow it.";
            Problem("422", operation.Parameters?.Any(p => p.Name == "format" && p.In == ParameterLocation.Query) == true
                ? "A CSV or NDJSON export would hold more than `Limits:MaxExportItems` items: narrow the filters, or page it with `limit`. Or: " + budget
                : budget);
        }

        if (operation.RequestBody is not null)
        {
            Problem("400", "The body is not a JSON object of the record: malformed JSON, wrong member types or unknown members, each named.");
            Problem("413", "The body is larger than `Limits:MaxBodyBytes`.");
            Problem("415", "The body's `Content-Type` is not one this operation takes.");
        }

        if (operation.Responses.TryGetValue("200", out var ok) && ok.Content is { } content)
        {
            var json = content.TryGetValue("application/json", out var jsonMedia) ? jsonMedia.Schema : null;
            var item = (json as OpenApiSchemaReference)?.Reference.Id is { } page && page.EndsWith("Page", StringComparison.Ordinal)
                ? page[..^"Page".Length]
                : null;
            if (content.TryGetValue("text/csv", out var csv))
            {
                csv.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = $"RFC 4180 CSV with a header row: one row per `{item}`, nested members as dotted columns, lists joined with `; `, formula-leading cells prefixed with `'`.",
                };
            }

            if (content.TryGetValue("application/x-ndjson", out var ndjson))
            {
                ndjson.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = $"Newline-delimited JSON: one `{item}` per line." };
            }
        }

        // A file that is not JSON (an iCalendar feed, a source's text) is binary to a generated client: it streams it
        // rather than trying to read it as a JSON string.
        foreach (var media in operation.Responses.Where(r => r.Key.StartsWith('2')).SelectMany(r => r.Value.Content ?? new Dictionary<string, OpenApiMediaType>()))
        {
            if (!media.Key.Contains("json", StringComparison.Ordinal) && !operation.Responses.Any(r => r.Value.Content?.ContainsKey("application/json") == true)
                && media.Value.Schema is OpenApiSchema { Type: JsonSchemaType.String, Format: null } text)
            {
                text.Format = "binary";
            }
        }

        if (context.ApiDescription.HttpMethod == "GET" && context.ApiDescription.RelativePath?.StartsWith("health", StringComparison.Ordinal) != true && !operation.Responses.ContainsKey("304"))
        {
            operation.Responses["304"] = new OpenApiResponse { Description = "Not modified: the `If-None-Match` ETag still names the current answer." };
        }
    }
}
