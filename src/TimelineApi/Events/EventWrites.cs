using System.Text.Json;
using System.Text.Json.Nodes;
using TimelineApi.Common;
using TimelineApi.Data;
using TimelineApi.Editing;

namespace TimelineApi.Events;

/// <summary>
/// POST, PUT, PATCH and DELETE of events. Meetings are events of the meeting kinds, written the same way under
/// <c>/v1/meetings</c> (<see cref="Meetings.MeetingWrites"/>): each handler takes the kinds its route covers and
/// how its route answers. A meeting whose status, dates, format or place change gets one more entry in its status history.
/// </summary>
public static class EventWrites
{
    private const string Route = "/v1/events";
    private const string Resource = RecordWriter.Event;
    private const string Table = "events";
    internal const string ExampleId = "2022-01-09-us-russia-geneva-security-talks";

    public static void MapEventWrites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapWriteGroup(Route, "Events", Resource, ExampleId);
        group.MapPost("/", CreateEventAsync).TakesBody().DocumentCreate<EventRecord, EventResponse>("event");
        group.MapPut("/{id}", (string id, PendingWrite write, EventStore events, HttpContext http, CancellationToken ct) => ChangeEventAsync(id, patch: false, write, events, http, ct))
            .ChangesRecord(Resource, Table).DocumentReplace<EventRecord, EventResponse>("event");
        group.MapPatch("/{id}", (string id, PendingWrite write, EventStore events, HttpContext http, CancellationToken ct) => ChangeEventAsync(id, patch: true, write, events, http, ct))
            .ChangesRecord(Resource, Table).DocumentPatch<EventRecord, EventResponse>("event");
        group.MapDelete("/{id}", (string id, PendingWrite write, CancellationToken ct) => DeleteAsync(id, write, EventVocabulary.Kinds, ct))
            .DeletesRecord(Resource, Table).DocumentDelete("event");
    }

    private static async Task<IResult> CreateEventAsync(PendingWrite write, EventStore events, HttpContext http, CancellationToken ct)
        => (await CreateAsync<EventResponse>(write, http, EventVocabulary.Kinds, ct)).TryGetId(out var id, out var refused)
            ? await AnswerAsync(http, write.Edit, events, id, created: true, ct) : refused;

    private static async Task<IResult> ChangeEventAsync(string id, bool patch, PendingWrite write, EventStore events, HttpContext http, CancellationToken ct)
        => (await ChangeAsync<EventResponse>(id, patch, write, events, EventVocabulary.Kinds, ct)).TryGetId(out _, out var refused)
            ? await AnswerAsync(http, write.Edit, events, id, created: false, ct) : refused;

    /// <summary>Writes a new event of <paramref name="kinds"/> from the body (bound as <typeparamref name="TResponse"/> reads it), uncommitted.</summary>
    internal static async Task<Written> CreateAsync<TResponse>(PendingWrite write, HttpContext http, IReadOnlyList<string> kinds, CancellationToken ct)
    {
        var edit = await write.BeginAsync(http, ct);
        TakeReport(write.Body, edit);
        if (!edit.IsValid)
        {
            return Written.Refused(WriteResults.Unprocessable(edit));
        }

        if (!WriteRequest.TryBind<EventRecord, TResponse>(write.Body, out var record, out var invalid))
        {
            return Written.Refused(invalid);
        }

        var id = record.Id ?? EditContext.Slug(IsoDate.TryParse(record.Start, out var day) ? day.FirstDay : null, record.Title);
        if (await edit.CheckNewIdAsync(Resource, Table, id, ct) is { } refused)
        {
            return Written.Refused(refused);
        }

        record = WithId(record, id);
        await ValidateAsync(edit, record, kinds, ct);
        if (!edit.IsValid)
        {
            return Written.Refused(WriteResults.Unprocessable(edit));
        }

        await WriteAsync(edit, record, ct);
        if (!edit.IsValid)
        {
            return Written.Refused(WriteResults.Unprocessable(edit));
        }

        return id;
    }

    /// <summary>PUT (the body is the whole event) or PATCH (the body is a merge patch of it), of an event of <paramref name="kinds"/>.</summary>
    internal static async Task<Written> ChangeAsync<TResponse>(
        string id, bool patch, PendingWrite write, EventStore events, IReadOnlyList<string> kinds, CancellationToken ct)
    {
        var edit = write.Edit;
        var current = await LoadAsync(events, id, kinds, ct);
        if (patch && current is null)
        {
            return Written.Refused(Problems.NotFound(Resource, id));
        }

        TakeReport(write.Body, edit);
        if (!edit.IsValid)
        {
            return Written.Refused(WriteResults.Unprocessable(edit));
        }

        if (!WriteRequest.TryBindChange<EventRecord, TResponse>(current, write.Body, patch, out var record, out var invalid))
        {
            return Written.Refused(invalid);
        }

        if (record.Id is { } given && given != id)
        {
            return Written.Refused(WriteResults.IdChanged(edit, given, id));
        }

        record = WithId(record, id);
        await ValidateAsync(edit, record, kinds, ct);
        if (!edit.IsValid)
        {
            return Written.Refused(WriteResults.Unprocessable(edit));
        }

        // A report naming the status adds to the history even when the record stays as it was.
        if (current is null || WriteRequest.Changes(current, record) || edit.ReportStatesStatus)
        {
            await WriteAsync(edit, record, ct);
            if (!edit.IsValid)
            {
                return Written.Refused(WriteResults.Unprocessable(edit));
            }
        }

        return id;
    }

    internal static async Task<IResult> DeleteAsync(string id, PendingWrite write, IReadOnlyList<string> kinds, CancellationToken ct)
    {
        var edit = write.Edit;
        if (!kinds.Contains(await edit.ScalarAsync<string>("SELECT kind FROM events WHERE id = @id;", new { id }, ct)!))
        {
            return Problems.NotFound(Resource, id);
        }

        await edit.Writer.DeleteAsync(Resource, [id], ct);
        await edit.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Reads the event as written, inside the write, then commits: the answer is exactly what was stored.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext http, EditContext edit, EventStore events, string id, bool created, CancellationToken ct)
    {
        var row = (await events.FindAsync(id, ct))!;
        var response = (await events.LoadDetailsAsync([id], ct)).ToResponse(row);
        await edit.CommitAsync(ct);
        return WriteResults.Written(http, Resource, Route, id, row.Version, response, created);
    }

    /// <summary>The event in the shape it is written in, or null when there is none of <paramref name="kinds"/>.</summary>
    internal static async Task<EventRecord?> LoadAsync(EventStore events, string id, IReadOnlyList<string> kinds, CancellationToken ct)
    {
        if (await events.FindAsync(id, ct) is not { } row || !kinds.Contains(row.Kind))
        {
            return null;
        }

        var e = (await events.LoadDetailsAsync([id], ct)).ToResponse(row);
        return new EventRecord(e)
        {
            Summary = e.Summary,
            Participants = [.. e.Participants.Select(p => new EventParticipantRecord(p.Id, p.Roles))],
            Topics = e.Topics,
            Sources = e.Sources,
        };
    }

    private static EventRecord WithId(EventRecord e, string id) => (e with
    {
        Id = id,
        Participants = e.Participants ?? [],
        Topics = e.Topics ?? [],
        Sources = e.Sources ?? [],
        Schedule = null,
    }).Dated();

    /// <summary>The rules of an event of <paramref name="kinds"/>: its fields, and the participants and sources it names.</summary>
    internal static async Task ValidateAsync(EditContext edit, EventRecord e, IReadOnlyList<string> kinds, CancellationToken ct)
    {
        if (await edit.ScalarAsync<string>("SELECT kind FROM events WHERE id = @id;", new { id = e.Id }, ct) is { } existingKind && !kinds.Contains(existingKind))
        {
            edit.Error("id", $"'{e.Id}' is a {existingKind}, not a meeting: change it under /v1/events.");
        }

        ValidateFields(edit, e, kinds);
        await edit.RequireAllAsync("participants", "participant", e.Participants.Select((p, i) => ($"participants[{i}].id", p?.Id)), ct);
        await edit.RequireAllAsync("sources", "source",
            e.Sources.Select((s, i) => ($"sources[{i}]", (string?)s))
                .Concat(e.Participants.SelectMany((p, i) => (p?.Roles ?? []).Select((r, j) => ($"participants[{i}].roles[{j}].source", r?.Source)))), ct);
        await edit.RequireAllAsync("sources", "source", [("report.source", edit.ReportSource)], ct);
        if (edit.ReportSource is not null && edit.ReportedOn is not null
            && await edit.ScalarAsync<string>("SELECT reported_on FROM sources WHERE id = @id;", new { id = edit.ReportSource }, ct) is { } published
            && string.CompareOrdinal(edit.ReportedOn, published) < 0)
        {
            edit.Error("report.reportedOn", $"'{edit.ReportedOn}' is before source '{edit.ReportSource}' was published ({published}): nothing can be known from it before then.");
        }
    }

    /// <summary>
    /// Writes an event. A meeting whose schedule (status, dates, format, place, duration) changes, a new meeting, or a meeting
    /// written with a <c>report</c> and a <c>status</c> gets one more report in its history, stating the members that changed
    /// (and the status when the body with a report gives it), attributed to the key that wrote it and to the report's source; it is dated by
    /// <c>report.reportedOn</c>, else by the source, else today. The meeting is then as its history has it known today.
    /// <paramref name="said"/> is what a report said when it is not the record written (an accepted suggestion);
    /// without <paramref name="addReport"/> the history gets nothing (the report is in it already).
    /// </summary>
    internal static async Task WriteAsync(EditContext edit, EventRecord e, CancellationToken ct, StatusEntry? said = null, bool addReport = true)
    {
        var before = await ScheduleOfAsync(edit, e.Id, ct);
        var state = ScheduleState.Of(e);
        var stated = ScheduleState.Differences(before, state);
        if (edit.ReportStatesStatus && !stated.Contains(ScheduleState.StatusMember))
        {
            stated = [ScheduleState.StatusMember, .. stated];
        }

        var entry = said ?? (stated.Count > 0 ? new StatusEntry(state, stated, edit.ReportSource, edit.ReportedOn ?? (edit.ReportSource is null ? edit.Today : null), edit.ReportNote) : null);
        var reports = addReport && EventVocabulary.MeetingKinds.Contains(e.Kind) && entry is not null ? [(e.Id, entry)] : Array.Empty<(string, StatusEntry)>();
        var written = await edit.Writer.WriteEventsAsync([e], withSchedule: false, ct, reports, edit.KeyName);
        if (said is null && reports.Length > 0)
        {
            RefuseOverridden(edit, written[0], state, entry!.Stated);
        }
    }

    /// <summary>
    /// A write dated before a later report of the meeting that states the same members otherwise would not change the meeting
    /// as known today: it is refused (422, and the caller rolls back) rather than answered with a meeting other than the one written.
    /// </summary>
    private static void RefuseOverridden(EditContext edit, EventRecord known, ScheduleState written, IReadOnlyList<string> stated)
    {
        var lost = ScheduleState.Differences(ScheduleState.Of(known), written).Where(stated.Contains).ToList();
        if (lost.Count > 0)
        {
            var field = edit.ReportedOn is not null ? "report.reportedOn" : "report.source";
            edit.Error(field, $"A later report in this meeting's history states {string.Join(", ", lost)} otherwise, so this report, dated {edit.ReportedOn ?? "by its source"}, " +
                "would not change the meeting as known today. Date it (report.reportedOn) on or after that report's day, as the meeting's history gives it.");
        }
    }

    /// <summary>The schedule of the event as stored (null when there is none yet).</summary>
    private static async Task<ScheduleState?> ScheduleOfAsync(EditContext edit, string id, CancellationToken ct)
        => (await edit.QueryAsync<EventRow>(EventStore.SelectById, new { id }, ct)).Select(ScheduleState.Of).FirstOrDefault();

    /// <summary>Takes <c>report: {source, reportedOn, note}</c> from a meeting's body (or merge patch): what reported the state written.</summary>
    private static void TakeReport(JsonObject body, EditContext edit)
    {
        if (body["report"] is not { } report)
        {
            return;
        }

        body.Remove("report");
        if (report is not JsonObject members || members.Any(m => m.Key is not "source" and not "reportedOn" and not "note") || members.Any(m => m.Value is not null && m.Value.GetValueKind() != JsonValueKind.String))
        {
            edit.Error("report", "'report' is an object with an optional 'source' (a source id), 'reportedOn' (the day it was reported, YYYY-MM-DD) and 'note' (text).");
            return;
        }

        edit.ReportSource = (string?)members["source"];
        edit.ReportStatesStatus = body.ContainsKey("status") && (members["source"] is not null || members["reportedOn"] is not null);
        edit.ReportNote = (string?)members["note"];
        edit.RequireText("report.note", edit.ReportNote, 1000, required: false);
        if ((string?)members["reportedOn"] is { } day)
        {
            if (!IsoDate.TryParse(day, out var parsed) || parsed.Precision != "day")
            {
                edit.Error("report.reportedOn", $"'{day}' is not a day: give it as YYYY-MM-DD.");
            }
            else if (string.CompareOrdinal(day, edit.Today) > 0)
            {
                edit.Error("report.reportedOn", $"'{day}' is after today ({edit.Today}): a report is dated by the day it was published.");
            }
            else
            {
                edit.ReportedOn = day;
            }
        }
    }

    /// <summary>The rules of an event's own fields (no lookups).</summary>
    internal static void ValidateFields(EditContext edit, EventRecord e, IReadOnlyList<string> kinds)
    {
        edit.RequireText("title", e.Title, 300);
        edit.RequireOneOf("kind", e.Kind, kinds);
        edit.RequireOneOf("format", e.Format, EventVocabulary.Formats, required: false);
        edit.RequireOneOf("status", e.Status, EventVocabulary.Statuses);
        var start = edit.RequireDate("start", e.Start);
        var end = edit.RequireDate("end", e.End);
        if (e.End is not null && e.Start is null)
        {
            edit.Error("end", "An end needs a start.");
        }
        else if (start is { } s && end is { } f && string.CompareOrdinal(f.LastDay, s.FirstDay) < 0 || (start?.Precision == "time" && end?.Precision == "time" && string.CompareOrdinal(end.Value.SortKey, start.Value.SortKey) < 0))
        {
            edit.Error("end", $"The end ({e.End}) is before the start ({e.Start}).");
        }

        if (e.DurationMinutes is < 1 or > 525_600)
        {
            edit.Error("durationMinutes", "'durationMinutes' is from 1 to 525600 (a year).");
        }

        edit.RequireText("location", e.Location, 200, required: false);
        edit.RequireText("summary", e.Summary, 10_000, required: false);
        edit.RequireText("dateNote", e.DateNote, 1000, required: false);
        if (e.Participants.Count > 200 || e.Topics.Count > 50 || e.Sources.Count > 200)
        {
            edit.Error("participants", "At most 200 participants, 50 topics and 200 sources.");
        }

        for (var i = 0; i < e.Participants.Count; i++)
        {
            edit.RequireText($"participants[{i}].id", e.Participants[i]?.Id, 120);
            var roles = e.Participants[i]?.Roles;
            if (roles is null || roles.Count is 0 or > 20)
            {
                edit.Error($"participants[{i}].roles", "Give 1 to 20 roles: [{\"role\": \"participant\", \"source\": null}].");
                continue;
            }

            for (var j = 0; j < roles.Count; j++)
            {
                edit.RequireText($"participants[{i}].roles[{j}].role", roles[j]?.Role, 50);
            }

            if (roles.Where(r => r is not null).GroupBy(r => r.Role).Any(g => g.Count() > 1))
            {
                edit.Error($"participants[{i}].roles", "A role is given twice.");
            }
        }

        if (e.Participants.Where(p => p is not null).GroupBy(p => p.Id).Any(g => g.Count() > 1))
        {
            edit.Error("participants", "A participant is given twice: give it once, with all its roles.");
        }

        for (var i = 0; i < e.Topics.Count; i++)
        {
            edit.RequireSlug($"topics[{i}]", e.Topics[i]);
        }

        if (e.Topics.Distinct().Count() != e.Topics.Count || e.Sources.Distinct().Count() != e.Sources.Count)
        {
            edit.Error(e.Topics.Distinct().Count() != e.Topics.Count ? "topics" : "sources", "A value is given twice.");
        }
    }
}
