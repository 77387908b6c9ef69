using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using TimelineApi.Common;

namespace TimelineApi.OpenApi;

/// <summary>Documents the query parameters an endpoint declares with <c>WithQueryParameters</c>.</summary>
public sealed class QueryParameterOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var endpointMetadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (endpointMetadata.OfType<IdParameterMetadata>().LastOrDefault() is { } id
            && operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p is { Name: "id", In: ParameterLocation.Path }) is { } idParameter)
        {
            idParameter.Description = id.Description;
            idParameter.Example = JsonValue.Create(id.Example);
            if (idParameter.Schema is OpenApiSchema idSchema)
            {
                idSchema.Pattern = Editing.EditContext.SlugRegex;
            }
        }

        var metadata = endpointMetadata.OfType<QueryParametersMetadata>().LastOrDefault();
        if (metadata is null)
        {
            return;
        }

        operation.Parameters ??= [];
        foreach (var parameter in metadata.Parameters)
        {
            var schema = new OpenApiSchema
            {
                Type = parameter.Type == QueryParameterType.WholeNumber ? JsonSchemaType.Integer : JsonSchemaType.String,
                Default = parameter.Default is null ? null : ToNode(parameter.Default, parameter.Type),
            };
            if (parameter.Type == QueryParameterType.WholeNumber)
            {
                schema.Format = "int64";
                schema.Minimum = parameter.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
                schema.Maximum = parameter.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (parameter.AllowedValues is { } allowed && !parameter.IsList)
            {
                schema.Enum = [.. allowed.Select(v => (JsonNode)JsonValue.Create(v))];
            }
            else if (parameter.Type != QueryParameterType.WholeNumber)
            {
                schema.MinLength = 1; // `name=` with no value is refused: leave a parameter out to not give it
                schema.MaxLength = QueryReader.MaxValueLength;
                schema.Pattern = parameter.Pattern ?? parameter switch
                {
                    { Type: QueryParameterType.Date } => IsoDate.Pattern,
                    { IsList: true, AllowedValues: { } listed } => ListPattern(listed),
                    _ => null,
                };
            }

            var description = parameter.AllowedValues is { } values && parameter.IsList
                ? $"{parameter.Description} One or more of: {string.Join(", ", values.Select(v => $"`{v}`"))}, separated by commas."
                : parameter.Description;

            // Swagger UI fills a parameter's example into Try it out: optional filters keep theirs in the
            // description, so the defaults ask for the whole list rather than an empty intersection.
            if (!parameter.Required && parameter.Example is { } example)
            {
                description += $" Example: `{example}`.";
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = description,
                Required = parameter.Required,
                Schema = schema,
                Example = parameter.Required && parameter.Example is not null ? ToNode(parameter.Example, parameter.Type) : null,
            });
        }
    }

    /// <summary>One or more of the values, separated by commas (spaces around them are allowed).</summary>
    private static string ListPattern(IEnumerable<string> values)
    {
        var one = "(" + string.Join('|', values.Select(System.Text.RegularExpressions.Regex.Escape)) + ")";
        return $"^ *{one}( *, *{one})* *$";
    }

    private static JsonValue ToNode(string value, QueryParameterType type)
        => type == QueryParameterType.WholeNumber
            ? JsonValue.Create(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture))
            : JsonValue.Create(value);
}
