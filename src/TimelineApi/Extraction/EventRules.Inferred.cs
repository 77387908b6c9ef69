namespace TimelineApi.Extraction;

/// <summary>
/// The events read apart from the sentence-by-sentence pass: a meeting a speaker announces in a quote (dated there), and
/// those told of without a date, whose day is inferred and marked so, with how: the meeting or briefing a readout's
/// undated first sentence reads out (the report's day), and a press conference (the day of the report's lead event).
/// </summary>
internal sealed partial class EventRules
{
    /// <summary>
    /// A press conference told of without a date (<c>Morioka told a joint news conference with Kim after the talks</c>) was
    /// held on the day of the event the report leads with: the people the sentence names outside quotes, its speaker
    /// among them, are its parties. The day is marked as inferred.
    /// </summary>
    private void UndatedPressConferences()
    {
        if (_drafts.Where(d => d.Status == "held" && d.Date is { Start: not null, Precision: "day" }).MinBy(d => d.Evidence.Start) is not { Date: { } leadDay })
        {
            return;
        }

        foreach (var sentence in doc.Sentences)
        {
            if (dates.Any(d => d.Span.Start >= sentence.Start && d.Span.End <= sentence.End))
            {
                continue;
            }

            var tokens = doc.TokensIn(sentence.Start, sentence.End);
            if (!tokens.Any(t => t.Text is "told" or "gave" or "held" or "addressed"))
            {
                continue;
            }

            foreach (var noun in EventNouns(tokens).Where(n => n.Kind == "briefing"))
            {
                var named = mentions.Within(sentence.Start, sentence.End).Where(m => !doc.InQuote(m.Start) && m.Kind is MentionKind.Name or MentionKind.Title)
                    .Select(mentions.Resolve).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                if (named.Count == 0)
                {
                    continue;
                }

                var evidence = Evidence(tokens[noun.First].Start, tokens[noun.Last].End);
                var day = leadDay with { Span = evidence, Relative = true, Note = "the day of the event the report leads with: the press conference is told of without a date" };
                _drafts.Add(new Draft("briefing", null, "held", day, null, named.Count(mentions.IsPerson) >= 2 ? [.. named.Where(mentions.IsPerson)] : named,
                    evidence, 0.5, noun.Words));
            }
        }
    }

    /// <summary>
    /// A speaker's own announcement of a meeting (<c>"On Tuesday, Vladimir Putin will hold talks with …," Ushakov said</c>):
    /// the quote is read like a sentence, and only meetings it dates after the report are kept, as scheduled.
    /// </summary>
    private void AnnouncedInQuotes()
    {
        foreach (var quote in doc.Quotes.Where(q => doc.Blocks[q.Block].Kind == BlockKind.Body))
        {
            var span = (quote.TextStart, quote.TextEnd);
            var quoted = DateResolver.Find(doc.Text, quote.TextStart, quote.TextEnd, published).Where(d => d.Start is not null && d.Precision == "day").ToList();
            if (quoted.Count == 0)
            {
                continue;
            }

            var tokens = doc.TokensIn(quote.TextStart, quote.TextEnd, outsideQuotes: false);
            var before = _drafts.Count;
            foreach (var date in quoted)
            {
                AttachDate(span, tokens, EventNouns(tokens), date, quoted);
            }

            var read = _drafts.GetRange(before, _drafts.Count - before);
            _drafts.RemoveRange(before, read.Count);
            // "We will meet again on March 3," Thapa told reporters after talks with Wang: who says "we", and whom the sentence names.
            var sentence = doc.SentenceAt(quote.TextStart);
            var named = mentions.Within(sentence.Start, sentence.End).Where(m => !doc.InQuote(m.Start)).Select(mentions.Resolve)
                .Where(mentions.IsPerson).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            foreach (var draft in read.Where(d => d.Participants.Count == 0))
            {
                draft.Participants.AddRange(named);
            }

            _drafts.AddRange(read.Where(d => d.Status == "scheduled" && Lexicon.MeetingKinds.Contains(d.Kind)));
        }
    }

    /// <summary>
    /// A readout's first sentence tells of the meeting it reads out without a date (<c>Vladimir Putin had a
    /// telephone conversation with …</c>): the meeting took place on the report's day, marked as inferred.
    /// </summary>
    private void DateTheLead()
    {
        if (published is null || doc.Sentences.Count == 0)
        {
            return;
        }

        var lead = doc.Sentences[0];
        var tokens = doc.TokensIn(lead.Start, lead.End);
        if (dates.Any(d => d.Span.Start >= lead.Start && d.Span.End <= lead.End))
        {
            return;
        }

        // "Presidential Aide Yuri Ushakov told journalists about the schedule …": the briefing the report reads out.
        var told = tokens.FindIndex(t => t.Text == "told");
        if (told >= 0 && told + 1 < tokens.Count && tokens[told + 1].Text is "reporters" or "journalists"
            && mentions.Within(lead.Start, tokens[told].Start).LastOrDefault(m => !doc.InQuote(m.Start) && mentions.Resolve(m) is not null) is { } speaker)
        {
            var said = Evidence(speaker.Start, tokens[told + 1].End);
            var today = new DateMention(said, published[..10], null, "day", true, null, "the report's date: its first sentence tells of the briefing without a date");
            _drafts.Add(new Draft("briefing", null, "held", today, null, [mentions.Resolve(speaker)!], said, 0.6, "briefing"));
            return;
        }

        // "The summit will be held in Abuja": what is to come is not what the report's day saw.
        if (!tokens.Any(t => t.Text is "had" or "held" or "spoke" or "met" or "talked") || tokens.Any(t => Lexicon.ScheduleCues.Contains(t.Text))
            || EventNouns(tokens).Where(n => n.Kind is not null && Lexicon.MeetingKinds.Contains(n.Kind)).Take(1).ToList() is not [var noun])
        {
            return;
        }

        var evidence = Evidence(tokens[noun.First].Start, tokens[noun.Last].End);
        var day = new DateMention(evidence, published[..10], null, "day", true, null, "the report's date: its first sentence tells of the meeting without a date");
        _drafts.Add(new Draft(noun.Kind!, noun.Format, "held", day, Location(lead), Participants(lead, tokens), evidence, 0.6, noun.Words));
    }
}
