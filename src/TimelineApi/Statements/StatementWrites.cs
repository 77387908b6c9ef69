using TimelineApi.Data;
using TimelineApi.Editing;

namespace TimelineApi.Statements;

/// <summary>POST, PUT, PATCH and DELETE of statements: a quote is written only where its source's text holds it, word for word.</summary>
public static class StatementWrites
{
    private const string Route = "/v1/statements";
    private const string Resource = RecordWriter.Statement;
    private const string Table = "statements";

    public static void MapStatementWrites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapWriteGroup(Route, "Statements", Resource, "peskov-the-current-tensions");
        group.MapPost("/", CreateAsync).TakesBody().DocumentCreate<StatementRecord, StatementResponse>("statement");
        group.MapPut("/{id}", (string id, PendingWrite write, StatementStore statements, HttpContext http, CancellationToken ct) => ChangeAsync(id, patch: false, write, statements, http, ct))
            .ChangesRecord(Resource, Table).DocumentReplace<StatementRecord, StatementResponse>("statement");
        group.MapPatch("/{id}", (string id, PendingWrite write, StatementStore statements, HttpContext http, CancellationToken ct) => ChangeAsync(id, patch: true, write, statements, http, ct))
            .ChangesRecord(Resource, Table).DocumentPatch<StatementRecord, StatementResponse>("statement");
        group.MapDelete("/{id}", DeleteAsync).DeletesRecord(Resource, Table).DocumentDelete("statement");
    }

    private static readonly RecordWrites<StatementRecord, StatementResponse> s_writes = new(
        Resource, Table, idOf: s => s.Id, newId: s => s.Id ?? SuggestId(s), withId: (s, id) => s with { Id = id }, ValidateAsync,
        writeAsync: (edit, s, ct) => edit.Writer.WriteStatementsAsync([s], ct));

    private static async Task<IResult> CreateAsync(PendingWrite write, StatementStore statements, HttpContext http, CancellationToken ct)
        => (await s_writes.CreateAsync(write, http, ct)).TryGetId(out var id, out var refused)
            ? await AnswerAsync(http, write.Edit, statements, id, created: true, ct) : refused;

    /// <summary>PUT (the body is the whole statement) or PATCH (the body is a merge patch of it).</summary>
    private static async Task<IResult> ChangeAsync(string id, bool patch, PendingWrite write, StatementStore statements, HttpContext http, CancellationToken ct)
        => (await s_writes.ChangeAsync(id, patch, await statements.FindAsync(id, ct) is { } row ? ToRecord(row) : null, write, ct)).TryGetId(out _, out var refused)
            ? await AnswerAsync(http, write.Edit, statements, id, created: false, ct) : refused;

    private static async Task<IResult> DeleteAsync(string id, PendingWrite write, CancellationToken ct)
    {
        await write.Edit.Writer.DeleteAsync(Resource, [id], ct);
        await write.Edit.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Reads the statement as written, inside the write, then commits: the answer is exactly what was stored.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext http, EditContext edit, StatementStore statements, string id, bool created, CancellationToken ct)
    {
        var row = (await statements.FindAsync(id, ct))!;
        await edit.CommitAsync(ct);
        return WriteResults.Written(http, Resource, Route, id, row.Version, row.ToResponse(), created);
    }

    private static string SuggestId(StatementRecord s)
        => EditContext.Slug(s.Speaker, string.Join(' ', (s.Text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6)));

    internal static StatementRecord ToRecord(StatementRow s)
        => new(s.Id, s.SpeakerId, s.Text, s.Date, s.DateInferred, s.EventId, s.SourceId, new SpanRecord(s.SpanStart, s.SpanEnd), s.Attribution);

    /// <summary>The rules of a statement: its fields, the records it names, and its text at its span of its source.</summary>
    internal static async Task ValidateAsync(EditContext edit, StatementRecord s, CancellationToken ct)
    {
        ValidateFields(edit, s);
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
    }

    /// <summary>The rules of a statement's own fields (no lookups).</summary>
    internal static void ValidateFields(EditContext edit, StatementRecord s)
    {
        edit.RequireText("text", s.Text, 10_000);
        edit.RequireText("attribution", s.Attribution, 500, required: false);
        edit.RequireDate("date", s.Date);
        edit.RequireText("speaker", s.Speaker, 120);
        edit.RequireText("source", s.Source, 120);
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="quote"/> at [<paramref name="start"/>, <paramref name="end"/>).</summary>
    internal static bool SpanHolds(string text, int start, int end, string quote)
        => start >= 0 && end <= text.Length && end > start && text.AsSpan(start, end - start).SequenceEqual(quote);
}
