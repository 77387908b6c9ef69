using System.Text.RegularExpressions;
using System.Globalization;

namespace TimelineApi.Extraction;

/// <summary>
/// Finds who said each quote. In order: an embedded post's author; <c>X's so-called 'term'</c>;
/// a speaker before the quote (<c>X said, "…"</c>, <c>X was quoted saying, "…"</c>, or a fragment
/// inside a sentence whose reporting verb has X as subject: <c>Kremlin has said ties are "lamentable"</c>);
/// a speaker after it (<c>"…," X said</c>, <c>"…," said X</c>, <c>"…," the Kremlin said</c>); a quote
/// that goes on from the one before. Pronouns and <c>the spokesperson</c> resolve to whom they stand for.
/// Headline quotes, repeats, and fragments that a longer quote of the same report contains are dropped.
/// </summary>
internal sealed partial class StatementRules(SourceDocument doc, DocumentMentions mentions, List<DateMention> dates, List<EventProposal> events)
{
    /// <summary>The most quotes of one report that are attributed: a news report holds a few dozen.</summary>
    public const int MaxQuotes = 500;

    /// <summary>How far from a quote (in characters) its reporting clause is looked for, in its sentence.</summary>
    private const int ClauseChars = 1000;

    private readonly List<(Quote Quote, StatementProposal Proposal, Mention? Speaker)> _found = [];

    public List<StatementProposal> Find(CancellationToken ct = default)
    {
        foreach (var quote in doc.Quotes.Where(q => doc.Blocks[q.Block].Kind == BlockKind.Body).Take(MaxQuotes))
        {
            ct.ThrowIfCancellationRequested();
            var (start, end) = Extractor.StatementSpan(doc.Text, quote.TextStart, quote.TextEnd);
            var text = doc.Text[start..end];
            var (speaker, attribution, rule, confidence) = Attribute(quote);
            var id = speaker is null ? null : mentions.Resolve(speaker);
            if (speaker?.Kind is MentionKind.Pronoun or MentionKind.Definite)
            {
                confidence -= 0.1;
            }

            var (date, inferred) = DateOf(quote, id);
            _found.Add((quote, new StatementProposal(text, new Evidence(start, end, text), id, speaker is null ? null : id is null ? speaker.Text : mentions.NameOf(id),
                attribution, rule, id is null ? 0.2 : Math.Round(confidence, 2), date, inferred), speaker));
        }

        var statements = _found.Select(f => f.Proposal).Concat(Posts()).OrderBy(s => s.Span.Start).Select(s => (Statement: s, Key: Extractor.Comparable(s.Text))).ToList();
        var kept = new List<StatementProposal>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (s, key) in statements)
        {
            var containedElsewhere = statements.Any(o => o.Key.Length > key.Length && $" {o.Key} ".Contains($" {key} ", StringComparison.Ordinal));
            if (key.Length > 0 && !containedElsewhere && keys.Add(key))
            {
                kept.Add(s);
            }
        }

        return kept;
    }

    private (Mention? Speaker, Evidence? Attribution, string Rule, double Confidence) Attribute(Quote quote)
    {
        var sentence = doc.SentenceAt(quote.Open);
        var from = Math.Max(sentence.Start, quote.Open - ClauseChars);
        var startsSentence = quote.Open - sentence.Start <= ClauseChars && doc.Text[sentence.Start..quote.Open].Trim().Trim('(').Length == 0;
        if (!startsSentence)
        {
            var pre = Mentions(from, quote.Open);
            if (pre.Count > 0 && SoCalled().IsMatch(doc.Text[pre[^1].Start..quote.Open]))
            {
                return (pre[^1], Span(pre[^1].Start, quote.Open), "so-called", 0.7);
            }

            if (FromBefore(from, quote.Open) is { } found)
            {
                return found;
            }
        }

        if (FromAfter(quote.Close + 1, Math.Min(sentence.End, quote.Close + 1 + ClauseChars)) is { } after)
        {
            return after with { Confidence = startsSentence ? after.Confidence : after.Confidence - 0.3 };
        }

        if (startsSentence && Continued(quote) is { } previous)
        {
            var speaker = mentions.Within(Math.Max(0, previous.Quote.Open - 3000), previous.Quote.Close + 500).LastOrDefault(m => mentions.Resolve(m) == previous.Proposal.SpeakerId) ?? previous.Speaker;
            return (speaker, previous.Proposal.Attribution, "continues the quote before", 0.8);
        }

        return (null, null, "no attribution found", 0.2);
    }

    /// <summary>The quote this one goes on from: the one in the sentence before, or one left open at the end of the paragraph before.</summary>
    private (Quote Quote, StatementProposal Proposal, Mention? Speaker)? Continued(Quote quote)
    {
        if (_found.Count == 0 || _found[^1].Proposal.SpeakerId is null && _found[^1].Speaker?.Kind != MentionKind.Anonymous)
        {
            return null;
        }

        var last = _found[^1];
        var sameParagraph = last.Quote.Block == quote.Block && SentenceIndex(quote.Open) - SentenceIndex(last.Quote.Open) == 1;
        var runsOn = last.Quote.RunsOn && last.Quote.Block < quote.Block && doc.Blocks.Skip(last.Quote.Block + 1).Take(quote.Block - last.Quote.Block - 1).All(b => b.Kind != BlockKind.Body)
            && doc.Quotes.FirstOrDefault(q => q.Block == quote.Block) == quote;
        return sameParagraph || runsOn ? last : null;
    }

    /// <summary><c>X said, "…"</c>, <c>X said the talks were "…"</c>, <c>According to X, … "…"</c>: the subject of the reporting verb nearest before the quote.</summary>
    private (Mention?, Evidence?, string, double)? FromBefore(int start, int end)
    {
        var tokens = doc.TokensIn(start, end);
        var phrases = SpeechPhrases(tokens);
        if (phrases.Count == 0)
        {
            return null;
        }

        // The verb right before the quote ("X said, "…""), else the sentence's reporting verbs in order: the outermost one's subject speaks ("X added that Y insists on "…"").
        var text = doc.Text[start..end].TrimEnd();
        var adjacent = (text.EndsWith(',') || text.EndsWith(':')) && phrases[^1].Last >= tokens.Count - 2;
        foreach (var phrase in adjacent ? [phrases[^1], .. phrases[..^1]] : phrases)
        {
            var speaker = Lexicon.SpeakerFollows.Contains(phrase.Phrase)
                ? Mentions(tokens[phrase.Last].End, end).FirstOrDefault(m => doc.TokensIn(tokens[phrase.Last].End, m.Start).Count <= 1)
                : SubjectBefore(tokens, phrase.First, start);
            if (speaker is not null)
            {
                var from = Math.Min(speaker.Start, tokens[phrase.First].Start);
                var to = Math.Max(speaker.End, tokens[phrase.Last].End);
                return speaker.Kind == MentionKind.Anonymous
                    ? (speaker, Span(from, to), "unnamed source", 0.3)
                    : (speaker, Span(from, to), adjacent && phrase == phrases[^1] ? "speaker before the quote" : "reporting verb of the sentence", adjacent ? 0.9 : 0.8);
            }
        }

        return null;
    }

    /// <summary><c>"…," X said</c>, <c>"…," said X</c>, <c>"…," the minister told …</c>, <c>"…," one official said</c>.</summary>
    private (Mention?, Evidence?, string, double Confidence)? FromAfter(int start, int end)
    {
        var tokens = doc.TokensIn(start, end);
        var phrases = SpeechPhrases(tokens).Where(p => p.First < 12).ToList();
        if (phrases.Count == 0)
        {
            return null;
        }

        var phrase = phrases[0];
        var speaker = Lexicon.SpeakerFollows.Contains(phrase.Phrase) ? null : SubjectBefore(tokens, phrase.First, start);
        speaker ??= Mentions(tokens[phrase.Last].End, end).FirstOrDefault(m => doc.TokensIn(tokens[phrase.Last].End, m.Start).Count <= 4);
        if (speaker is null)
        {
            return null;
        }

        var clauseEnd = doc.EndWithoutStop(end);
        var attribution = Span(tokens[0].Start, Math.Max(clauseEnd, speaker.End));
        return speaker.Kind == MentionKind.Anonymous
            ? (speaker, attribution, "unnamed source", 0.3)
            : (speaker, attribution, "speaker after the quote", 0.9);
    }

    /// <summary>
    /// The subject of the verb at token <paramref name="verb"/>: the mention that ends right before it,
    /// past adverbs (<c>also</c>, <c>later</c>) and a comma-enclosed aside (<c>, who led the delegation,</c>).
    /// </summary>
    private Mention? SubjectBefore(List<Token> tokens, int verb, int limit)
    {
        var i = verb - 1;
        while (i >= 0 && Lexicon.Adverbs.Contains(tokens[i].Text))
        {
            i--;
        }

        if (i < 0)
        {
            return null;
        }

        if (MentionEndingAt(tokens[i].End, limit) is { } direct)
        {
            return direct;
        }

        // ", who led the American delegation, said" / ", Putin's foreign policy adviser, told"
        if (doc.Text[tokens[i].End..tokens[i + 1].Start].Trim() == ",")
        {
            for (var j = i - 1; j >= 0 && i - j <= 16; j--)
            {
                if (doc.Text[tokens[j].End..tokens[j + 1].Start].Trim() == "," && MentionEndingAt(tokens[j].End, limit) is { } subject)
                {
                    return subject;
                }
            }
        }

        // "Biden used that video call to warn Putin that …": the subject of the clause the verb stands in.
        var clauseStart = tokens[..verb].FindLastIndex(t => t.Start > limit && doc.LastNonSpaceBefore(t.Start) == ';');
        return mentions.Within(Math.Max(limit, clauseStart < 0 ? limit : tokens[clauseStart].Start), tokens[verb].Start).LastOrDefault(m => !doc.InQuote(m.Start) && (m.Kind == MentionKind.Anonymous || mentions.Resolve(m) is not null) && mentions.IsSubject(m));
    }

    private Mention? MentionEndingAt(int end, int limit)
        => mentions.Within(Math.Max(limit, end - 300), end).LastOrDefault(m => m.End == end && !doc.InQuote(m.Start) && (m.Kind == MentionKind.Anonymous || mentions.Resolve(m) is not null));

    /// <summary>Statements of embedded posts (<c>text — Name (@handle) Month D, YYYY</c>).</summary>
    private IEnumerable<StatementProposal> Posts()
    {
        foreach (var block in doc.Blocks.Where(b => b.Kind == BlockKind.Post))
        {
            var line = doc.Text[block.Start..block.End];
            var signature = SourceDocument.PostSignature().Match(line);
            var body = line[..signature.Index].TrimEnd();
            var link = body.IndexOf(" pic.twitter.com/", StringComparison.Ordinal);
            body = (link >= 0 ? body[..link] : body).TrimEnd();
            var author = mentions.Within(block.Start + signature.Index, block.End).FirstOrDefault(m => m.Kind == MentionKind.Name);
            var id = author?.Id;
            var date = DateTime.TryParseExact(signature.Groups["date"].Value, "MMMM d, yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null;
            var attribution = Span(block.Start + signature.Groups["name"].Index, block.End);
            yield return new StatementProposal(body, new Evidence(block.Start, block.Start + body.Length, body), id, id is null ? signature.Groups["name"].Value : mentions.NameOf(id),
                attribution, "embedded post", id is null ? 0.2 : 0.9, date, false);
        }
    }

    private (string? Date, bool Inferred) DateOf(Quote quote, string? speaker)
    {
        var sentence = doc.SentenceAt(quote.Open);
        if (dates.FirstOrDefault(d => d.Span.Start >= sentence.Start && d.Span.End <= sentence.End && d.Precision == "day" && d.DurationMinutes is null) is { } said)
        {
            return (said.Start, said.Relative);
        }

        return events.FirstOrDefault(e => e.Kind is "statement" or "briefing" && speaker is not null && e.Participants.Contains(speaker) && e.DatePrecision == "day") is { } e
            ? (e.Start, true)
            : (null, false);
    }

    private int SentenceIndex(int offset) => doc.SentenceIndexAt(offset);

    private List<Mention> Mentions(int start, int end)
        => [.. mentions.Within(start, end).Where(m => !doc.InQuote(m.Start))];

    private Evidence Span(int start, int end)
    {
        while (end > start && char.IsWhiteSpace(doc.Text[end - 1]))
        {
            end--;
        }

        return new(start, end, doc.Text[start..end]);
    }

    /// <summary>The reporting phrases among the tokens: their first and last token and the phrase.</summary>
    internal static List<(int First, int Last, string Phrase)> SpeechPhrases(IReadOnlyList<Token> tokens)
    {
        var found = new List<(int, int, string)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            // Verbs are written in lower case, but for the first word of a sentence ("States" is a name, "According to" opens one).
            var first = i == 0 ? tokens[i].Text.ToLowerInvariant() : tokens[i].Text;
            if (!Lexicon.SpeechPhrasesByFirstWord.TryGetValue(first, out var candidates) || (i == 0 && first != tokens[i].Text && tokens[i].Text[1..] != first[1..]))
            {
                continue;
            }

            foreach (var words in candidates)
            {
                if (i + words.Length <= tokens.Count && Enumerable.Range(1, words.Length - 1).All(k => tokens[i + k].Text == words[k]))
                {
                    found.Add((i, i + words.Length - 1, string.Join(' ', words)));
                    i += words.Length - 1;
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>A name with a possessive right before the quote: <c>Moscow's so-called</c>.</summary>
    [GeneratedRegex(@"^\S+?['’]s so-called\s*$")]
    private static partial Regex SoCalled();
}
