using System.Globalization;
using System.Text;
using System.Text.Json;
using TimelineApi.Common;
using TimelineApi.Events;

namespace TimelineApi.Extraction;

/// <summary>What an annotator read in one report: the people it names, its quotes and who said them, and its dated events.</summary>
public sealed record GoldReport(string? Publisher, string PublishedAt, IReadOnlyList<string> People, IReadOnlyList<GoldQuote> Quotes, IReadOnlyList<GoldEvent> Events);

/// <summary>A quote as written between its marks, and who said it (null when the report does not say).</summary>
public sealed record GoldQuote(string? Speaker, string Text);

/// <summary>An event the report dates: its kind, its day (null when the report gives none) and its status.</summary>
public sealed record GoldEvent(string Kind, string? Day, string Status);

/// <summary>One report of a corpus: its text file's name, its text and its annotation.</summary>
public sealed record CorpusReport(string Name, string Text, GoldReport Gold);

/// <summary>
/// A corpus of reports with annotations: for each <c>NAME.txt</c> a <c>NAME.json</c> in the format of
/// <see cref="GoldReport"/> (see <c>tests/ExtractionCorpus/README.md</c>).
/// </summary>
public static class Corpus
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    public static List<CorpusReport> Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No such corpus: {directory}");
        }

        var reports = new List<CorpusReport>();
        foreach (var textFile in Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal))
        {
            var goldFile = Path.ChangeExtension(textFile, ".json");
            if (!File.Exists(goldFile))
            {
                throw new InvalidDataException($"{textFile} has no annotation file {Path.GetFileName(goldFile)}");
            }

            var gold = JsonSerializer.Deserialize<GoldReport>(File.ReadAllText(goldFile), Json)
                ?? throw new InvalidDataException($"{goldFile} is empty");
            reports.Add(new CorpusReport(Path.GetFileNameWithoutExtension(textFile), File.ReadAllText(textFile), gold));
        }

        return reports;
    }
}

/// <summary>One report's proposals scored against its annotation.</summary>
public sealed record ReportScore(string Name, ExtractionResult Result, IReadOnlyList<KindScore> Scores, IReadOnlyList<string> Missed, IReadOnlyList<string> Extra);

/// <summary>A corpus scored: totals per kind, per report, and how often a confident quote is right.</summary>
public sealed record CorpusEvaluationReport(string Corpus, IReadOnlyList<ReportScore> Reports, IReadOnlyList<KindScore> Totals, Calibration Calibration)
{
    public KindScore Total(string kind) => Totals.Single(t => t.Kind == kind);

    public string ToMarkdown(bool details)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"corpus {Corpus} ({Reports.Count} reports)").AppendLine();
        text.Append(KindScore.ToMarkdown(Totals, "annotated"));
        text.AppendLine(CultureInfo.InvariantCulture, $"\n{Calibration}");
        if (details)
        {
            foreach (var r in Reports.Where(r => r.Missed.Count + r.Extra.Count > 0))
            {
                text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{r.Name}:");
                text.AppendJoin("", r.Missed.Select(m => $"  missed {m}\n"));
                text.AppendJoin("", r.Extra.Select(e => $"  extra  {e}\n"));
            }
        }

        return text.ToString();
    }
}

/// <summary>Of the quotes proposed at or above <see cref="Threshold"/> confidence, how many have the right speaker.</summary>
public sealed record Calibration(double Threshold, int Proposed, int Correct)
{
    public override string ToString() => Proposed == 0
        ? string.Create(CultureInfo.InvariantCulture, $"calibration: no quote proposed at confidence >= {Threshold:0.0}")
        : string.Create(CultureInfo.InvariantCulture, $"calibration: of {Proposed} quotes proposed at confidence >= {Threshold:0.0}, {Correct} ({(double)Correct / Proposed:0.00}) have the right speaker");
}

/// <summary>
/// Scores the extractor on an annotated corpus. Each report is read with the participants the product
/// knows (the seed's); what the report adds must come from its text. Kinds:
/// <list type="bullet">
/// <item><b>quotes</b>: the quoted words (letters and digits) with the right speaker, or none where the report names none;</item>
/// <item><b>meetings</b>: meetings not yet held (scheduled, proposed…) by status and day;</item>
/// <item><b>events</b>: what the report says happened, by day;</item>
/// <item><b>people</b>: the people the report names, by name.</item>
/// </list>
/// Undated meetings and events are not scored: the annotation gives them no day to compare.
/// </summary>
public static class CorpusEvaluation
{
    public static readonly string[] Kinds = ["quotes", "meetings", "events", "people"];

    public static CorpusEvaluationReport Run(string name, IReadOnlyList<CorpusReport> corpus, IReadOnlyList<KnownParticipant> known)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var extractor = new Extractor(known);
        var names = new NameBook(known);
        var reports = new List<ReportScore>();
        var calibrated = 0;
        var calibratedCorrect = 0;
        foreach (var report in corpus)
        {
            var result = extractor.Extract(new DocumentInput(report.Text, null, report.Gold.Publisher, report.Gold.PublishedAt));
            var expected = Expected(report.Gold, names);
            var proposed = Proposed(result, names);
            var scores = Kinds.Select(k => new KindScore(k, expected[k].Count, proposed[k].Count, expected[k].Intersect(proposed[k]).Count())).ToList();
            reports.Add(new ReportScore(report.Name, result, scores,
                [.. Kinds.SelectMany(k => expected[k].Except(proposed[k]).Select(x => $"{k}: {x}"))],
                [.. Kinds.SelectMany(k => proposed[k].Except(expected[k]).Select(x => $"{k}: {x}"))]));

            foreach (var s in result.Statements.Where(s => s.Confidence >= 0.8))
            {
                calibrated++;
                calibratedCorrect += expected["quotes"].Contains(QuoteKey(names.OfProposal(s.SpeakerId, s.SpeakerText), s.Text)) ? 1 : 0;
            }
        }

        var totals = KindScore.Sum(Kinds, reports.Select(r => r.Scores));
        return new CorpusEvaluationReport(name, reports, totals, new Calibration(0.8, calibrated, calibratedCorrect));
    }

    private static Dictionary<string, HashSet<string>> Expected(GoldReport gold, NameBook names) => new()
    {
        ["quotes"] = [.. gold.Quotes.Select(q => QuoteKey(names.Canonical(q.Speaker), q.Text))],
        ["meetings"] = [.. gold.Events.Where(e => e.Day is not null && e.Status != "held" && EventVocabulary.MeetingKinds.Contains(e.Kind)).Select(e => $"{e.Status} {e.Day}")],
        ["events"] = [.. gold.Events.Where(e => e.Day is not null && e.Status == "held").Select(e => e.Day!)],
        ["people"] = [.. gold.People.Select(p => Key(names.Canonical(p)))],
    };

    private static Dictionary<string, HashSet<string>> Proposed(ExtractionResult result, NameBook names) => new()
    {
        ["quotes"] = [.. result.Statements.Select(s => QuoteKey(names.OfProposal(s.SpeakerId, s.SpeakerText), s.Text))],
        ["meetings"] = [.. result.Events.Where(e => e.IsMeeting && e.Status != "held" && e.DatePrecision == "day").Select(e => $"{e.Status} {e.Start}")],
        ["events"] = [.. result.Events.Where(e => e.Status == "held" && e.DatePrecision == "day").SelectMany(e => new[] { e.Start, e.End }).OfType<string>()],
        ["people"] = [.. result.Participants.Where(p => p.Kind == "person").Select(p => Key(p.Name))],
    };

    private static string QuoteKey(string? speaker, string text) => $"{(speaker is null ? "(no speaker)" : Key(speaker))}: {Extractor.Comparable(text)}";

    private static string Key(string? name) => name is null ? "" : TextKey.Normalize(name);

    /// <summary>The product's names for known participants, so that an annotation may write an alias (<c>Kremlin</c>).</summary>
    private sealed class NameBook(IReadOnlyList<KnownParticipant> known)
    {
        private readonly Dictionary<string, string> _byName = known
            .SelectMany(p => p.Aliases.Prepend(p.Name).Select(n => (Key: TextKey.Normalize(n), p.Name)))
            .DistinctBy(n => n.Key).ToDictionary(n => n.Key, n => n.Name, StringComparer.Ordinal);

        private readonly Dictionary<string, string> _byId = known.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);

        public string? Canonical(string? name) => name is null ? null : _byName.GetValueOrDefault(TextKey.Normalize(name), name);

        public string? OfProposal(string? id, string? text) => id is not null && _byId.TryGetValue(id, out var name) ? name : id is null ? null : text;
    }
}
