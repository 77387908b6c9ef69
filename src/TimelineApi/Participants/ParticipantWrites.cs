using TimelineApi.Data;
using TimelineApi.Editing;

namespace TimelineApi.Participants;

/// <summary>POST, PUT, PATCH and DELETE of participants, with their aliases and role titles, each kept with the source that gives it.</summary>
public static class ParticipantWrites
{
    private const string Route = "/v1/participants";
    private const string Resource = RecordWriter.Participant;
    private const string Table = "participants";

    public static void MapParticipantWrites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapWriteGroup(Route, "Participants", Resource, "yuri-ushakov");
        group.MapPost("/", CreateAsync).TakesBody().DocumentCreate<ParticipantRecord, ParticipantResponse>("participant");
        group.MapPut("/{id}", (string id, PendingWrite write, ParticipantStore participants, HttpContext http, CancellationToken ct) => ChangeAsync(id, patch: false, write, participants, http, ct))
            .ChangesRecord(Resource, Table).DocumentReplace<ParticipantRecord, ParticipantResponse>("participant");
        group.MapPatch("/{id}", (string id, PendingWrite write, ParticipantStore participants, HttpContext http, CancellationToken ct) => ChangeAsync(id, patch: true, write, participants, http, ct))
            .ChangesRecord(Resource, Table).DocumentPatch<ParticipantRecord, ParticipantResponse>("participant");
        group.MapDelete("/{id}", DeleteAsync).DeletesRecord(Resource, Table).DocumentDelete("participant");
    }

    private static readonly RecordWrites<ParticipantRecord, ParticipantResponse> s_writes = new(
        Resource, Table, idOf: p => p.Id, newId: p => p.Id ?? EditContext.Slug(p.Name), WithId, ValidateAsync,
        writeAsync: (edit, p, ct) => edit.Writer.WriteParticipantsAsync([p], ct));

    private static async Task<IResult> CreateAsync(PendingWrite write, ParticipantStore participants, HttpContext http, CancellationToken ct)
        => (await s_writes.CreateAsync(write, http, ct)).TryGetId(out var id, out var refused)
            ? await AnswerAsync(http, write.Edit, participants, id, created: true, ct) : refused;

    /// <summary>PUT (the body is the whole participant) or PATCH (the body is a merge patch of it).</summary>
    private static async Task<IResult> ChangeAsync(string id, bool patch, PendingWrite write, ParticipantStore participants, HttpContext http, CancellationToken ct)
        => (await s_writes.ChangeAsync(id, patch, await LoadAsync(participants, id, ct), write, ct)).TryGetId(out _, out var refused)
            ? await AnswerAsync(http, write.Edit, participants, id, created: false, ct) : refused;

    private static async Task<IResult> DeleteAsync(string id, PendingWrite write, CancellationToken ct)
    {
        var edit = write.Edit;
        var uses = await edit.ScalarAsync<long>("""
            SELECT (SELECT COUNT(*) FROM event_participants WHERE participant_id = @id) + (SELECT COUNT(*) FROM statements WHERE speaker_id = @id)
                 + (SELECT COUNT(*) FROM participants WHERE country_id = @id);
            """, new { id }, ct);
        if (uses > 0)
        {
            return WriteResults.Conflict($"Participant '{id}' takes part in events, speaks in statements or is the country of participants ({uses} in all): remove those first.");
        }

        await edit.Writer.DeleteAsync(Resource, [id], ct);
        await edit.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Reads the participant as written, inside the write, then commits: the answer is exactly what was stored.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext http, EditContext edit, ParticipantStore participants, string id, bool created, CancellationToken ct)
    {
        var row = (await participants.FindAsync(id, ct))!;
        var participant = (await participants.LoadDetailsAsync([id], ct))(row);
        await edit.CommitAsync(ct);
        return WriteResults.Written(http, Resource, Route, id, row.Version, participant, created);
    }

    /// <summary>The participant in the shape it is written in, or null when there is none.</summary>
    internal static async Task<ParticipantRecord?> LoadAsync(ParticipantStore participants, string id, CancellationToken ct)
    {
        if (await participants.FindAsync(id, ct) is not { } row)
        {
            return null;
        }

        var p = (await participants.LoadDetailsAsync([id], ct))(row);
        return new ParticipantRecord(p.Id, p.Name, p.Kind, p.Country,
            [.. p.Aliases.Select(a => new AliasRecord(a.Name, a.Source))], [.. p.Roles.Select(r => new RoleRecord(r.Title, r.Source))]);
    }

    private static ParticipantRecord WithId(ParticipantRecord p, string id) => p with { Id = id, Aliases = p.Aliases ?? [], Roles = p.Roles ?? [] };

    /// <summary>The rules of a participant: its fields, its country, and the sources its names and titles cite.</summary>
    internal static async Task ValidateAsync(EditContext edit, ParticipantRecord p, CancellationToken ct)
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
    }
}
