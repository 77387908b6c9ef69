using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using TimelineApi.Common;
using TimelineApi.Data;
using TimelineApi.Events;
using TimelineApi.Participants;
using TimelineApi.Search;
using TimelineApi.Timeline;

namespace TimelineApi.OpenApi;

/// <summary>
/// What the schemas say beyond their CLR shape: the closed vocabularies as enums, the formats of dates
/// and instants, a description of every member, which members a write body must give, and one valid
/// example of each write body. One table per concern, so a new member or value joins in one place.
/// </summary>
public sealed class ContractSchemaFilter : ISchemaFilter
{
    private static readonly string[] s_eventSchemas = ["EventRecord", "EventResponse", "MeetingResponse", "TimelineItem"];
    private static readonly string[] s_scheduleSchemas = ["MeetingStatusEntry", "ScheduleRecord"];
    private static readonly string[] s_participantSchemas = ["ParticipantRecord", "ParticipantResponse", "EventParticipantResponse", "CounterpartResponse"];
    private static readonly string[] s_resources = [RecordWriter.Source, RecordWriter.Participant, RecordWriter.Event, RecordWriter.Statement];

    /// <summary>Closed vocabularies: (schemas, member) and the values it takes.</summary>
    private static readonly (string[] Schemas, string Member, string[] Values)[] s_enums =
    [
        (s_eventSchemas, "kind", EventVocabulary.Kinds),
        ([.. s_eventSchemas, .. s_scheduleSchemas, "AcceptRequest"], "status", EventVocabulary.Statuses),
        ([.. s_eventSchemas, .. s_scheduleSchemas], "format", EventVocabulary.Formats),
        (s_eventSchemas, "datePrecision", ["day", "month", "time"]),
        (s_participantSchemas, "kind", ParticipantVocabulary.Kinds),
        (["TimelineItem"], "type", TimelineItemTypes.All),
        (["SearchHit"], "type", SearchTypes.All),
        (["ChangeResponse"], "kind", ["created", "updated", "deleted", "conflict"]),
        (["ChangeResponse", "SuggestionRecordRef"], "resource", s_resources),
        (["SuggestionResponse"], "kind", ["statement", "participant", "event"]),
        (["SuggestionResponse"], "status", ["pending", "accepted", "rejected"]),
        (["HealthResponse"], "status", ["healthy", "ready"]),
        (["LivenessResponse"], "status", ["alive"]),
    ];

    /// <summary>The members a write body must give; the rest may be left out (an id is made when there is none).</summary>
    private static readonly Dictionary<string, string[]> s_required = new(StringComparer.Ordinal)
    {
        ["EventRecord"] = ["title", "kind", "status"],
        ["ParticipantRecord"] = ["name", "kind"],
        ["StatementRecord"] = ["speaker", "text", "source", "span"],
        ["SourceRecord"] = ["text"],
        ["AliasRecord"] = ["name"],
        ["RoleRecord"] = ["title", "source"],
        ["EventParticipantRecord"] = ["id", "roles"],
        ["EventRole"] = ["role"],
        ["SpanRecord"] = ["start", "end"],
        ["ScheduleRecord"] = ["source", "status"],
        ["AcceptRequest"] = [],
    };

    private static readonly Dictionary<string, string> s_examples = new(StringComparer.Ordinal)
    {
        ["EventRecord"] = """
            {"title": "OSCE Permanent Council", "kind": "meeting", "status": "scheduled", "start": "2022-01-13", "location": "Vienna",
             "participants": [{"id": "russia", "roles": [{"role": "participant", "source": null}]}], "topics": ["security-guarantees"], "sources": []}
            """,
        ["ParticipantRecord"] = """{"name": "Sergei Ryabkov", "kind": "person", "country": "russia", "aliases": [{"name": "Sergey Ryabkov", "source": null}], "roles": []}""",
        ["StatementRecord"] = """
            {"speaker": "vladimir-putin", "text": "This could be a way to cooperate in other areas,",
             "source": "2021-12-08-kremlin-says-putin-and-biden-to-keep-engaging", "span": {"start": 1802, "end": 1851}}
            """,
        ["SourceRecord"] = """{"title": "Geneva talks end without agreement", "publisher": "Example Wire", "publishedAt": "2022-01-10", "text": "GENEVA, Jan 10 - ..."}""",
        ["AcceptRequest"] = """{"speaker": "dmitry-peskov", "date": "2021-12-30"}""",
    };

    /// <summary>What a member holds, by schema and member, else by member alone.</summary>
    private static readonly Dictionary<string, string> s_descriptions = new(StringComparer.Ordinal)
    {
        ["id"] = "A stable, readable slug that identifies the record.",
        ["title"] = "The title as the sources give it.",
        ["name"] = "The name as the sources most often give it.",
        ["kind"] = "What sort of thing this is, from a fixed vocabulary.",
        ["status"] = "Where it stands, from a fixed vocabulary.",
        ["format"] = "How it was held: video, phone or in person; null when no source says.",
        ["start"] = "When it starts: an ISO 8601 day, month or date-time with offset, as precise as the sources are; null when unknown.",
        ["end"] = "When it ends (same forms as `start`); null for a single day or when unknown.",
        ["date"] = "When: an ISO 8601 day, month or date-time with offset; null when unknown.",
        ["datePrecision"] = "How precise `start` is: `day`, `month` or `time`; null without a date.",
        ["dateInferred"] = "True when the date was worked out (a weekday, a year left out) rather than stated; `dateNote` says how.",
        ["dateNote"] = "How an inferred date was worked out, or what the sources say of the date.",
        ["durationMinutes"] = "How long it lasted, in minutes, as a source states it.",
        ["location"] = "Where, as the sources name it.",
        ["summary"] = "What happened or was planned, in the sources' terms.",
        ["participants"] = "Who took part, each once, with every role it played.",
        ["roles"] = "The parts played, each with the source that gives it.",
        ["role"] = "The part played: participant, host, requester, speaker, issuer, subject.",
        ["topics"] = "Subjects, as slugs (`security-guarantees`).",
        ["sources"] = "Ids of the sources that report it.",
        ["source"] = "Id of the source that gives this.",
        ["sourceTitle"] = "The title of the source it is quoted in, as the document gives it; null when it has none.",
        ["sourcePublisher"] = "The publisher of that source, only as the document states it.",
        ["sourcePublishedAt"] = "When that source was published, as stated (a day, or an instant with offset).",
        ["updatedAt"] = "When the record was last written (UTC).",
        ["asOf"] = "The day the schedule is given as of (knowledge time), or null for what is known now.",
        ["history"] = "What each source reported of the schedule, oldest report first.",
        ["reportedOn"] = "The day of the report that gave this entry.",
        ["ReportRecord.reportedOn"] = "The day the report was published, to date a correction (YYYY-MM-DD, not after today, not before its source); else the source's day, else today.",
        ["ReportRecord.source"] = "Id of the source that reported the schedule written.",
        ["ReportRecord.note"] = "The report's own words on it, or the editor's note.",
        ["report"] = "What reported the schedule written (meetings): the entry the write adds to the history takes its place by the report's day, so a correction can be backdated; a later report still stands over it.",
        ["stated"] = "The members this report itself gave (`status`, `start`, `end`, `format`, `location`, `durationMinutes`); the others are as earlier reports gave them, null where none had.",
        ["note"] = "The report's own words on it, or the editor's note.",
        ["recordedBy"] = "The API key name of the editor who recorded it, when an editor did.",
        ["aliases"] = "Other names and spellings the sources use, each with the source that uses it.",
        ["country"] = "Id of the participant of kind `country` this one belongs to.",
        ["speaker"] = "Who said it.",
        ["text"] = "The text, exactly as in the source.",
        ["event"] = "Id of the event it belongs to.",
        ["span"] = "Where `text` stands in the source's text: UTF-16 offsets, end exclusive.",
        ["attribution"] = "The source's own phrase naming the speaker (\"Peskov added\").",
        ["snippet"] = "With a search: the matching words marked with `<mark>`.",
        ["publisher"] = "The publisher, only as the document states it.",
        ["author"] = "The author, only as the document states it.",
        ["dateline"] = "The place the report is filed from, as the document gives it.",
        ["publishedAt"] = "When it was published, as stated (or inferred: see `publishedAtInferred`).",
        ["publishedAtText"] = "The publication date in the document's own words.",
        ["publishedAtInferred"] = "True when the publication date was worked out rather than stated.",
        ["publishedAtNote"] = "How an inferred publication date was worked out.",
        ["updatedAtText"] = "An update time in the document's own words.",
        ["fileName"] = "The name of the original file.",
        ["length"] = "The length of `text` in UTF-16 code units.",
        ["items"] = "The items of this page.",
        ["next"] = "The cursor of the next page, or null on the last.",
        ["type"] = "Which kind of item this is.",
        ["seq"] = "The change's sequence number: ask for `since` the last one applied.",
        ["at"] = "When the change was written (UTC).",
        ["key"] = "The API key name that wrote it (`seed` for the seed).",
        ["resource"] = "The resource the record belongs to.",
        ["data"] = "The record as written (the shape its write body has); null for a deletion.",
        ["rank"] = "Relevance: lower is better.",
        ["count"] = "How many.",
        ["CounterpartResponse.count"] = "How many events of the statuses counted (held unless `status` says otherwise) they shared.",
        ["CounterpartResponse.events"] = "Ids of the events counted, in time order.",
        ["changed"] = "The members this change changed, each with its value before and after (none for a `conflict`).",
        ["member"] = "The member's name, as in `data`.",
        ["old"] = "Its value before the change (any JSON value); left out when the record was new or the member had none.",
        ["new"] = "Its value after the change (any JSON value); left out when the record was deleted or the member has none.",
        ["byStatus"] = "How many events of each status they shared, whatever `status` counts (a status with none is left out).",
        ["events"] = "Ids of the events.",
        ["confidence"] = "How sure the extractor is, from 0 to 1.",
        ["proposal"] = "The record the suggestion would write.",
        ["evidence"] = "The words of the source it rests on, with their UTF-16 offsets.",
        ["createdAt"] = "When it was proposed (UTC).",
        ["decidedAt"] = "When it was accepted or rejected (UTC); null while pending.",
        ["decidedBy"] = "The API key name that decided it.",
        ["records"] = "The records accepting it wrote or merged into.",
        ["schemaVersion"] = "The database schema version.",
        ["ChangeResponse.kind"] = "What the write did: `created`, `updated` or `deleted`; or `conflict`, a seed change not applied (`data`: the seed's version of a record an editor wrote last, or null for a record the seed dropped that others still cite), which changes nothing.",
        ["ChangeResponse.id"] = "Id of the record written.",
        ["SearchHit.title"] = "The hit's title, or the quote's first words.",
        ["AcceptRequest.speaker"] = "A quote's speaker, as a participant id, in place of the one proposed.",
        ["AcceptRequest.event"] = "Id of the event to merge an event suggestion into, or (for a quote) the event it was said at.",
        ["AcceptRequest.participant"] = "Id of the participant to merge a participant suggestion into.",
        ["AcceptRequest.id"] = "The id of the record written, in place of the one proposed.",
        ["AcceptRequest.date"] = "A quote's day, in place of the one proposed (no longer inferred).",
        ["AcceptRequest.title"] = "An event's title, in place of the one proposed.",
        ["AcceptRequest.status"] = "An event's status, in place of the one proposed.",
        ["AcceptRequest.start"] = "An event's start, in place of the one proposed: it replaces the days (with `end` as given, else one day) and is no longer inferred.",
        ["AcceptRequest.end"] = "An event's end, in place of the one proposed.",
        ["AcceptRequest.participants"] = "An event's parties, as participant ids, in place of those proposed.",
    };

    private static readonly HashSet<string> s_instants = ["updatedAt", "at", "createdAt", "decidedAt"];
    private static readonly HashSet<string> s_dates = ["start", "end", "date", "publishedAt"];

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || target.Properties is null || target.Properties.Count == 0)
        {
            return;
        }

        var name = context.Type.Name;
        foreach (var (member, memberSchema) in target.Properties)
        {
            if (memberSchema is not OpenApiSchema property)
            {
                continue;
            }

            // OpenAPI 3.0.3 adds null only to a `type` in the same schema object: `nullable` beside `allOf` with a reference
            // still holds null to the referenced schema, which refuses it. A reference that may be null is one of the
            // reference and a schema whose only value is null.
            if (property.AllOf is { Count: 1 } && property.Type == JsonSchemaType.Null)
            {
                property.OneOf = [property.AllOf[0], new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null, Enum = [null!] }];
                property.AllOf = null;
                property.Type = null;
            }

            // A record as written is an object, or null for a deletion: OpenAPI 3.0 takes null only where `nullable` stands beside a `type`.
            if (property.Type is null && member == "data")
            {
                property.Type = JsonSchemaType.Object | JsonSchemaType.Null;
            }

            if (property.Description is null && (s_descriptions.GetValueOrDefault($"{name}.{member}") ?? s_descriptions.GetValueOrDefault(member)) is { } description)
            {
                property.Description = description;
            }

            if (s_enums.FirstOrDefault(e => e.Member == member && e.Schemas.Contains(name)).Values is { } values)
            {
                // `nullable` does not add null to an enum (OpenAPI 3.0.3): a member that may be null lists it among its values.
                property.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)), .. property.Type?.HasFlag(JsonSchemaType.Null) == true ? [null!] : Array.Empty<JsonNode>()];
            }

            if (property.Type?.HasFlag(JsonSchemaType.String) == true)
            {
                if (member == "id")
                {
                    property.Pattern = Editing.EditContext.SlugRegex;
                }
                else if (s_instants.Contains(member))
                {
                    property.Format = "date-time";
                }
                else if (member == "reportedOn")
                {
                    property.Format = "date";
                }
                else if (s_dates.Contains(member))
                {
                    property.Pattern = IsoDate.Pattern;
                }
            }
        }

        if (s_required.TryGetValue(name, out var required))
        {
            target.Required = new HashSet<string>(required, StringComparer.Ordinal);
        }

        if (s_examples.TryGetValue(name, out var example))
        {
#pragma warning disable CS0618 // `examples` on a schema is OpenAPI 3.1; this document is 3.0, whose schemas take one `example`.
            target.Example = JsonNode.Parse(example);
#pragma warning restore CS0618
        }
    }
}
