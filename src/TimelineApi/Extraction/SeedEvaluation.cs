using System.Globalization;
using System.Text;
using TimelineApi.Data;
using TimelineApi.Events;
using TimelineApi.Seed;

namespace TimelineApi.Extraction;

/// <summary>How many of one kind the annotation holds, the extractor proposed, and both agree on.</summary>
public sealed record KindScore(string Kind, int Expected, int Proposed, int Correct)
{
    public double Precision => Proposed == 0 ? 1 : (double)Correct / Proposed;
    public double Recall => Expected == 0 ? 1 : (double)Correct / Expected;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Per kind, the sums over many reports.</summary>
    public static List<KindScore> Sum(IEnumerable<string> kinds, IEnumerable<IReadOnlyList<KindScore>> reports)
    {
        var all = reports.SelectMany(r => r).ToList();
        return [.. kinds.Select(kind => new KindScore(kind,
            all.Where(s => s.Kind == kind).Sum(s => s.Expected),
            all.Where(s => s.Kind == kind).Sum(s => s.Proposed),
            all.Where(s => s.Kind == kind).Sum(s => s.Correct)))];
    }

    /// <summary>The scores as a Markdown table.</summary>
    public static string ToMarkdown(IEnumerable<KindScore> scores, string expectedHeading)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| kind | {expectedHeading} | proposed | correct | precision | recall | F1 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var t in scores)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {t.Kind} | {t.Expected} | {t.Proposed} | {t.Correct} | {t.Precision:0.00} | {t.Recall:0.00} | {t.F1:0.00} |");
        }

        return text.ToString();
    }
}

/// <summary>One report's extraction scored against the curated seed, with what was missed and what was extra.</summary>
public sealed record SourceEvaluation(string SourceId, ExtractionResult Result, IReadOnlyList<KindScore> Scores, IReadOnlyList<string> Missed, IReadOnlyList<string> Extra);

public sealed record SeedEvaluationReport(IReadOnlyList<SourceEvaluation> Sources, IReadOnlyList<KindScore> Totals)
{
    public KindScore Total(string kind) => Totals.Single(t => t.Kind == kind);

    /// <summary>The scores as a Markdown table, then every miss and extra, by report.</summary>
    public string ToMarkdown(bool details)
    {
        var text = new StringBuilder(KindScore.ToMarkdown(Totals, "in seed"));
        if (details)
        {
            foreach (var s in Sources.Where(s => s.Missed.Count + s.Extra.Count > 0))
            {
                text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{s.SourceId}:");
                foreach (var m in s.Missed)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  missed {m}");
                }

                foreach (var e in s.Extra)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  extra  {e}");
                }
            }
        }

        return text.ToString();
    }
}

/// <summary>
/// Runs the extractor over the seed's reports and compares what it proposes with the curated seed.
/// Each report is read with the seed's participants by name, but without the aliases and titles the
/// seed learned from that report: the extractor has to find those in the text itself.
/// <list type="bullet">
/// <item><b>statements</b>: speaker and quoted words (compared as letters and digits);</item>
/// <item><b>dates</b>: the days the report gives events (the seed's per-report schedule, else the event's dates);</item>
/// <item><b>meetings</b>: each report's account of a meeting — its status and start day (undated: its kind);</item>
/// <item><b>participants</b>: who the seed ties to the report (speakers, event participants, names and titles it cites).</item>
/// </list>
/// </summary>
public static class SeedEvaluation
{
    public static readonly string[] Kinds = ["statements", "dates", "meetings", "participants"];

    public static SeedEvaluationReport Run(SeedSet seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var sources = seed.Sources.Select(source => Evaluate(seed, source)).ToList();
        var totals = KindScore.Sum(Kinds, sources.Select(s => s.Scores));
        return new SeedEvaluationReport(sources, totals);
    }

    /// <summary>The seed's participants as the extractor knows them when it reads <paramref name="sourceId"/>.</summary>
    public static List<KnownParticipant> KnownBefore(SeedSet seed, string? sourceId)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return [.. seed.Participants.Select(p => new KnownParticipant(p.Id, p.Name, p.Kind,
            [.. p.Aliases.Where(a => a.Source != sourceId).Select(a => a.Name)],
            [.. p.Roles.Where(r => r.Source != sourceId).Select(r => r.Title)]))];
    }

    private static SourceEvaluation Evaluate(SeedSet seed, SourceRecord source)
    {
        var extractor = new Extractor(KnownBefore(seed, source.Id));
        var result = extractor.Extract(new DocumentInput(source.Text, source.Title, source.Publisher, source.PublishedAt));
        var events = seed.Events.Where(e => e.Sources.Contains(source.Id)).ToList();

        var expected = new Dictionary<string, HashSet<string>>
        {
            ["statements"] = [.. seed.Statements.Where(s => s.Source == source.Id).Select(s => StatementKey(s.Speaker, s.Text))],
            ["dates"] = [.. events.SelectMany(e => Reported(e, source.Id)).SelectMany(r => new[] { r.Start, r.End }).OfType<string>()],
            ["meetings"] = [.. events.Where(e => EventVocabulary.MeetingKinds.Contains(e.Kind)).SelectMany(e => Reported(e, source.Id).Select(r => MeetingKey(r.Status, r.Start, e.Kind)))],
            ["participants"] = [.. ParticipantsOf(seed, source.Id, events)],
        };
        var proposed = new Dictionary<string, HashSet<string>>
        {
            ["statements"] = [.. result.Statements.Select(s => StatementKey(s.SpeakerId, s.Text))],
            ["dates"] = [.. result.Events.SelectMany(e => new[] { e.Start, e.End }).OfType<string>()],
            ["meetings"] = [.. result.Events.Where(e => e.IsMeeting).Select(e => MeetingKey(e.Status, e.Start, e.Kind))],
            ["participants"] = [.. result.Participants.Select(p => p.Id ?? $"{Mention.NewPrefix}{p.Name}")],
        };

        var scores = Kinds.Select(k => new KindScore(k, expected[k].Count, proposed[k].Count, expected[k].Intersect(proposed[k]).Count())).ToList();
        var missed = Kinds.SelectMany(k => expected[k].Except(proposed[k]).Select(x => $"{k}: {x}")).ToList();
        var extra = Kinds.SelectMany(k => proposed[k].Except(expected[k]).Select(x => $"{k}: {x}")).ToList();
        return new SourceEvaluation(source.Id, result, scores, missed, extra);
    }

    /// <summary>What a report says of an event: its own schedule entry, else the event as recorded.</summary>
    private static IEnumerable<(string Status, string? Start, string? End)> Reported(EventRecord e, string sourceId)
    {
        var entries = (e.Schedule ?? []).Where(s => s.Source == sourceId).ToList();
        return entries.Count > 0 ? entries.Select(s => (s.Status, s.Start, s.End)) : [(e.Status, e.Start, e.End)];
    }

    private static IEnumerable<string> ParticipantsOf(SeedSet seed, string sourceId, List<EventRecord> events)
        => seed.Statements.Where(s => s.Source == sourceId).Select(s => s.Speaker)
            .Concat(events.SelectMany(e => e.Participants.Where(p => p.Roles.Any(r => r.Source is null || r.Source == sourceId)).Select(p => p.Id)))
            .Concat(seed.Participants.Where(p => p.Aliases.Any(a => a.Source == sourceId) || p.Roles.Any(r => r.Source == sourceId)).Select(p => p.Id));

    private static string StatementKey(string? speaker, string text) => $"{speaker ?? "(no speaker)"}: {Extractor.Comparable(text)}";

    private static string MeetingKey(string status, string? start, string kind) => $"{status} {start ?? $"(undated {kind})"}";
}
