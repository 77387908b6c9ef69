using TimelineApi.Data;
using TimelineApi.Editing;
using TimelineApi.Events;

namespace TimelineApi.Meetings;

/// <summary>
/// POST, PUT, PATCH and DELETE under <c>/v1/meetings</c>: events of the meeting kinds, written by the event
/// handlers (<see cref="EventWrites"/>) and answered with the meeting's status history. A body may carry
/// <c>report: {source, note}</c>, the report behind the state it writes, kept with the history entry the write adds.
/// </summary>
public static class MeetingWrites
{
    private const string Route = "/v1/meetings";

    public static void MapMeetingWrites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapWriteGroup(Route, "Meetings", RecordWriter.Event, EventWrites.ExampleId);
        group.MapPost("/", (HttpContext http, MeetingStore meetings, CancellationToken ct)
                => EventWrites.CreateAsync<MeetingResponse>(http, EventVocabulary.MeetingKinds, Answerer(meetings), ct))
            .DocumentCreate<EventRecord, MeetingResponse>("meeting");
        group.MapPut("/{id}", (string id, HttpContext http, MeetingStore meetings, CancellationToken ct)
                => EventWrites.ChangeAsync<MeetingResponse>(id, patch: false, http, EventVocabulary.MeetingKinds, Answerer(meetings), ct))
            .DocumentReplace<EventRecord, MeetingResponse>("meeting");
        group.MapPatch("/{id}", (string id, HttpContext http, MeetingStore meetings, CancellationToken ct)
                => EventWrites.ChangeAsync<MeetingResponse>(id, patch: true, http, EventVocabulary.MeetingKinds, Answerer(meetings), ct))
            .DocumentPatch<EventRecord, MeetingResponse>("meeting");
        group.MapDelete("/{id}", (string id, HttpContext http, CancellationToken ct) => EventWrites.DeleteAsync(id, http, EventVocabulary.MeetingKinds, ct))
            .DocumentDelete("meeting");
    }

    /// <summary>Reads the meeting as written (with its status history), inside the write, then commits.</summary>
    private static EventWrites.Answer Answerer(MeetingStore meetings) => async (http, edit, id, created, ct) =>
    {
        var row = (await meetings.FindAsync(id, null, ct))!;
        var meeting = MeetingsEndpoints.ToResponse(row, await meetings.LoadDetailsAsync([id], null, ct), null);
        await edit.CommitAsync(ct);
        return WriteResults.Written(http, RecordWriter.Event, Route, id, row.Version, meeting, created);
    };
}
