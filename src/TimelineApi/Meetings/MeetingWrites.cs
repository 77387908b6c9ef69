using TimelineApi.Data;
using TimelineApi.Editing;
using TimelineApi.Events;

namespace TimelineApi.Meetings;

/// <summary>
/// POST, PUT, PATCH and DELETE under <c>/v1/meetings</c>: events of the meeting kinds, written by the event
/// writes' steps (<see cref="EventWrites"/>), then answered here, with the meeting's status history. A body may carry
/// <c>report: {source, note}</c>, the report behind the state it writes, kept with the history entry the write adds.
/// </summary>
public static class MeetingWrites
{
    private const string Route = "/v1/meetings";
    private const string Table = "events";

    public static void MapMeetingWrites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapWriteGroup(Route, "Meetings", RecordWriter.Event, EventWrites.ExampleId);
        group.MapPost("/", CreateAsync).TakesBody().DocumentCreate<EventRecord, MeetingResponse>("meeting");
        group.MapPut("/{id}", (string id, PendingWrite write, EventStore events, MeetingStore meetings, HttpContext http, CancellationToken ct)
                => ChangeAsync(id, patch: false, write, events, meetings, http, ct))
            .ChangesRecord(RecordWriter.Event, Table).DocumentReplace<EventRecord, MeetingResponse>("meeting");
        group.MapPatch("/{id}", (string id, PendingWrite write, EventStore events, MeetingStore meetings, HttpContext http, CancellationToken ct)
                => ChangeAsync(id, patch: true, write, events, meetings, http, ct))
            .ChangesRecord(RecordWriter.Event, Table).DocumentPatch<EventRecord, MeetingResponse>("meeting");
        group.MapDelete("/{id}", (string id, PendingWrite write, CancellationToken ct) => EventWrites.DeleteAsync(id, write, EventVocabulary.MeetingKinds, ct))
            .DeletesRecord(RecordWriter.Event, Table).DocumentDelete("meeting");
    }

    private static async Task<IResult> CreateAsync(PendingWrite write, MeetingStore meetings, HttpContext http, CancellationToken ct)
        => (await EventWrites.CreateAsync<MeetingResponse>(write, http, EventVocabulary.MeetingKinds, ct)).TryGetId(out var id, out var refused)
            ? await AnswerAsync(http, write.Edit, meetings, id, created: true, ct) : refused;

    private static async Task<IResult> ChangeAsync(
        string id, bool patch, PendingWrite write, EventStore events, MeetingStore meetings, HttpContext http, CancellationToken ct)
        => (await EventWrites.ChangeAsync<MeetingResponse>(id, patch, write, events, EventVocabulary.MeetingKinds, ct)).TryGetId(out _, out var refused)
            ? await AnswerAsync(http, write.Edit, meetings, id, created: false, ct) : refused;

    /// <summary>Reads the meeting as written (with its status history), inside the write, then commits.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext http, EditContext edit, MeetingStore meetings, string id, bool created, CancellationToken ct)
    {
        var row = (await meetings.FindAsync(id, null, ct))!;
        var meeting = MeetingsEndpoints.ToResponse(row, await meetings.LoadDetailsAsync([id], null, ct), null);
        await edit.CommitAsync(ct);
        return WriteResults.Written(http, RecordWriter.Event, Route, id, row.Version, meeting, created);
    }
}
