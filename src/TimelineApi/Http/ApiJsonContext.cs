using System.Text.Json;
using System.Text.Json.Serialization;
using TimelineApi.Changes;
using TimelineApi.Common;
using TimelineApi.Events;
using TimelineApi.Health;
using TimelineApi.Import;
using TimelineApi.Meetings;
using TimelineApi.Participants;
using TimelineApi.Search;
using TimelineApi.Sources;
using TimelineApi.Statements;
using TimelineApi.Suggestions;
using TimelineApi.Timeline;

namespace TimelineApi.Http;

/// <summary>
/// Serialization code generated at build time for everything the API answers with, so that no
/// answer is written by reflection. Put first in the resolver chain; other types fall back to the default.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Page<EventResponse>))]
[JsonSerializable(typeof(Page<MeetingResponse>))]
[JsonSerializable(typeof(Page<ParticipantResponse>))]
[JsonSerializable(typeof(Page<StatementResponse>))]
[JsonSerializable(typeof(Page<SourceResponse>))]
[JsonSerializable(typeof(Page<SuggestionResponse>))]
[JsonSerializable(typeof(SuggestionResponse))]
[JsonSerializable(typeof(ExtractionResponse))]
[JsonSerializable(typeof(AcceptRequest))]
[JsonSerializable(typeof(Page<TimelineItem>))]
[JsonSerializable(typeof(Page<SearchHit>))]
[JsonSerializable(typeof(Page<ChangeResponse>))]
[JsonSerializable(typeof(Page<CounterpartResponse>))]
[JsonSerializable(typeof(Page<MeetingStatusEntry>))]
[JsonSerializable(typeof(EventResponse))]
[JsonSerializable(typeof(MeetingResponse))]
[JsonSerializable(typeof(ParticipantResponse))]
[JsonSerializable(typeof(StatementResponse))]
[JsonSerializable(typeof(SourceResponse))]
[JsonSerializable(typeof(FacetsResponse))]
[JsonSerializable(typeof(TimelineJsDocument))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(LivenessResponse))]
[JsonSerializable(typeof(ImportSummary))]
[JsonSerializable(typeof(TimelineApi.Participants.ParticipantName[]))]
internal sealed partial class ApiJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The options answers are written with, for what serializes outside a request (the stored documents of
    /// <see cref="Events.EventDocuments"/>): the same as <see cref="Configure"/> makes of the app's.
    /// </summary>
    public static JsonSerializerOptions Answers => s_answers.Value;

    private static readonly Lazy<JsonSerializerOptions> s_answers = new(() =>
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    });

    /// <summary>
    /// Makes <paramref name="options"/> (the web defaults) the options of answers: this context first, and the
    /// relaxed escaping ASP.NET Core writes JSON with (text such as "–" and "'" as is, escaping only what JSON requires).
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.TypeInfoResolverChain.Insert(0, Default);
    }
}
