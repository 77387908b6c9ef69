using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace TimelineApi.OpenApi;

public static class OpenApiSetup
{
    public static void Configure(SwaggerGenOptions options)
    {
        options.SwaggerDoc("v1", new OpenApiInfo
        {
            Title = "TimelineApi",
            Version = "v1",
            Description = """
                A timeline of diplomatic events: what happened (calls, summits, talks, briefings), who took part, what was
                said (verbatim statements with their source and position in it) and what is scheduled next (meetings with
                the history of their status). Built from news reports on the December 2021 Biden–Putin calls and the talks
                planned for January 2022. Dates are ISO 8601 days, or date-times with offset where the time is known;
                unknown values are null. Lists are paged with `limit` and `cursor`; errors are RFC 9457 problem details.
                Reads are open; writes need `Authorization: Bearer <key>` and `If-Match` with the resource's ETag.
                """,
        });
        options.SupportNonNullableReferenceTypes();
        options.UseAllOfToExtendReferenceSchemas(); // so a reference member can say it may be null
        options.NonNullableReferenceTypesAsRequired();
        options.IncludeXmlComments(typeof(OpenApiSetup).Assembly);
        options.OperationFilter<QueryParameterOperationFilter>();
        options.OperationFilter<WriteOperationFilter>();
        options.OperationFilter<CommonResponsesOperationFilter>();
        options.SchemaFilter<ContractSchemaFilter>();
        options.DocumentFilter<ContractDocumentFilter>();
        options.AddSecurityDefinition(WriteOperationFilter.SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key, made with `dotnet run --project src/TimelineApi -- keys create --name NAME`. Reads need none; writes need a write key.",
        });
    }
}
