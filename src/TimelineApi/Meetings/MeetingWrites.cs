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
    private const string Table = "events";

    public static void MapMeetingWrites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapWriteGroup(Route, "Meetings", RecordWriter.Event, EventWrites.ExampleId);
        group.MapPost("/", (PendingWrite write, MeetingStore meetings, HttpContext http, CancellationToken ct)
                => EventWrites.CreateAsync<MeetingResponse>(write, http, EventVocabulary.MeetingKinds, Answerer(meetings), ct))
            .TakesBody().DocumentCreate<EventRecord, MeetingResponse>("meeting");
        group.MapPut("/{id}", (string id, PendingWrite write, EventStore events, MeetingStore meetings, HttpContext http, CancellationToken ct)
                => EventWrites.ChangeAsync<MeetingResponse>(id, patch: false, write, events, http, EventVocabulary.MeetingKinds, Answerer(meetings), ct))
            .ChangesRecord(RecordWriter.Event, Table).DocumentReplace<EventRecord, MeetingResponse>("meeting");
        group.MapPatch("/{id}", (string id, PendingWrite write, EventStore events, MeetingStore meetings, HttpContext http, CancellationToken ct)
                => EventWrites.ChangeAsync<MeetingResponse>(id, patch: true, write, events, http, EventVocabulary.MeetingKinds, Answerer(meetings), ct))
            .ChangesRecord(RecordWriter.Event, Table).DocumentPatch<EventRecord, MeetingResponse>("meeting");
        group.MapDelete("/{id}", (string id, PendingWrite write, CancellationToken ct) => EventWrites.DeleteAsync(id, write, EventVocabulary.MeetingKinds, ct))
            .DeletesRecord(RecordWriter.Event, Table).DocumentDelete("meeting");
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
