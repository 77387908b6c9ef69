using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;
using TimelineApi.Editing;
using TimelineApi.Events;
using TimelineApi.Participants;
using TimelineApi.Statements;

namespace TimelineApi.Suggestions;

/// <summary>
/// Turns an accepted suggestion into records, through the same checks and writes as the write API (so the
/// change feed records it under the editor's key). What already exists is merged into, not duplicated: a
/// quote already recorded at the same span, a participant known by the name, an event of the same kind on
/// overlapping days with a shared participant (or an undated proposal of the same kind between the same people).
/// Runs inside the decision's write (<see cref="EditContext.BeginAsync"/>): the records it reads through the
/// stores are the ones it writes over.
/// </summary>
internal sealed class SuggestionAcceptor(IServiceProvider services, EditContext edit)
{
    public async Task<IReadOnlyList<SuggestionRecordRef>?> AcceptAsync(SuggestionStore.SuggestionRow suggestion, AcceptRequest changes, CancellationToken ct)
    {
        if (!CorrectsOnly(suggestion.Kind, changes))
        {
            return null;
        }

        return suggestion.Kind switch
        {
            "statement" => await StatementAsync(suggestion.Source, suggestion.Read<StatementProposalData>(), changes, ct),
            "participant" => await ParticipantAsync(suggestion.Source, suggestion.Read<ParticipantProposalData>(), changes, ct),
            _ => await EventAsync(suggestion.Source, suggestion.Read<EventProposalData>(), changes, ct),
        };
    }

    /// <summary>True when every correction the body gives belongs to a suggestion of <paramref name="kind"/>; else each stray one is an error.</summary>
    private bool CorrectsOnly(string kind, AcceptRequest changes)
    {
        (string Member, bool Given, string Kind)[] corrections =
        [
            ("date", changes.Date is not null, "statement"),
            ("title", changes.Title is not null, "event"),
            ("status", changes.Status is not null, "event"),
            ("start", changes.Start is not null, "event"),
            ("end", changes.End is not null, "event"),
            ("participants", changes.Participants is not null, "event"),
        ];
        foreach (var (member, _, of) in corrections.Where(c => c.Given && c.Kind != kind))
        {
            edit.Error(member, $"'{member}' corrects a suggestion of kind {of}; this one is a {kind}.");
        }

        return edit.IsValid;
    }

    /// <summary>
    /// The proposal with the editor's corrections: a new <c>start</c> replaces the days (with <c>end</c> as given, else one day)
    /// and is the editor's, not inferred; <c>participants</c> replaces the parties (each must be a participant).
    /// </summary>
    private static EventProposalData Corrected(EventProposalData e, AcceptRequest changes)
    {
        var redated = changes.Start is not null || changes.End is not null;
        var start = changes.Start ?? e.Start;
        var corrected = e with
        {
            Title = changes.Title ?? e.Title,
            Status = changes.Status ?? e.Status,
            Start = start,
            End = changes.Start is not null ? changes.End : changes.End ?? e.End,
            DateInferred = !redated && e.DateInferred,
            DateNote = redated ? null : e.DateNote,
            Participants = changes.Participants ?? e.Participants,
        };
        return redated ? corrected.Dated() : corrected;
    }

    private async Task<IReadOnlyList<SuggestionRecordRef>?> StatementAsync(string source, StatementProposalData s, AcceptRequest changes, CancellationToken ct)
    {
        var existing = await edit.ScalarAsync<string>(
            "SELECT id FROM statements WHERE source_id = @source AND span_start = @start AND span_end = @end;", new { source, start = s.Span.Start, end = s.Span.End }, ct);
        if (existing is not null)
        {
            return [new(RecordWriter.Statement, existing)];
        }

        var speaker = changes.Speaker ?? s.Speaker ?? (s.SpeakerText is null ? null : await LookupParticipantAsync(s.SpeakerText, ct));
        if (speaker is null)
        {
            edit.Error("speaker", s.SpeakerText is null
                ? "The extractor found no speaker for this quote: give one as 'speaker' (a participant id)."
                : $"'{s.SpeakerText}' is not a participant yet: accept the participant suggestion first, or give 'speaker' (a participant id).");
            return null;
        }

        var record = new StatementRecord(changes.Id ?? await FreeIdAsync("statements", s.Id, ct), speaker, s.Text, changes.Date ?? s.Date,
            changes.Date is null && s.DateInferred, changes.Event, source, s.Span, s.Attribution);
        await StatementWrites.ValidateAsync(edit, record, ct);
        return await WriteAsync(RecordWriter.Statement, record.Id, () => edit.Writer.WriteStatementsAsync([record], ct));
    }

    private async Task<IReadOnlyList<SuggestionRecordRef>?> ParticipantAsync(string source, ParticipantProposalData p, AcceptRequest changes, CancellationToken ct)
    {
        var target = changes.Participant ?? (p.Known ? p.Id : await LookupParticipantAsync(p.Name, ct));
        if (target is null)
        {
            var created = new ParticipantRecord(changes.Id ?? await FreeIdAsync("participants", p.Id, ct), p.Name, p.Kind, null,
                [.. p.NewAliases.Select(a => new AliasRecord(a, source))], [.. p.Titles.Select(t => new RoleRecord(t, source))]);
            await ParticipantWrites.ValidateAsync(edit, created, ct);
            return await WriteAsync(RecordWriter.Participant, created.Id, () => edit.Writer.WriteParticipantsAsync([created], ct));
        }

        if (await ParticipantWrites.LoadAsync(services.GetRequiredService<ParticipantStore>(), target, ct) is not { } current)
        {
            edit.Error("participant", $"There is no participant with id '{target}'.");
            return null;
        }

        var names = current.Aliases.Select(a => a.Name).Append(current.Name).ToHashSet(StringComparer.Ordinal);
        var aliases = p.NewAliases.Append(p.Known ? null : p.Name).OfType<string>().Where(a => !names.Contains(a)).Distinct(StringComparer.Ordinal).ToList();
        var roles = p.Titles.Where(t => !current.Roles.Any(r => r.Title == t && r.Source == source)).ToList();
        if (aliases.Count + roles.Count == 0)
        {
            return [new(RecordWriter.Participant, target)];
        }

        var merged = current with
        {
            Aliases = [.. current.Aliases, .. aliases.Select(a => new AliasRecord(a, source))],
            Roles = [.. current.Roles, .. roles.Select(t => new RoleRecord(t, source))],
        };
        await ParticipantWrites.ValidateAsync(edit, merged, ct);
        return await WriteAsync(RecordWriter.Participant, merged.Id, () => edit.Writer.WriteParticipantsAsync([merged], ct));
    }

    private async Task<IReadOnlyList<SuggestionRecordRef>?> EventAsync(string source, EventProposalData proposed, AcceptRequest changes, CancellationToken ct)
    {
        var e = Corrected(proposed, changes);
        // The parties the extractor proposed that are participants already; the editor's own list is taken whole (and checked).
        var participants = new List<string>();
        foreach (var id in e.Participants)
        {
            if (changes.Participants is not null || await edit.ExistsAsync("participants", id, ct))
            {
                participants.Add(id);
            }
        }

        edit.ReportSource = source;
        edit.ReportNote = $"Reported as {proposed.Status}{(proposed.DateNote is null ? string.Empty : $"; {proposed.DateNote}")}{(changes.CorrectsEvent() ? "; corrected on acceptance" : string.Empty)}";
        var target = changes.Event ?? await MatchingEventAsync(e, participants, ct);
        var said = ScheduleState.Of(e);
        var report = new StatusEntry(said, said.Given(), source, null, edit.ReportNote);
        if (target is null)
        {
            var created = new EventRecord(e)
            {
                Id = changes.Id ?? await FreeIdAsync("events", e.Id, ct),
                Title = e.Title.Replace(" (proposed)", string.Empty, StringComparison.Ordinal),
                Participants = [.. participants.Select(p => new EventParticipantRecord(p, [new EventRole("participant", source)]))],
                Topics = [],
                Sources = [source],
            };
            await EventWrites.ValidateAsync(edit, created, EventVocabulary.Kinds, ct);
            return await WriteAsync(RecordWriter.Event, created.Id, () => EventWrites.WriteAsync(edit, created, ct, report));
        }

        if (await EventWrites.LoadAsync(services.GetRequiredService<EventStore>(), target, EventVocabulary.Kinds, ct) is not { } current)
        {
            edit.Error("event", $"There is no event with id '{target}'.");
            return null;
        }

        // What this report says of the schedule takes its place in the meeting's history by the report's day: it becomes
        // the meeting's state where no later report says otherwise. Members the event lacks are filled from it.
        var reported = EventVocabulary.MeetingKinds.Contains(current.Kind)
            && await edit.ScalarAsync<long>("SELECT COUNT(*) FROM meeting_status_changes WHERE event_id = @target AND source_id = @source;", new { target, source }, ct) > 0;
        var merged = current.FilledFrom(e) with
        {
            Sources = [.. current.Sources.Append(source).Distinct(StringComparer.Ordinal)],
            Participants = [.. current.Participants, .. participants.Where(p => !current.Participants.Any(c => c.Id == p)).Select(p => new EventParticipantRecord(p, [new EventRole("participant", source)]))],
        };
        await EventWrites.ValidateAsync(edit, merged, EventVocabulary.Kinds, ct);
        return await WriteAsync(RecordWriter.Event, merged.Id, () => EventWrites.WriteAsync(edit, merged, ct, reported ? null : report, addReport: !reported));
    }

    /// <summary>An event the proposal is another account of: same kind family, overlapping days (or both undated), a shared participant.</summary>
    private async Task<string?> MatchingEventAsync(EventProposalData e, List<string> participants, CancellationToken ct)
    {
        var meeting = EventVocabulary.MeetingKinds.Contains(e.Kind);
        var kinds = meeting ? EventVocabulary.MeetingKinds : [e.Kind];
        var range = DateRange.Of(e.Start, e.End);
        var d = SqlDialect.Of(edit.Connection);
        var candidates = await edit.Connection.QueryAsync<(string Id, string Kind, long Shared, long Total)>(new CommandDefinition($"""
            SELECT e.id, e.kind,
                   (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = e.id AND p.participant_id {d.In("@participants")}) AS shared,
                   (SELECT COUNT(*) FROM event_participants p WHERE p.event_id = e.id) AS total
            FROM events e
            WHERE e.kind {d.In("@kinds")}
              AND CASE WHEN @first IS NULL THEN e.start_at IS NULL AND e.status = @status
                       ELSE e.range_start <= @last AND e.range_end >= @first END
            ORDER BY shared DESC, e.id
            LIMIT 20;
            """, new { kinds = kinds.ToArray(), participants = participants.ToArray(), first = range.FirstDay, last = range.LastDay, status = e.Status }, cancellationToken: ct));
        var needed = e.Start is null ? Math.Min(2, participants.Count) : Math.Min(1, participants.Count);
        return candidates.FirstOrDefault(c => (c.Kind == e.Kind || meeting) && (participants.Count == 0 ? c.Total == 0 || e.Start is not null : c.Shared >= needed)).Id;
    }

    /// <summary>Writes a record that passed its checks, naming it; null (writing nothing) when it did not.</summary>
    private async Task<IReadOnlyList<SuggestionRecordRef>?> WriteAsync(string resource, string id, Func<Task> write)
    {
        if (!edit.IsValid)
        {
            return null;
        }

        await write();
        return [new(resource, id)];
    }

    private Task<string?> LookupParticipantAsync(string name, CancellationToken ct)
        => edit.ScalarAsync<string>("SELECT participant_id FROM participant_lookup WHERE key = @key ORDER BY participant_id LIMIT 1;", new { key = TextKey.Normalize(name) }, ct);

    /// <summary>The id, or the first of <c>id-2</c>, <c>id-3</c>, … not yet taken.</summary>
    private async Task<string> FreeIdAsync(string table, string id, CancellationToken ct)
    {
        var candidate = id;
        for (var n = 2; await edit.ExistsAsync(table, candidate, ct); n++)
        {
            candidate = $"{id}-{n}";
        }

        return candidate;
    }
}
