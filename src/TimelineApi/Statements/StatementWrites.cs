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
        group.MapPost("/", CreateAsync).DocumentCreate<StatementRecord, StatementResponse>("statement");
        group.MapPut("/{id}", (string id, HttpContext http, StatementStore statements, CancellationToken ct) => ChangeAsync(id, patch: false, http, statements, ct))
            .DocumentReplace<StatementRecord, StatementResponse>("statement");
        group.MapPatch("/{id}", (string id, HttpContext http, StatementStore statements, CancellationToken ct) => ChangeAsync(id, patch: true, http, statements, ct))
            .DocumentPatch<StatementRecord, StatementResponse>("statement");
        group.MapDelete("/{id}", DeleteAsync).DocumentDelete("statement");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, StatementStore statements, CancellationToken ct)
    {
        var (body, problem) = await WriteRequest.ReadAsync(http, ct);
        if (body is null)
        {
            return problem!;
        }

        var (record, invalid) = WriteRequest.Bind<StatementRecord, StatementResponse>(body);
        if (record is null)
        {
            return invalid!;
        }

        await using var edit = await EditContext.BeginAsync(http, ct);
        var id = record.Id ?? SuggestId(record);
        if (await edit.CheckNewIdAsync(Resource, Table, id, ct) is { } refused)
        {
            return refused;
        }

        record = record with { Id = id };
        await ValidateAsync(edit, record, ct);
        if (!edit.IsValid)
        {
            return WriteResults.Unprocessable(edit);
        }

        await edit.Writer.WriteStatementsAsync([record], ct);
        return await AnswerAsync(http, edit, statements, id, created: true, ct);
    }

    /// <summary>PUT (the body is the whole statement) or PATCH (the body is a merge patch of it).</summary>
    private static async Task<IResult> ChangeAsync(string id, bool patch, HttpContext http, StatementStore statements, CancellationToken ct)
    {
        var (begun, body, refused) = await WriteRequest.BeginChangeAsync(http, Resource, Table, id, ct);
        if (refused is not null)
        {
            return refused;
        }

        await using var edit = begun!;

        var current = ToRecord((await statements.FindAsync(id, ct))!);
        var (record, invalid) = WriteRequest.BindChange<StatementRecord, StatementResponse>(current, body!, patch);
        if (record is null)
        {
            return invalid!;
        }

        if (record.Id is { } given && given != id)
        {
            return WriteResults.IdChanged(edit, given, id);
        }

        record = record with { Id = id };
        await ValidateAsync(edit, record, ct);
        if (!edit.IsValid)
        {
            return WriteResults.Unprocessable(edit);
        }

        if (WriteRequest.Changes(current, record))
        {
            await edit.Writer.WriteStatementsAsync([record], ct);
        }

        return await AnswerAsync(http, edit, statements, id, created: false, ct);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, CancellationToken ct)
    {
        var (begun, refused) = await WriteRequest.BeginDeleteAsync(http, Resource, Table, id, ct);
        if (refused is not null)
        {
            return refused;
        }

        await using var edit = begun!;

        await edit.Writer.DeleteAsync(Resource, [id], ct);
        await edit.CommitAsync(ct);
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
