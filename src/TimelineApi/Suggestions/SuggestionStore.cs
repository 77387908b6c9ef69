using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using System.Data.Common;
using TimelineApi.Data;
using TimelineApi.Editing;
using TimelineApi.Extraction;

namespace TimelineApi.Suggestions;

/// <summary>Runs the extractor over a source and keeps its proposals as suggestions; reads and decides them.</summary>
public sealed class SuggestionStore(DbSession session)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Columns = """
        seq, id, source_id AS source, kind, status, confidence, summary, proposal, evidence, created_at AS createdAt,
        decided_at AS decidedAt, decided_by AS decidedBy, records
        """;

    /// <summary>The participants the extractor knows: every participant with its aliases and titles.</summary>
    public async Task<List<KnownParticipant>> LoadKnownAsync(CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        var participants = await connection.QueryAsync<(string Id, string Name, string Kind)>(new CommandDefinition("SELECT id, name, kind FROM participants;", cancellationToken: ct));
        var aliases = (await connection.QueryAsync<(string Id, string Alias)>(new CommandDefinition("SELECT participant_id, alias FROM participant_aliases;", cancellationToken: ct)))
            .ToLookup(a => a.Id, a => a.Alias);
        var titles = (await connection.QueryAsync<(string Id, string Title)>(new CommandDefinition("SELECT participant_id, title FROM participant_roles;", cancellationToken: ct)))
            .ToLookup(r => r.Id, r => r.Title);
        return [.. participants.Select(p => new KnownParticipant(p.Id, p.Name, p.Kind, [.. aliases[p.Id]], [.. titles[p.Id].Distinct()]))];
    }

    /// <summary>
    /// Reads a source as the extractor does and stores what it proposes as suggestions; suggestions already decided
    /// are left as they are. The reading (the participants known, then the extraction itself) runs before any write
    /// lock is taken; only storing the suggestions is a write, in a short one of the session's own.
    /// </summary>
    public async Task<ExtractionResponse> ExtractAsync(SourceRecord source, string now, CancellationToken ct)
    {
        var known = await LoadKnownAsync(ct);
        var result = new Extractor(known).Extract(new DocumentInput(source.Text, source.Title, source.Publisher, source.PublishedAt), ct);
        await using var write = session.BeginWrite();
        var response = await StoreAsync(await write.ConnectionAsync(ct), source.Id, result, now, ct);
        await write.CommitAsync(ct);
        return response;
    }

    private static async Task<ExtractionResponse> StoreAsync(DbConnection connection, string sourceId, ExtractionResult result, string now, CancellationToken ct)
    {
        var created = 0;
        foreach (var row in Suggest(sourceId, result))
        {
            var inserted = await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO suggestions (id, source_id, kind, status, confidence, summary, proposal, evidence, created_at, stamp)
                VALUES (@Id, @Source, @Kind, 'pending', @Confidence, @Summary, @Proposal, @Evidence, @now,
                        (SELECT COALESCE(MAX(stamp), 0) + 1 FROM suggestions))
                ON CONFLICT (id) DO NOTHING;
                """, new { row.Id, row.Source, row.Kind, row.Confidence, row.Summary, row.Proposal, row.Evidence, now }, cancellationToken: ct));
            created += inserted;
            Telemetry.TimelineMetrics.Proposals.Add(inserted, new KeyValuePair<string, object?>("kind", row.Kind));
        }

        var all = await connection.QueryAsync<SuggestionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM suggestions WHERE source_id = @id ORDER BY seq;", new { id = sourceId }, cancellationToken: ct));
        return new ExtractionResponse(sourceId, result.PublishedAt, created, [.. all.Select(r => r.ToResponse())]);
    }

    public async Task<List<SuggestionRow>> ListAsync(
        string? source, IReadOnlyCollection<string> kinds, IReadOnlyCollection<string> statuses, long after, int take, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return [.. await connection.QueryAsync<SuggestionRow>(new CommandDefinition($"""
            SELECT {Columns} FROM suggestions
            WHERE seq > @after AND (@source IS NULL OR source_id = @source)
              AND (@allKinds OR kind {session.Dialect.In("@kinds")}) AND (@allStatuses OR status {session.Dialect.In("@statuses")})
            ORDER BY seq LIMIT @take;
            """, new { after, source, allKinds = kinds.Count == 0, kinds = kinds.ToArray(), allStatuses = statuses.Count == 0, statuses = statuses.ToArray(), take }, cancellationToken: ct))];
    }

    public async Task<SuggestionRow?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<SuggestionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM suggestions WHERE id = @id;", new { id }, cancellationToken: ct));
    }

    /// <summary>Records the decision on a suggestion, inside the session's write.</summary>
    public async Task DecideAsync(EditContext edit, string id, string status, IReadOnlyList<SuggestionRecordRef> records, string now, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE suggestions SET status = @status, decided_at = @now, decided_by = @key, records = @records,
                   stamp = (SELECT MAX(stamp) + 1 FROM suggestions)
            WHERE id = @id;
            """, new { id, status, now, key = edit.KeyName, records = JsonSerializer.Serialize(records, Json) }, cancellationToken: ct));
    }

    /// <summary>Turns what the extractor proposed into suggestion rows, each with a stable id.</summary>
    private static IEnumerable<(string Id, string Source, string Kind, double Confidence, string Summary, string Proposal, string Evidence)> Suggest(string source, ExtractionResult result)
    {
        foreach (var p in result.Participants)
        {
            var id = p.Id ?? EditContext.Slug(p.Name);
            var data = new ParticipantProposalData(id, p.Id is not null, p.Name, p.Kind, p.NewAliases, p.Titles);
            var summary = p.Id is null ? $"New {p.Kind}: {p.Name}" : p.NewAliases.Count + p.Titles.Count > 0
                ? $"{p.Name}, also as {string.Join(", ", p.NewAliases.Concat(p.Titles).Select(a => $"'{a}'"))}"
                : $"{p.Name} is named";
            yield return Row(source, "participant", $"{p.Id ?? "new"}|{p.Name}", p.Confidence, summary, data, p.Evidence);
        }

        foreach (var s in result.Statements)
        {
            var speaker = s.SpeakerId?.StartsWith(Mention.NewPrefix, StringComparison.Ordinal) == true ? null : s.SpeakerId;
            var id = EditContext.Slug(speaker ?? s.SpeakerText ?? "unknown", string.Join(' ', s.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6)));
            var data = new StatementProposalData(id, speaker, s.SpeakerText, s.Text, new SpanRecord(s.Span.Start, s.Span.End), s.Date, s.DateInferred, s.Attribution?.Text, s.Rule);
            var summary = $"{s.SpeakerText ?? "(speaker not found)"}: “{Shorten(s.Text, 80)}”";
            yield return Row(source, "statement", $"{s.Span.Start}-{s.Span.End}", s.Confidence, summary, data, s.Attribution is null ? [s.Span] : [s.Span, s.Attribution]);
        }

        // A person new to the data is a party by the id their participant suggestion proposes: once that is accepted, the event's acceptance finds them.
        var newPeople = result.Participants.Where(p => p.Id is null)
            .ToDictionary(p => Mention.NewId(p.Name), p => EditContext.Slug(p.Name), StringComparer.Ordinal);
        foreach (var e in result.Events)
        {
            var id = EditContext.Slug(e.Start is null ? null : e.Start[..Math.Min(10, e.Start.Length)], e.Title.Replace(" (proposed)", string.Empty, StringComparison.Ordinal));
            var participants = e.Participants.Select(p => p.StartsWith(Mention.NewPrefix, StringComparison.Ordinal) ? newPeople.GetValueOrDefault(p) : p).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var data = new EventProposalData
            {
                Id = id,
                Title = e.Title,
                Kind = e.Kind,
                Format = e.Format,
                Status = e.Status,
                Start = e.Start,
                End = e.End,
                DatePrecision = e.DatePrecision,
                DateInferred = e.DateInferred,
                DateNote = e.DateNote,
                DurationMinutes = e.DurationMinutes,
                Location = e.Location,
                Participants = participants,
            };
            var summary = $"{e.Title}: {e.Status}{(e.Start is null ? string.Empty : $", {e.Start}{(e.End is null ? string.Empty : $" to {e.End}")}")}";
            yield return Row(source, "event", $"{e.Kind}|{e.Status}|{e.Start}|{e.Title}", e.Confidence, summary, data, e.Evidence);
        }
    }

    private static (string, string, string, double, string, string, string) Row<T>(string source, string kind, string key, double confidence, string summary, T data, IReadOnlyList<Evidence> evidence)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source}\n{kind}\n{key}")))[..12];
        return ($"{kind}-{hash}", source, kind, Math.Round(confidence, 2), summary, JsonSerializer.Serialize(data, Json), JsonSerializer.Serialize(evidence, Json));
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");

    public sealed class SuggestionRow
    {
        public long Seq { get; init; }
        public string Id { get; init; } = "";
        public string Source { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public double Confidence { get; init; }
        public string Summary { get; init; } = "";
        public string Proposal { get; init; } = "{}";
        public string Evidence { get; init; } = "[]";
        public string CreatedAt { get; init; } = "";
        public string? DecidedAt { get; init; }
        public string? DecidedBy { get; init; }
        public string? Records { get; init; }

        public string Cursor => Seq.ToString(CultureInfo.InvariantCulture);

        public T Read<T>() => JsonSerializer.Deserialize<T>(Proposal, Json)!;

        public SuggestionResponse ToResponse() => new(
            Id, Source, Kind, Status, Confidence, Summary, JsonDocument.Parse(Proposal).RootElement.Clone(),
            JsonSerializer.Deserialize<List<Evidence>>(Evidence, Json)!, CreatedAt, DecidedAt, DecidedBy,
            Records is null ? null : JsonSerializer.Deserialize<List<SuggestionRecordRef>>(Records, Json));
    }
}
