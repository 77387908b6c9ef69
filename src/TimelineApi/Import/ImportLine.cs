using System.Text.Json;
using System.Text.Json.Nodes;
using TimelineApi.Common;
using System.Text.Json.Serialization;
using TimelineApi.Data;
using TimelineApi.Events;
using TimelineApi.Participants;
using TimelineApi.Sources;
using TimelineApi.Statements;

namespace TimelineApi.Import;

/// <summary>
/// One line of an import file: an event, a source or a statement, each in the JSON shape the API
/// serves it in. A line with <c>speaker</c> is a statement, one with <c>fileName</c> or <c>text</c> a
/// source, any other an event.
/// </summary>
public abstract record ImportLine(int Number)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        MaxDepth = 16,
    };

    public static ImportLine Parse(int number, string line)
    {
        try
        {
            var (node, refused) = StrictJson.Parse(line, maxDepth: 16, root: "line");
            if (refused is not null)
            {
                return new BadLine(number, refused.Message);
            }

            if (node is not JsonObject root)
            {
                return new BadLine(number, "The line is not a JSON object.");
            }

            if (root.ContainsKey("speaker"))
            {
                return (ImportLine?)Read<StatementResponse>(number, root, out var s) ?? (s is not null
                    ? new StatementLine(number, new StatementRecord(s.Id, s.Speaker?.Id!, s.Text, s.Date, s.DateInferred, s.Event, s.Source, s.Span is null ? null! : new SpanRecord(s.Span.Start, s.Span.End), s.Attribution), s.Speaker?.Name)
                    : new BadLine(number, "The statement is empty."));
            }

            if (root.ContainsKey("fileName") || root.ContainsKey("text"))
            {
                return (ImportLine?)Read<SourceResponse>(number, root, out var s) ?? (s is not null
                    ? new SourceLine(number, new SourceRecord(s.Id, s.FileName ?? $"{s.Id}.txt", s.Title, s.Publisher, s.Author, s.Dateline, s.PublishedAt,
                        s.PublishedAtText, s.PublishedAtInferred, s.PublishedAtNote, s.UpdatedAtText)
                    { Text = s.Text })
                    : new BadLine(number, "The source is empty."));
            }

            return (ImportLine?)Read<EventResponse>(number, root, out var e) ?? (e is not null
                ? new EventLine(number, new EventRecord(e)
                {
                    Summary = e.Summary,
                    Participants = [.. (e.Participants ?? []).Select(p => new EventParticipantRecord(p?.Id!, p?.Roles ?? []))],
                    Topics = e.Topics ?? [],
                    Sources = e.Sources ?? [],
                },
                    [.. (e.Participants ?? []).Where(p => p is not null).Select(p => (p.Id, p.Name, p.Kind))])
                : new BadLine(number, "The event is empty."));
        }
        catch (InvalidOperationException e)
        {
            return new BadLine(number, $"Not well-formed text: {e.Message}");
        }
    }

    /// <summary>The line read as <typeparamref name="T"/>, or the line that says which member is wrong and how.</summary>
    private static BadLine? Read<T>(int number, JsonObject line, out T? value)
    {
        try
        {
            value = line.Deserialize<T>(s_json);
            return null;
        }
        catch (JsonException e)
        {
            value = default;
            return new BadLine(number, Editing.RequestBody.Explain(e, typeof(T)));
        }
    }
}

public sealed record EventLine(int Number, EventRecord Record, IReadOnlyList<(string Id, string Name, string Kind)> Participants) : ImportLine(Number);

public sealed record SourceLine(int Number, SourceRecord Record) : ImportLine(Number);

public sealed record StatementLine(int Number, StatementRecord Record, string? SpeakerName) : ImportLine(Number);

public sealed record BadLine(int Number, string Error) : ImportLine(Number);

/// <summary>A line that was not imported, and why.</summary>
public sealed record ImportError(int Line, string Error);

/// <summary>What an import did.</summary>
public sealed record ImportSummary(
    int Lines, int Events, int Sources, int Statements, int ParticipantsCreated, IReadOnlyList<ImportError> Errors, double Seconds)
{
    public int Imported => Events + Sources + Statements;
}

/// <summary>Progress after each batch.</summary>
public sealed record ImportProgress(int Lines, int Imported, int Errors, double Seconds);

/// <summary>For a participant an import line names that does not exist yet: its kind must be one the API knows.</summary>
internal static class ImportVocabulary
{
    public static string KindOrPerson(string? kind) => kind is not null && ParticipantVocabulary.Kinds.Contains(kind) ? kind : "person";
}
