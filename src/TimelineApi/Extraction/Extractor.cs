using System.Text.RegularExpressions;

namespace TimelineApi.Extraction;

/// <summary>
/// Reads a news report and proposes what the timeline should hold: the statements it quotes and who
/// made them, the participants it names, and the events and meetings it dates or announces — each
/// with the words it rests on and a confidence. Rules and word lists only; nothing leaves the process.
/// </summary>
public sealed partial class Extractor
{
    private readonly ParticipantDirectory _directory;

    public Extractor(IEnumerable<KnownParticipant> known)
    {
        _directory = ParticipantDirectory.Build(known);
    }

    /// <summary>
    /// Reads a report. <paramref name="ct"/> stops the reading between its steps and between the sentences and quotes
    /// it goes through (each of which takes time bounded by <see cref="SourceDocument.MaxSentenceChars"/>).
    /// </summary>
    public ExtractionResult Extract(DocumentInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var doc = SourceDocument.Read(input.Text);
        ct.ThrowIfCancellationRequested();
        var published = input.PublishedAt ?? doc.PrintedDate?.Date;
        var tokens = doc.Tokens.Where(t => doc.BlockAt(t.Start).Kind is BlockKind.Body or BlockKind.Headline or BlockKind.Post).ToList();
        var mentions = DocumentMentions.Find(doc, _directory, tokens);
        ct.ThrowIfCancellationRequested();
        var datelines = doc.Blocks.Where(b => b.Kind == BlockKind.Body).Select(b => Dateline().Match(doc.Text, b.Start, b.End - b.Start))
            .Where(m => m.Success && m.Index == doc.Blocks.First(b => b.Start <= m.Index && b.End >= m.Index).Start).Select(m => (m.Index, End: m.Index + m.Length)).ToList();
        // The date of a dateline (MOSCOW, Dec 31 (wire) -) is when the report was filed, not when anything in it took place.
        var dates = doc.Sentences.SelectMany(s => DateResolver.Find(doc.Text, s.Start, s.End, published))
            .Where(d => !doc.InQuote(d.Span.Start) && !datelines.Any(l => d.Span.Start >= l.Index && d.Span.End <= l.End)).ToList();
        dates.AddRange(DateResolver.FromTheDayBefore(doc.Text, doc.Sentences, dates).Where(d => !doc.InQuote(d.Span.Start)));
        ct.ThrowIfCancellationRequested();
        var events = new EventRules(doc, mentions, dates, published).Find(ct);
        var statements = new StatementRules(doc, mentions, dates, events).Find(ct);
        var dropped = doc.Blocks.Where(b => b.Kind == BlockKind.Debris).Select(b => new Evidence(b.Start, b.End, doc.Text[b.Start..b.End])).ToList();
        return new ExtractionResult(
            input.Title ?? doc.Headline,
            published,
            input.PublishedAt is null ? doc.PrintedDate?.Evidence.Text : null,
            dropped,
            Participants(doc, mentions),
            statements,
            events,
            dates);
    }

    /// <summary>What a report's text says of itself: its headline and the publication date it prints, with the words that print it.</summary>
    public static (string? Title, string? PublishedAt, string? PublishedAtText) ReadMetadata(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null, null);
        }

        var doc = SourceDocument.Read(text);
        return (doc.Headline, doc.PrintedDate?.Date, doc.PrintedDate?.Evidence.Text);
    }

    private static List<ParticipantProposal> Participants(SourceDocument doc, DocumentMentions mentions)
    {
        var proposals = new List<ParticipantProposal>();
        foreach (var group in mentions.All.Concat(mentions.InTitles).Where(m => m.Kind is MentionKind.Name or MentionKind.Title && m.Id is not null).GroupBy(m => m.Id!))
        {
            var id = group.Key;
            var known = mentions.Directory.Participants.GetValueOrDefault(id);
            var names = known is null ? [] : known.Aliases.Append(known.Name).ToHashSet(StringComparer.Ordinal);
            // Titles are cited per report, so one already known is proposed again with this report as its source.
            var titles = mentions.Bindings.Where(b => b.Id == id).Select(b => b.Title).Distinct(StringComparer.Ordinal).ToList();
            var newAliases = group.Where(m => m.Kind == MentionKind.Name).Select(m => ParticipantDirectory.Key(m.Text))
                .Concat(mentions.Variants.Where(v => v.Id == id).Select(v => v.Text))
                .Where(a => !names.Contains(a) && !string.Equals(a, known?.Name, StringComparison.Ordinal) && !titles.Contains(a))
                .Distinct(StringComparer.Ordinal).ToList();
            var byName = group.Any(m => m.Kind == MentionKind.Name && names.Contains(ParticipantDirectory.Key(m.Text)));
            var evidence = group.Take(5).Select(m => new Evidence(m.Start, m.End, m.Text)).ToList();
            proposals.Add(known is null
                ? new ParticipantProposal(null, mentions.NameOf(id), "person", [], titles, evidence, 0.6)
                : id.StartsWith(Mention.NewPrefix, StringComparison.Ordinal)
                    ? new ParticipantProposal(null, known.Name, known.Kind, [], titles, evidence, 0.8)
                    : new ParticipantProposal(known.Id, known.Name, known.Kind, newAliases, titles, evidence, byName ? 0.95 : 0.8));
        }

        return [.. proposals.OrderBy(p => p.Evidence[0].Start)];
    }

    /// <summary>Quoted words as a statement: a fragment (it starts in lower case) loses the punctuation the quote marks enclose.</summary>
    internal static (int Start, int End) StatementSpan(string text, int start, int end)
    {
        var firstLetter = start;
        while (firstLetter < end && !char.IsLetter(text[firstLetter]))
        {
            firstLetter++;
        }

        if (firstLetter < end && char.IsLower(text[firstLetter]))
        {
            while (end > start && text[end - 1] is ',' or '.' or ';' or ':' || (end > start && char.IsWhiteSpace(text[end - 1])))
            {
                end--;
            }
        }

        return (start, end);
    }

    /// <summary>Text as compared for sameness: letters and digits in lower case, single spaces.</summary>
    internal static string Comparable(string text) => NonWord().Replace(text.ToLowerInvariant().Replace('’', '\''), " ").Trim();

    [GeneratedRegex(@"[^\p{L}\p{N}']+")]
    private static partial Regex NonWord();

    /// <summary>A dateline opening a paragraph: <c>MOSCOW/WASHINGTON, Dec 31 (wire) -</c>, <c>BOGOR, Indonesia, Feb 22 (agency) -</c>, <c>NEW DELHI, July 3 --</c>.</summary>
    [GeneratedRegex(@"\G\p{Lu}[\p{Lu}\p{M} ./'’-]{2,}(?:,\s*\p{Lu}[\p{L} ]{2,30})?,\s*[\p{L}]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^)
]{1,40}\))?\s*(?:-{1,2}|—|–)\s")]
    private static partial Regex Dateline();
}
