using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Data.Sqlite;
using TimelineApi.Common;
using TimelineApi.Data;
using TimelineApi.Events;
using TimelineApi.Extraction;
using TimelineApi.Meetings;
using TimelineApi.Participants;
using TimelineApi.Sources;
using TimelineApi.Statements;
using TimelineApi.Suggestions;

namespace TimelineApi.Editing;

/// <summary>The write rules of each resource, and the write routes they make.</summary>
public static class EditableResources
{
    private const int MaxSourceText = 500_000;

    public static void MapEditing(this IEndpointRouteBuilder routes)
    {
        routes.MapWrites(Sources);
        routes.MapWrites(Participants);
        routes.MapWrites(AllEvents);
        routes.MapWrites(Events("/v1/meetings", "Meetings", EventVocabulary.MeetingKinds, ReadMeetingAsync, typeof(MeetingResponse)));
        routes.MapWrites(Statements);
    }

    internal static readonly ResourceDefinition<EventRecord> AllEvents = Events("/v1/events", "Events", EventVocabulary.Kinds, ReadEventAsync, typeof(EventResponse));

    internal static readonly ResourceDefinition<SourceRecord> Sources = new()
    {
        Resource = RecordWriter.Source,
        Table = "sources",
        Route = "/v1/sources",
        Tag = "Sources",
        ResponseType = typeof(SourceResponse),
        ExampleId = "2021-12-08-kremlin-says-putin-and-biden-to-keep-engaging",
        IdOf = s => s.Id,
        WithId = (s, id) => s with { Id = id, FileName = string.IsNullOrWhiteSpace(s.FileName) ? $"{id}.txt" : s.FileName },
        SuggestId = s => EditContext.Slug(IsoDate.TryParse(s.PublishedAt, out var d) ? d.FirstDay : "undated", s.Title ?? s.FileName),
        LoadAsync = async (services, id, ct) => await services.GetRequiredService<SourceStore>().FindAsync(id, ct) is { } row
            ? new SourceRecord(row.Id, row.FileName, row.Title, row.Publisher, row.Author, row.Dateline, row.PublishedAt, row.PublishedAtText,
                row.PublishedAtInferred, row.PublishedAtNote, row.UpdatedAtText)
            { Text = row.Text }
            : null,
        ReadAsync = async (services, id, ct) => (await services.GetRequiredService<SourceStore>().FindAsync(id, ct))?.ToResponse(),
        ValidateAsync = async (edit, s, ct) =>
        {
            ValidateSourceFields(edit, s);

            // The statements quoted from this source must still stand at their spans in its new text.
            var quoted = await edit.Connection.QueryListAsync<(string Id, string Text, int SpanStart, int SpanEnd)>(
                "SELECT id, text, span_start, span_end FROM statements WHERE source_id = @id;", new { id = s.Id }, edit.Transaction, ct);
            foreach (var q in quoted.Where(q => !SpanHolds(s.Text, q.SpanStart, q.SpanEnd, q.Text)))
            {
                edit.Error("text", $"Statement '{q.Id}' would no longer be found at its span [{q.SpanStart}, {q.SpanEnd}) of this text.");
            }
        },
        WriteAsync = (edit, s, ct) => edit.Writer.WriteSourcesAsync([s], ct),
        PlainTextMember = "text",
        Complete = s => Extractor.ReadMetadata(s.Text) is var (title, publishedAt, publishedAtText)
            ? s with
            {
                Title = s.Title ?? title,
                PublishedAt = s.PublishedAt ?? publishedAt,
                PublishedAtText = s.PublishedAt is null && publishedAt is not null ? publishedAtText : s.PublishedAtText,
            }
            : s,
        // The extractor reads the new source after its write has committed, holding no write lock while it reads.
        AfterCommitAsync = (services, s, ct) => SuggestionStore.ExtractAsync(
            services.GetRequiredService<Data.SqliteConnectionFactory>(), s, services.GetRequiredService<TimeProvider>().Now(), ct),
        RelatedLink = id => ($"/v1/suggestions?source={Uri.EscapeDataString(id)}", "suggestions"),
        CreateNote = """


            A `text/plain` body is taken as the source's `text`. The extractor reads a new source's text: the title and
            publication date it prints fill those left out, and what it proposes (statements with speakers, participants,
            events and meetings) is stored as suggestions, named in the answer's `Link: rel="suggestions"` header
            (see `GET /v1/suggestions`).
            """,
        DeleteConflictAsync = async (edit, id, ct) =>
        {
            var uses = await edit.ScalarAsync<long>("""
                SELECT (SELECT COUNT(*) FROM statements WHERE source_id = @id) + (SELECT COUNT(*) FROM event_sources WHERE source_id = @id)
                     + (SELECT COUNT(*) FROM meeting_status_changes WHERE source_id = @id) + (SELECT COUNT(*) FROM participant_roles WHERE source_id = @id)
                     + (SELECT COUNT(*) FROM participant_aliases WHERE source_id = @id) + (SELECT COUNT(*) FROM event_participants WHERE source_id = @id);
                """, new { id }, ct);
            return uses > 0 ? $"Source '{id}' is cited by {uses} statement(s), event(s), status report(s) or participant name(s): remove those first." : null;
        },
    };

    internal static readonly ResourceDefinition<ParticipantRecord> Participants = new()
    {
        Resource = RecordWriter.Participant,
        Table = "participants",
        Route = "/v1/participants",
        Tag = "Participants",
        ResponseType = typeof(ParticipantResponse),
        ExampleId = "yuri-ushakov",
        IdOf = p => p.Id,
        WithId = (p, id) => p with { Id = id, Aliases = p.Aliases ?? [], Roles = p.Roles ?? [] },
        SuggestId = p => EditContext.Slug(p.Name),
        LoadAsync = async (services, id, ct) => await ReadParticipantAsync(services, id, ct) is ParticipantResponse p
            ? new ParticipantRecord(p.Id, p.Name, p.Kind, p.Country, [.. p.Aliases.Select(a => new AliasRecord(a.Name, a.Source))], [.. p.Roles.Select(r => new RoleRecord(r.Title, r.Source))])
            : null,
        ReadAsync = ReadParticipantAsync,
        ValidateAsync = async (edit, p, ct) =>
        {
            edit.RequireText("name", p.Name, 200);
            edit.RequireOneOf("kind", p.Kind, ParticipantVocabulary.Kinds);
            if (p.Country is not null && await edit.ScalarAsync<string>("SELECT kind FROM participants WHERE id = @id;", new { id = p.Country }, ct) != "country")
            {
                edit.Error("country", $"'{p.Country}' is not the id of a participant of kind 'country'.");
            }

            if (p.Aliases.Count > 100 || p.Roles.Count > 100)
            {
                edit.Error(p.Aliases.Count > 100 ? "aliases" : "roles", "At most 100 entries.");
            }

            for (var i = 0; i < p.Aliases.Count; i++)
            {
                edit.RequireText($"aliases[{i}].name", p.Aliases[i]?.Name, 200);
            }

            for (var i = 0; i < p.Roles.Count; i++)
            {
                edit.RequireText($"roles[{i}].title", p.Roles[i]?.Title, 200);
                edit.RequireText($"roles[{i}].source", p.Roles[i]?.Source, 200);
            }

            if (p.Aliases.Where(a => a is not null).GroupBy(a => a.Name).Any(g => g.Count() > 1))
            {
                edit.Error("aliases", "An alias is given twice.");
            }

            await edit.RequireAllAsync("sources", "source",
                p.Aliases.Select((a, i) => ($"aliases[{i}].source", a?.Source)).Concat(p.Roles.Select((r, i) => ($"roles[{i}].source", r?.Source))), ct);
        },
        WriteAsync = (edit, p, ct) => edit.Writer.WriteParticipantsAsync([p], ct),
        DeleteConflictAsync = async (edit, id, ct) =>
        {
            var uses = await edit.ScalarAsync<long>("""
                SELECT (SELECT COUNT(*) FROM event_participants WHERE participant_id = @id) + (SELECT COUNT(*) FROM statements WHERE speaker_id = @id)
                     + (SELECT COUNT(*) FROM participants WHERE country_id = @id);
                """, new { id }, ct);
            return uses > 0 ? $"Participant '{id}' takes part in events, speaks in statements or is the country of participants ({uses} in all): remove those first." : null;
        },
    };

    private static ResourceDefinition<EventRecord> Events(
        string route, string tag, IReadOnlyList<string> kinds, Func<IServiceProvider, string, CancellationToken, Task<object?>> read, Type response) => new()
        {
            Resource = RecordWriter.Event,
            Table = "events",
            Route = route,
            Tag = tag,
            ResponseType = response,
            ExampleId = "2022-01-09-us-russia-geneva-security-talks",
            IdOf = e => e.Id,
            WithId = (e, id) => e with
            {
                Id = id,
                Participants = e.Participants ?? [],
                Topics = e.Topics ?? [],
                Sources = e.Sources ?? [],
                Schedule = null,
                DatePrecision = IsoDate.TryParse(e.Start, out var start) ? start.Precision : null,
            },
            SuggestId = e => EditContext.Slug(IsoDate.TryParse(e.Start, out var d) ? d.FirstDay : null, e.Title),
            LoadAsync = async (services, id, ct) =>
            {
                var store = services.GetRequiredService<EventStore>();
                if (await store.FindAsync(id, ct) is not { } row || !kinds.Contains(row.Kind))
                {
                    return null;
                }

                var e = (await store.LoadDetailsAsync([id], ct)).ToResponse(row);
                return new EventRecord(e.Id, e.Title, e.Kind, e.Format, e.Status, e.Start, e.End, e.DatePrecision, e.DateInferred, e.DateNote,
                    e.DurationMinutes, e.Location, e.Summary, [.. e.Participants.Select(p => new EventParticipantRecord(p.Id, p.Roles))], e.Topics, e.Sources, null);
            },
            ReadAsync = read,
            TakeExtras = TakeReport,
            ValidateAsync = async (edit, e, ct) =>
            {
                if (await edit.ScalarAsync<string>("SELECT kind FROM events WHERE id = @id;", new { id = e.Id }, ct) is { } existingKind && !kinds.Contains(existingKind))
                {
                    edit.Error("id", $"'{e.Id}' is a {existingKind}, not a meeting: change it under /v1/events.");
                }

                ValidateEventFields(edit, e, kinds);
                await edit.RequireAllAsync("participants", "participant", e.Participants.Select((p, i) => ($"participants[{i}].id", p?.Id)), ct);
                await edit.RequireAllAsync("sources", "source",
                    e.Sources.Select((s, i) => ($"sources[{i}]", (string?)s)).Concat(RoleSources(e)), ct);
                await edit.RequireAllAsync("sources", "source", [("report.source", edit.ReportSource)], ct);
            },
            WriteAsync = WriteEventAsync,
            DeleteConflictAsync = (_, _, _) => Task.FromResult<string?>(null),
        };

    /// <summary>The sources the roles of an event's participants cite, each with its member path.</summary>
    private static IEnumerable<(string, string?)> RoleSources(EventRecord e)
        => e.Participants.SelectMany((p, i) => (p?.Roles ?? []).Select((r, j) => ($"participants[{i}].roles[{j}].source", r?.Source)));

    internal static readonly ResourceDefinition<StatementRecord> Statements = new()
    {
        Resource = RecordWriter.Statement,
        Table = "statements",
        Route = "/v1/statements",
        Tag = "Statements",
        ResponseType = typeof(StatementResponse),
        ExampleId = "peskov-the-current-tensions",
        IdOf = s => s.Id,
        WithId = (s, id) => s with { Id = id },
        SuggestId = s => EditContext.Slug(s.Speaker, string.Join(' ', (s.Text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6))),
        LoadAsync = async (services, id, ct) => await services.GetRequiredService<StatementStore>().FindAsync(id, ct) is { } s
            ? new StatementRecord(s.Id, s.SpeakerId, s.Text, s.Date, s.DateInferred, s.EventId, s.SourceId, new SpanRecord(s.SpanStart, s.SpanEnd), s.Attribution)
            : null,
        ReadAsync = async (services, id, ct) => (await services.GetRequiredService<StatementStore>().FindAsync(id, ct))?.ToResponse(),
        ValidateAsync = async (edit, s, ct) =>
        {
            ValidateStatementFields(edit, s);
            await edit.RequireAllAsync("participants", "participant", [("speaker", s.Speaker)], ct);
            await edit.RequireAllAsync("events", "event", [("event", s.Event)], ct);
            if (s.Span is null)
            {
                edit.Error("span", "'span' is required: {start, end}, the UTF-16 offsets of the text in the source's text.");
            }
            else if (s.Source is not null)
            {
                var text = await edit.ScalarAsync<string>("SELECT text FROM sources WHERE id = @id;", new { id = s.Source }, ct);
                if (text is null)
                {
                    edit.Error("source", $"There is no source with id '{s.Source}'.");
                }
                else if (s.Text is not null && !SpanHolds(text, s.Span.Start, s.Span.End, s.Text))
                {
                    var found = text.IndexOf(s.Text, StringComparison.Ordinal);
                    edit.Error("span", found >= 0
                        ? $"The source's text at [{s.Span.Start}, {s.Span.End}) is not the statement's text; it is found at [{found}, {found + s.Text.Length})."
                        : "The statement's text is not found verbatim in the source's text.");
                }
            }
        },
        WriteAsync = (edit, s, ct) => edit.Writer.WriteStatementsAsync([s], ct),
        DeleteConflictAsync = (_, _, _) => Task.FromResult<string?>(null),
    };

    /// <summary>
    /// Writes an event. A meeting whose status, dates, format or place change (or a new meeting) gets
    /// one more entry in its status history, attributed to the <c>report</c> source if given and to
    /// the key that wrote it; a write that changes none of them adds nothing.
    /// </summary>
    private static async Task WriteEventAsync(EditContext edit, EventRecord e, CancellationToken ct)
    {
        var before = await edit.Connection.QueryListAsync<(string Status, string? StartAt, string? EndAt, string? Format, string? Location)>(
            "SELECT status, start_at, end_at, format, location FROM events WHERE id = @id;", new { id = e.Id }, edit.Transaction, ct);
        await edit.Writer.WriteEventsAsync([e], withSchedule: false, ct);
        var changed = before.Count == 0 || before[0] != (e.Status, e.Start, e.End, e.Format, e.Location);
        if (EventVocabulary.MeetingKinds.Contains(e.Kind) && changed)
        {
            var reportedOn = edit.ReportSource is null ? edit.Today : null;
            await edit.Writer.AppendStatusAsync(e.Id,
                new StatusEntry(e.Status, e.Start, e.End, e.Format, e.Location, edit.ReportSource, reportedOn, edit.ReportNote), edit.KeyName, ct);
        }
    }

    /// <summary>Takes <c>report: {source, note}</c> from a meeting's body: what reported the state written.</summary>
    private static void TakeReport(JsonObject body, EditContext edit)
    {
        if (body["report"] is not { } report)
        {
            return;
        }

        body.Remove("report");
        if (report is not JsonObject members || members.Any(m => m.Key is not "source" and not "note") || members.Any(m => m.Value is not null && m.Value.GetValueKind() != System.Text.Json.JsonValueKind.String))
        {
            edit.Error("report", "'report' is an object with an optional 'source' (a source id) and 'note' (text).");
            return;
        }

        edit.ReportSource = (string?)members["source"];
        edit.ReportNote = (string?)members["note"];
        edit.RequireText("report.note", edit.ReportNote, 1000, required: false);
    }

    /// <summary>The rules of an event's own fields (no lookups).</summary>
    internal static void ValidateEventFields(EditContext edit, EventRecord e, IReadOnlyList<string> kinds)
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

    /// <summary>The rules of a statement's own fields (no lookups).</summary>
    internal static void ValidateStatementFields(EditContext edit, StatementRecord s)
    {
        edit.RequireText("text", s.Text, 10_000);
        edit.RequireText("attribution", s.Attribution, 500, required: false);
        edit.RequireDate("date", s.Date);
        edit.RequireText("speaker", s.Speaker, 120);
        edit.RequireText("source", s.Source, 120);
    }

    /// <summary>The rules of a source's own fields (no lookups).</summary>
    internal static void ValidateSourceFields(EditContext edit, SourceRecord s)
    {
        edit.RequireText("text", s.Text, MaxSourceText);
        edit.RequireText("fileName", s.FileName, 200);
        foreach (var (field, value) in new[] { ("title", s.Title), ("publisher", s.Publisher), ("author", s.Author), ("dateline", s.Dateline), ("publishedAtText", s.PublishedAtText), ("updatedAtText", s.UpdatedAtText) })
        {
            edit.RequireText(field, value, 500, required: false);
        }

        edit.RequireText("publishedAtNote", s.PublishedAtNote, 2000, required: false);
        edit.RequireDate("publishedAt", s.PublishedAt);
    }

    internal static bool SpanHolds(string text, int start, int end, string quote)
        => start >= 0 && end <= text.Length && end > start && text.AsSpan(start, end - start).SequenceEqual(quote);

    private static async Task<object?> ReadEventAsync(IServiceProvider services, string id, CancellationToken ct)
    {
        var store = services.GetRequiredService<EventStore>();
        return await store.FindAsync(id, ct) is { } row ? (await store.LoadDetailsAsync([id], ct)).ToResponse(row) : null;
    }

    private static async Task<object?> ReadMeetingAsync(IServiceProvider services, string id, CancellationToken ct)
    {
        var store = services.GetRequiredService<MeetingStore>();
        return await store.FindAsync(id, null, ct) is { } row ? MeetingsEndpoints.ToResponse(row, await store.LoadDetailsAsync([id], null, ct), null) : null;
    }

    private static async Task<object?> ReadParticipantAsync(IServiceProvider services, string id, CancellationToken ct)
    {
        var store = services.GetRequiredService<ParticipantStore>();
        return await store.FindAsync(id, ct) is { } row ? (await store.LoadDetailsAsync([id], ct))(row) : null;
    }

    private static async Task<List<T>> QueryListAsync<T>(this SqliteConnection connection, string sql, object parameters, SqliteTransaction tx, CancellationToken ct)
        => (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, tx, cancellationToken: ct))).AsList();
}
