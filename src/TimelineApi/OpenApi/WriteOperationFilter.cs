using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace TimelineApi.OpenApi;

/// <summary>
/// Says which operations need an API key (writes: the bearer scheme, so Swagger UI's Authorize button
/// sends it; reads: none), and documents the <c>If-Match</c> header that replacing, changing and
/// deleting need, so Swagger UI can send the ETag a read gave. A merge patch body is any subset of
/// the record's members, so its schema requires none.
/// </summary>
public sealed class WriteOperationFilter : IOperationFilter
{
    public const string SchemeName = "Bearer";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement()];
            return;
        }

        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
        if (context.ApiDescription.HttpMethod == "PATCH" && operation.RequestBody?.Content is { } content)
        {
            foreach (var media in content.Values)
            {
                var record = (media.Schema as OpenApiSchemaReference)?.Reference.Id;
                media.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = $"A JSON merge patch (RFC 7396): any members of `{record}`; a member set to null is removed.",
                    AdditionalProperties = new OpenApiSchema(),
                };
            }
        }

        if (context.ApiDescription.HttpMethod is "PUT" or "PATCH" or "DELETE")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = true,
                Description = "The ETag of the resource as last read (its `ETag` header), or `*` for any version: 428 without it, 412 when the resource changed since.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1 },
                Example = System.Text.Json.Nodes.JsonValue.Create("\"e1-3f2a9c0d1b4e5f60\""),
            });
        }
    }
}
