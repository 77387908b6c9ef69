using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace TimelineApi.OpenApi;

/// <summary>What the document says as a whole: the server, the licence and what each tag groups.</summary>
public sealed class ContractDocumentFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> s_tags = new(StringComparer.Ordinal)
    {
        ["Events"] = "What happened or is planned: calls, summits, talks, meetings, statements, briefings and reports, with their participants, topics and sources.",
        ["Meetings"] = "Planned diplomatic encounters with their schedule: status, dates and place as each report gave them, and the history of that status.",
        ["Participants"] = "People, organizations, countries and groups, with every alias and title the sources use, and whom they met.",
        ["Statements"] = "Words quoted verbatim, each with its speaker, its source and the position (`span`) of the words in the source's text.",
        ["Sources"] = "The reports the data is read from: metadata as the document states it, and the full text.",
        ["Timeline"] = "Events and statements merged into one chronological feed, as a paged list or a TimelineJS3 document.",
        ["Search"] = "Full-text search over events, statements and sources at once.",
        ["Changes"] = "Every write, the seed's included, in order: for clients that keep a copy in sync.",
        ["Suggestions"] = "What the extractor proposes from a new report, waiting for an editor to accept or reject it.",
        ["Import"] = "Bulk loading of events, sources and statements from NDJSON.",
        ["Health"] = "Whether the API and its database answer.",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Servers = [new OpenApiServer { Url = "/", Description = "The server this document is served from." }];
        swaggerDoc.Info.License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/license/mit") };
        swaggerDoc.Tags = new HashSet<OpenApiTag>(s_tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
    }
}
