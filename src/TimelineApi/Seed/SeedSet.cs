using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Seed;

/// <summary>
/// The curated seed (<c>data/seed/*.json</c>) with the source documents (<c>data/sources/*.txt</c>),
/// both embedded in the assembly so the API seeds itself from any working directory.
/// </summary>
public sealed class SeedSet
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public required IReadOnlyList<SourceRecord> Sources { get; init; }
    public required IReadOnlyList<ParticipantRecord> Participants { get; init; }
    public required IReadOnlyList<EventRecord> Events { get; init; }
    public required IReadOnlyList<StatementRecord> Statements { get; init; }

    /// <summary>A hash of every embedded seed file: a changed seed has a new one.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The <see cref="ContentHash"/> of the embedded seed, without reading its records: what start-up checks first.</summary>
    public static string EmbeddedContentHash() => HashOf(EmbeddedFiles());

    public static SeedSet LoadEmbedded()
    {
        var files = EmbeddedFiles();

        var sources = Parse<List<SourceRecord>>(files, "Seed.sources.json")
            .Select(s => s with
            {
                Text = files.TryGetValue("Sources." + s.FileName, out var text)
                    ? System.Text.Encoding.UTF8.GetString(text)
                    : throw new InvalidOperationException($"Seed source '{s.Id}' names '{s.FileName}', which is not in data/sources."),
            })
            .ToList();

        var seed = new SeedSet
        {
            Sources = sources,
            Participants = Parse<List<ParticipantRecord>>(files, "Seed.participants.json"),
            Events = Parse<List<EventRecord>>(files, "Seed.events.json"),
            Statements = Parse<List<StatementRecord>>(files, "Seed.statements.json"),
            ContentHash = HashOf(files),
        };

        var problems = seed.Validate();
        return problems.Count == 0
            ? seed
            : throw new InvalidOperationException("The seed in data/ is inconsistent:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    private static Dictionary<string, byte[]> EmbeddedFiles()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Seed.", StringComparison.Ordinal) || n.StartsWith("Sources.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(n => n, n => ReadAll(assembly, n), StringComparer.Ordinal);
    }

    private static string HashOf(Dictionary<string, byte[]> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Checks references, dates and spans; returns one line per problem.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var sources = Sources.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var participants = Participants.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var events = Events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);

        void CheckSource(string? id, string where)
        {
            if (id is not null && !sources.ContainsKey(id))
            {
                problems.Add($"{where}: unknown source '{id}'.");
            }
        }

        void CheckDate(string? date, string where)
        {
            if (date is not null && !IsoDate.TryParse(date, out _))
            {
                problems.Add($"{where}: '{date}' is not an ISO 8601 date.");
            }
        }

        foreach (var s in Sources)
        {
            CheckDate(s.PublishedAt, $"source {s.Id}");
        }

        foreach (var p in Participants)
        {
            if (p.Country is not null && !participants.Contains(p.Country))
            {
                problems.Add($"participant {p.Id}: unknown country '{p.Country}'.");
            }

            foreach (var a in p.Aliases)
            {
                CheckSource(a.Source, $"participant {p.Id} alias '{a.Name}'");
            }

            foreach (var r in p.Roles)
            {
                CheckSource(r.Source, $"participant {p.Id} role '{r.Title}'");
            }
        }

        foreach (var e in Events)
        {
            CheckDate(e.Start, $"event {e.Id} start");
            CheckDate(e.End, $"event {e.Id} end");
            problems.AddRange(e.Participants.Where(p => !participants.Contains(p.Id)).Select(p => $"event {e.Id}: unknown participant '{p.Id}'."));
            foreach (var (p, r) in e.Participants.SelectMany(p => p.Roles.Select(r => (p, r))))
            {
                CheckSource(r.Source, $"event {e.Id} participant {p.Id} role '{r.Role}'");
            }

            foreach (var s in e.Sources)
            {
                CheckSource(s, $"event {e.Id}");
            }

            foreach (var entry in e.Schedule ?? [])
            {
                CheckSource(entry.Source, $"event {e.Id} schedule");
                CheckDate(entry.Start, $"event {e.Id} schedule start");
                CheckDate(entry.End, $"event {e.Id} schedule end");
            }

            // The event is as its schedule has it known today: a seed cannot say one thing in its record and another in its history.
            if (e.Schedule is { Count: > 0 } schedule)
            {
                var reports = schedule.Select(h => StatusEntry.From(h)).Select(entry => new ScheduleReport(
                    null, sources.TryGetValue(entry.Source!, out var source) && IsoDate.TryParse(source.PublishedAt, out var day) ? day.FirstDay : "", entry.Said, entry.Stated));
                var now = ScheduleFold.Fold(ScheduleFold.InOrder(reports), ScheduleState.Of(e)).Now;
                if (now != ScheduleState.Of(e))
                {
                    problems.Add($"event {e.Id}: its record ({ScheduleState.Of(e)}) is not what its schedule has known today ({now}).");
                }
            }
        }

        foreach (var s in Statements)
        {
            if (!participants.Contains(s.Speaker))
            {
                problems.Add($"statement {s.Id}: unknown speaker '{s.Speaker}'.");
            }

            if (s.Event is not null && !events.Contains(s.Event))
            {
                problems.Add($"statement {s.Id}: unknown event '{s.Event}'.");
            }

            CheckDate(s.Date, $"statement {s.Id} date");
            if (!sources.TryGetValue(s.Source, out var source))
            {
                problems.Add($"statement {s.Id}: unknown source '{s.Source}'.");
            }
            else if (s.Span.Start < 0 || s.Span.End > source.Text.Length || s.Span.End <= s.Span.Start
                || !source.Text.AsSpan(s.Span.Start, s.Span.End - s.Span.Start).SequenceEqual(s.Text))
            {
                problems.Add($"statement {s.Id}: its text is not at span [{s.Span.Start}, {s.Span.End}) of source '{s.Source}'.");
            }
        }

        return problems;
    }

    private static byte[] ReadAll(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static T Parse<T>(Dictionary<string, byte[]> files, string name)
        => files.TryGetValue(name, out var bytes)
            ? JsonSerializer.Deserialize<T>(bytes, s_json) ?? throw new InvalidOperationException($"{name} is empty.")
            : throw new InvalidOperationException($"The seed file {name} is missing.");
}
