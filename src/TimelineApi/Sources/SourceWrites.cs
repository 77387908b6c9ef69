using TimelineApi.Common;
using TimelineApi.Data;
using TimelineApi.Editing;
using TimelineApi.Extraction;
using TimelineApi.Suggestions;

using TimelineApi.Http;

namespace TimelineApi.Sources;

/// <summary>
/// POST, PUT, PATCH and DELETE of sources. A new text is read by the extractor once the write has committed
/// (holding no write lock while it reads); what it proposes is stored as suggestions in a short write of its own.
/// </summary>
public static class SourceWrites
{
    private const string Route = "/v1/sources";
    private const string Resource = RecordWriter.Source;
    private const string Table = "sources";
    private const int MaxText = 500_000;

    public static void MapSourceWrites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapWriteGroup(Route, "Sources", Resource, "2021-12-08-kremlin-says-putin-and-biden-to-keep-engaging");
        // Writing a source reads its text (its metadata, its full-text index, its suggestions): costly work, run in its turn.
        group.MapPost("/", CreateAsync).RunsCostly().TakesBody(plainTextMember: "text")
            .DocumentCreate<SourceRecord, SourceResponse>("source", plainText: true, note: """


            A `text/plain` body is taken as the source's `text`. The extractor reads a new source's text: the title and
            publication date it prints fill those left out, and what it proposes (statements with speakers, participants,
            events and meetings) is stored as suggestions, named in the answer's `Link: rel="suggestions"` header
            (see `GET /v1/suggestions`).
            """);
        group.MapPut("/{id}", (string id, PendingWrite write, SourceStore sources, HttpContext http, CancellationToken ct) => ChangeAsync(id, patch: false, write, sources, http, ct))
            .RunsCostly().ChangesRecord(Resource, Table).DocumentReplace<SourceRecord, SourceResponse>("source");
        group.MapPatch("/{id}", (string id, PendingWrite write, SourceStore sources, HttpContext http, CancellationToken ct) => ChangeAsync(id, patch: true, write, sources, http, ct))
            .RunsCostly().ChangesRecord(Resource, Table).DocumentPatch<SourceRecord, SourceResponse>("source");
        group.MapDelete("/{id}", DeleteAsync).DeletesRecord(Resource, Table).DocumentDelete("source");
    }

    private static readonly RecordWrites<SourceRecord, SourceResponse> s_writes = new(
        Resource, Table, idOf: s => s.Id,
        newId: s => s.Id ?? EditContext.Slug(IsoDate.TryParse(s.PublishedAt, out var day) ? day.FirstDay : "undated", s.Title ?? s.FileName),
        WithId, ValidateAsync, writeAsync: (edit, s, ct) => edit.Writer.WriteSourcesAsync([s], ct));

    private static async Task<IResult> CreateAsync(PendingWrite write, SourceStore sources, HttpContext http, CancellationToken ct)
        => (await s_writes.CreateAsync(write, http, ct, prepare: WithMetadata)).TryGetId(out var id, out var refused)
            ? await AnswerAsync(http, write.Edit, sources, id, extract: true, created: true, ct) : refused;

    /// <summary>PUT (the body is the whole source) or PATCH (the body is a merge patch of it); a changed text is read again.</summary>
    private static async Task<IResult> ChangeAsync(string id, bool patch, PendingWrite write, SourceStore sources, HttpContext http, CancellationToken ct)
    {
        var written = await s_writes.ChangeAsync(id, patch, await sources.FindAsync(id, ct) is { } row ? ToRecord(row) : null, write, ct);
        return written.TryGetId(out _, out var refused)
            ? await AnswerAsync(http, write.Edit, sources, id, extract: written.Wrote, created: false, ct) : refused;
    }

    private static async Task<IResult> DeleteAsync(string id, PendingWrite write, CancellationToken ct)
    {
        var edit = write.Edit;
        var uses = await edit.ScalarAsync<long>("""
            SELECT (SELECT COUNT(*) FROM statements WHERE source_id = @id) + (SELECT COUNT(*) FROM event_sources WHERE source_id = @id)
                 + (SELECT COUNT(*) FROM meeting_status_changes WHERE source_id = @id) + (SELECT COUNT(*) FROM participant_roles WHERE source_id = @id)
                 + (SELECT COUNT(*) FROM participant_aliases WHERE source_id = @id) + (SELECT COUNT(*) FROM event_participants WHERE source_id = @id);
            """, new { id }, ct);
        if (uses > 0)
        {
            return WriteResults.Conflict($"Source '{id}' is cited by {uses} statement(s), event(s), status report(s) or participant name(s): remove those first.");
        }

        await edit.Writer.DeleteAsync(Resource, [id], ct);
        await edit.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Reads the source as written, inside the write, and commits; then (when its text was written) lets the
    /// extractor read it, in the reading's budget (<see cref="RequestBudgets.ExtractAsync"/>). The answer names the
    /// source's suggestions in a <c>Link</c> header; when the reading ran out of time, the source stays written and
    /// the header also names <c>rel="extract"</c>, to read it again later.
    /// </summary>
    private static async Task<IResult> AnswerAsync(
        HttpContext http, EditContext edit, SourceStore sources, string sourceId, bool extract, bool created, CancellationToken ct)
    {
        var row = (await sources.FindAsync(sourceId, ct))!;
        var record = ToRecord(row);
        await edit.CommitAsync(ct);
        var read = true;
        if (extract)
        {
            var (_, refused) = await http.RequestServices.GetRequiredService<RequestBudgets>().ExtractAsync(http, budget =>
                http.RequestServices.GetRequiredService<SuggestionStore>().ExtractAsync(record, edit.Writer.Now, budget));
            read = refused is null;
        }

        var id = Uri.EscapeDataString(sourceId);
        http.Response.Headers.Link = read
            ? $"</v1/suggestions?source={id}>; rel=\"suggestions\""
            : $"</v1/suggestions?source={id}>; rel=\"suggestions\", </v1/sources/{id}/extract>; rel=\"extract\"";
        return WriteResults.Written(http, Resource, Route, sourceId, row.Version, row.ToResponse(), created);
    }

    /// <summary>A new source's title and publication date, where left out, from what its text prints.</summary>
    private static SourceRecord WithMetadata(SourceRecord s)
        => Extractor.ReadMetadata(s.Text) is var (title, publishedAt, publishedAtText)
            ? s with
            {
                Title = s.Title ?? title,
                PublishedAt = s.PublishedAt ?? publishedAt,
                PublishedAtText = s.PublishedAt is null && publishedAt is not null ? publishedAtText : s.PublishedAtText,
            }
            : s;

    private static SourceRecord WithId(SourceRecord s, string id)
        => s with { Id = id, FileName = string.IsNullOrWhiteSpace(s.FileName) ? $"{id}.txt" : s.FileName };

    internal static SourceRecord ToRecord(SourceRow row)
        => new(row.Id, row.FileName, row.Title, row.Publisher, row.Author, row.Dateline, row.PublishedAt, row.PublishedAtText,
            row.PublishedAtInferred, row.PublishedAtNote, row.UpdatedAtText)
        { Text = row.Text };

    private static async Task ValidateAsync(EditContext edit, SourceRecord s, CancellationToken ct)
    {
        ValidateFields(edit, s);

        // The statements quoted from this source must still stand at their spans in its new text.
        var quoted = await edit.QueryAsync<(string Id, string Text, int SpanStart, int SpanEnd)>(
            "SELECT id, text, span_start, span_end FROM statements WHERE source_id = @id;", new { id = s.Id }, ct);
        foreach (var q in quoted.Where(q => !Statements.StatementWrites.SpanHolds(s.Text, q.SpanStart, q.SpanEnd, q.Text)))
        {
            edit.Error("text", $"Statement '{q.Id}' would no longer be found at its span [{q.SpanStart}, {q.SpanEnd}) of this text.");
        }
    }

    /// <summary>The rules of a source's own fields (no lookups).</summary>
    internal static void ValidateFields(EditContext edit, SourceRecord s)
    {
        edit.RequireText("text", s.Text, MaxText);
        edit.RequireText("fileName", s.FileName, 200);
        foreach (var (field, value) in new[] { ("title", s.Title), ("publisher", s.Publisher), ("author", s.Author), ("dateline", s.Dateline), ("publishedAtText", s.PublishedAtText), ("updatedAtText", s.UpdatedAtText) })
        {
            edit.RequireText(field, value, 500, required: false);
        }

        edit.RequireText("publishedAtNote", s.PublishedAtNote, 2000, required: false);
        edit.RequireDate("publishedAt", s.PublishedAt);
    }
}
