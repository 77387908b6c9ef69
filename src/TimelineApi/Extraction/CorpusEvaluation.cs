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

/// <summary>
/// An event the report dates: its kind, its day (null when the report gives none), its status, and its parties (the people,
/// countries and bodies that took part, as the report names them; null where the annotation does not give them).
/// </summary>
public sealed record GoldEvent(string Kind, string? Day, string Status, IReadOnlyList<string>? Parties = null);

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
/// <item><b>people</b>: the people the report names, by name;</item>
/// <item><b>meetings+party</b>, <b>events+party</b>: as meetings and events, counted right only when the proposal also
/// names at least one of the event's parties (scored on the reports whose annotation gives parties);</item>
/// <item><b>titles</b>: of the events proposed in those reports, the ones whose parties (and so whose title) are all among
/// the parties of the report's events on that day: a title naming someone who did not take part counts against it.</item>
/// </list>
/// Undated meetings and events are not scored: the annotation gives them no day to compare.
/// </summary>
public static class CorpusEvaluation
{
    /// <summary>The kinds scored as sets of keys (what was missed and what was extra can be listed).</summary>
    private static readonly string[] s_setKinds = ["quotes", "meetings", "events", "people"];

    public static readonly string[] Kinds = [.. s_setKinds, "meetings+party", "events+party", "titles"];

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
            var partyMisses = new List<string>();
            var scores = s_setKinds.Select(k => new KindScore(k, expected[k].Count, proposed[k].Count, expected[k].Intersect(proposed[k]).Count()))
                .Concat(PartyScores(report.Gold, result, names, partyMisses)).ToList();
            reports.Add(new ReportScore(report.Name, result, scores,
                [.. s_setKinds.SelectMany(k => expected[k].Except(proposed[k]).Select(x => $"{k}: {x}")), .. partyMisses],
                [.. s_setKinds.SelectMany(k => proposed[k].Except(expected[k]).Select(x => $"{k}: {x}"))]));

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

    /// <summary>
    /// Meetings and events with a right party, and titles naming only parties, where the annotation gives parties; each
    /// annotated one without a proposal of its day and a right party is added to <paramref name="missed"/>, with the parties
    /// the proposals of its day have.
    /// </summary>
    private static IEnumerable<KindScore> PartyScores(GoldReport report, ExtractionResult result, NameBook names, List<string> missed)
    {
        if (!report.Events.Any(e => e.Parties is not null))
        {
            return Kinds.Skip(s_setKinds.Length).Select(k => new KindScore(k, 0, 0, 0));
        }

        HashSet<string> PartiesOf(IEnumerable<string> parties) => [.. parties.Select(p => PartyKey(names.Canonical(p)!))];
        var dated = result.Events.Where(e => e.DatePrecision == "day").Select(e => (Event: e, Parties: PartiesOf(e.Participants.Select(names.OfParty)))).ToList();
        KindScore Score(string kind, Func<GoldEvent, bool> annotated, Func<EventProposal, bool> proposed, Func<EventProposal, GoldEvent, bool> same)
        {
            // One proposal answers for one annotated event: two talks of one day need two proposals.
            var gold = report.Events.Where(g => g.Day is not null && annotated(g)).ToList();
            var unused = dated.Where(p => proposed(p.Event)).ToList();
            var right = 0;
            foreach (var g in gold)
            {
                var parties = PartiesOf(g.Parties ?? []);
                var match = unused.FindIndex(p => same(p.Event, g) && p.Parties.Overlaps(parties));
                if (match >= 0)
                {
                    unused.RemoveAt(match);
                    right++;
                }
                else
                {
                    var sameDay = unused.Where(p => same(p.Event, g)).Select(p => $"[{string.Join(", ", p.Parties.Order(StringComparer.Ordinal))}]");
                    missed.Add($"{kind}: {g.Status} {g.Day} [{string.Join(", ", parties.Order(StringComparer.Ordinal))}], proposed {string.Join(" ", sameDay.DefaultIfEmpty("none"))}");
                }
            }

            return new(kind, gold.Count, dated.Count(p => proposed(p.Event)), right);
        }

        var named = dated.Count(p => p.Parties.Count > 0
            && p.Parties.IsSubsetOf(PartiesOf(report.Events.Where(g => g.Day == p.Event.Start || g.Day == p.Event.End).SelectMany(g => g.Parties ?? []))));
        return
        [
            Score("meetings+party", g => g.Status != "held" && EventVocabulary.MeetingKinds.Contains(g.Kind), p => p.IsMeeting && p.Status != "held", (p, g) => p.Status == g.Status && p.Start == g.Day),
            Score("events+party", g => g.Status == "held", p => p.Status == "held", (p, g) => p.Start == g.Day || p.End == g.Day),
            new("titles", dated.Count, dated.Count, named),
        ];
    }

    /// <summary>A party as compared: its letters and digits (a proposal's new person, <c>new:kim-min-jun</c>, by its name).</summary>
    private static string PartyKey(string name)
        => string.Concat(TextKey.Normalize(name.StartsWith(Mention.NewPrefix, StringComparison.Ordinal) ? name[Mention.NewPrefix.Length..] : name).Where(char.IsLetterOrDigit));

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

        /// <summary>An event participant's name: a known one's, else the proposal's own key for a new person.</summary>
        public string OfParty(string id) => _byId.GetValueOrDefault(id, id);
    }
}
