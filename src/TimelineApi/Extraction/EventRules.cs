using System.Text.RegularExpressions;

namespace TimelineApi.Extraction;

/// <summary>
/// Finds the events a report dates and the meetings it announces. A date belongs to the event noun
/// next to it (<c>a video call on Dec 7</c>, <c>the Tuesday call</c>, <c>a meeting is scheduled for
/// January 13</c>), to the reporting verb right before it (<c>the Kremlin said on Sunday</c>: a statement),
/// or to <c>met</c>. A meeting dated after the report is scheduled, one before it was held; a meeting
/// only talked of (<c>agreed to hold more talks</c>, <c>would like to meet in person</c>) is proposed.
/// Durations (<c>50 minutes phone call</c>) go to the meeting they describe. Mentions of one event in
/// one report are merged.
/// </summary>
internal sealed partial class EventRules(SourceDocument doc, DocumentMentions mentions, List<DateMention> dates, string? published)
{
    private readonly List<Draft> _drafts = [];

    /// <summary>The people the report names, most named first: <c>the two leaders</c> are the first two, <c>the three ministers</c> the first three.</summary>
    private readonly Lazy<List<string>> _principals = new(() => [.. mentions.All
        .Where(m => m.Kind is MentionKind.Name or MentionKind.Title && !doc.InQuote(m.Start) && mentions.IsPerson(m.Id))
        .GroupBy(m => m.Id!).OrderByDescending(g => g.Count()).ThenBy(g => g.First().Start).Select(g => g.Key)]);
    private readonly List<Draft> _durations = [];

    public List<EventProposal> Find(CancellationToken ct = default)
    {
        // The dates by where they start, each with its place in the report's list: a sentence's are found by a search.
        var byStart = dates.Select((d, i) => (Date: d, Index: i)).OrderBy(d => d.Date.Span.Start).ToList();
        foreach (var sentence in doc.Sentences)
        {
            ct.ThrowIfCancellationRequested();
            var tokens = doc.TokensIn(sentence.Start, sentence.End);
            var nouns = EventNouns(tokens);
            var inSentence = byStart.Skip(SourceDocument.FirstStartingAt(byStart, sentence.Start, d => d.Date.Span.Start))
                .TakeWhile(d => d.Date.Span.Start < sentence.End).Where(d => d.Date.Span.End <= sentence.End)
                .OrderBy(d => d.Index).Select(d => d.Date).ToList();
            inSentence = DaysTogether(inSentence);
            foreach (var date in inSentence.Where(d => d.Start is not null && d.Precision is "day" or "month"))
            {
                AttachDate(sentence, tokens, nouns, date, inSentence);
            }

            foreach (var duration in inSentence.Where(d => d.DurationMinutes is not null))
            {
                var last = tokens.FindLastIndex(t => t.End <= duration.Span.End);
                if (nouns.FirstOrDefault(n => n.First > last && n.First - last <= 2) is { Kind: not null } noun)
                {
                    _durations.Add(new Draft(noun.Kind, noun.Format, "held", null, null, Participants(Clause(sentence, duration.Span.Start, tokens[noun.Last].End), tokens),
                        Evidence(duration.Span.Start, tokens[noun.Last].End), 0.8, noun.Words)
                    { Minutes = duration.DurationMinutes });
                }
            }

            foreach (Match cue in Lexicon.ProposalCue().Matches(doc.Text[sentence.Start..sentence.End]))
            {
                var at = sentence.Start + cue.Index;
                if (!doc.InQuote(at))
                {
                    var talks = cue.Value.Contains("talk", StringComparison.OrdinalIgnoreCase);
                    var inPerson = !talks && doc.Text[at..sentence.End].Contains("in person", StringComparison.OrdinalIgnoreCase);
                    _drafts.Add(new Draft(talks ? "talks" : "meeting", inPerson ? "in-person" : null, "proposed",
                        null, Location(Clause(sentence, at, at)), Participants(sentence, tokens), Evidence(at, at + cue.Length), 0.6, talks ? "talks" : inPerson ? "in-person meeting" : "meeting"));
                }
            }
        }

        AnnouncedInQuotes();
        DateTheLead();
        UndatedPressConferences();
        SameSeries();
        // "said he would meet Wang on Monday": a meeting with its day is no undated proposal besides.
        var dated = _drafts.Where(o => o.Date is not null && Lexicon.MeetingKinds.Contains(o.Kind)).Select(o => doc.SentenceAt(o.Evidence.Start)).ToHashSet();
        _drafts.RemoveAll(d => d is { Date: null, Status: "proposed" } && dated.Contains(doc.SentenceAt(d.Evidence.Start)));
        return Merge();
    }

    private void AttachDate((int Start, int End) sentence, List<Token> tokens, List<Noun> nouns, DateMention date, List<DateMention> others)
    {
        var first = tokens.FindIndex(t => t.Start >= date.Span.Start);
        var last = tokens.FindLastIndex(t => t.Start < date.Span.End);
        if (first < 0 || last < first)
        {
            return;
        }

        var phrases = StatementRules.SpeechPhrases(tokens);
        // "said on Sunday", "told reporters on Tuesday", "told Russian news agencies on Sunday"
        // "said in a statement on Friday", "said in a radio address on Thursday": the statement is the saying.
        var reported = phrases.LastOrDefault(p => p.Last < first && (first - p.Last <= (p.Phrase == "told" ? 4 : 2)
            || first - p.Last <= 7 && SaidIn().IsMatch(doc.Text[tokens[p.Last].End..date.Span.Start])));
        // "the meeting between Foreign Minister X and Secretary of State Y in Geneva last Friday": further within one clause.
        var before = nouns.LastOrDefault(n => n.Last < first && !Separated(tokens[n.Last].End, date.Span.Start, others)
            && (first - n.Last <= 6 || (first - n.Last <= 18 && !ClauseBreak().IsMatch(doc.Text[tokens[n.Last].End..date.Span.Start]))));
        // "The talks were postponed on Monday": the day they were called off on is not their day.
        var preceding = doc.Text[sentence.Start..date.Span.Start];
        if (CalledOffOn().IsMatch(preceding))
        {
            return;
        }

        // "A summit of the bloc, set for July 10 in Gaborone, will now take place on August 17": what was set, or takes place, is
        // the event named before in the sentence.
        if (before.Kind is null && (SetFor().IsMatch(preceding) || MovedTo().IsMatch(preceding)))
        {
            before = nouns.LastOrDefault(n => n.Last < first && n.Kind is not null);
        }

        // "On Tuesday, Vladimir Putin will hold talks with …": a date set before its clause dates the clause's event.
        var fronted = doc.Text[date.Span.End..].StartsWith(',') && (first == 0 || doc.Text[tokens[first - 1].End..date.Span.Start].Contains(',')
            || tokens.Take(first).All(t => t.Key.ToLowerInvariant() is "earlier" or "later" or "also" or "then" or "and" or "but" or "meanwhile" or "separately" or "late" or "early"));
        // "will fly to Delhi on Monday for talks with Sethi on Tuesday": a noun followed by its own date is not this date's.
        // "on Sunday for a two-day visit": the visit the date begins.
        var after = nouns.FirstOrDefault(n => n.First > last && (n.First - last <= 3 || (fronted && n.First - last <= 10)
                || n.First - last <= 6 && ForA().IsMatch(doc.Text[date.Span.End..tokens[n.First].Start]))
            && !others.Any(o => o.Span.Start > tokens[n.Last].End && doc.TokensIn(tokens[n.Last].End, o.Span.Start).Count <= 5));
        Noun? noun = (before, after) switch
        {
            ({ Kind: not null }, { Kind: not null }) => first - before.Last <= after.First - last ? before : after,
            ({ Kind: not null }, _) => before,
            (_, { Kind: not null }) => after,
            _ => null,
        };

        // "told parliament on Tuesday that the talks had …": what follows "that" is what was said.
        var saidThat = noun is { } n && n.First > last && doc.TokensIn(date.Span.End, tokens[n.First].Start).Any(t => t.Key == "that");
        if (reported.Phrase is not null && (noun is null || first - reported.Last == 1 || saidThat || SaidIn().IsMatch(doc.Text[tokens[reported.Last].End..date.Span.Start]))
            && !Lexicon.SpeakerFollows.Contains(reported.Phrase))
        {
            var kind = reported.Phrase == "told reporters" ? "briefing" : "statement";
            if (InstitutionSpeaker(tokens, reported.First) is { Decided: true } institution)
            {
                if (institution.Id is not null)
                {
                    _drafts.Add(new Draft(kind, null, "held", date, null, [institution.Id], Evidence(tokens[reported.First].Start, date.Span.End), 0.6, kind));
                }

                return;
            }

            var speaker = mentions.Within(sentence.Start, tokens[reported.First].Start).LastOrDefault(m => !doc.InQuote(m.Start) && mentions.Resolve(m) is not null);
            if (speaker is not null)
            {
                _drafts.Add(new Draft(kind, null, "held", date, null, [mentions.Resolve(speaker)!], Evidence(speaker.Start, date.Span.End), 0.6, kind));
                return;
            }
        }

        if (noun is { } found)
        {
            var from = Math.Min(tokens[found.First].Start, date.Span.Start);
            var to = Math.Max(tokens[found.Last].End, date.Span.End);
            var clause = Clause(sentence, from, to);
            var status = Status(date, found.Kind!, sentence, clause);
            // Whom a verb of meeting reaches may stand before the event's clause (will host his counterpart, Y, in Mombasa on April 2 for talks).
            var inClause = Participants(clause, tokens);
            var met = tokens.Take(found.First).Any(t => Lexicon.EventVerbs.TryGetValue(t.Text, out var v) && v.Format is "in-person" or "phone");
            var parties = WithSubject(sentence, from, inClause.Count == 0 && met ? Participants(sentence, tokens) : inClause);
            // "held separate talks on Thursday with A and with B": one meeting with each, the subject at both.
            var apart = Lexicon.MeetingKinds.Contains(found.Kind!) && parties.Count(mentions.IsPerson) >= 3
                && doc.TokensIn(clause.Start, clause.End).Any(t => t.Text is "separate" or "separately");
            parties = BodiesBefore(sentence, from, parties);
            foreach (var who in apart ? parties.Skip(1).Select(other => new List<string> { parties[0], other }) : [parties])
            {
                _drafts.Add(new Draft(found.Kind!, found.Format, status, date, Location(clause), who, Evidence(from, to), date.Relative ? 0.75 : 0.85, found.Words)
                {
                    Apart = apart,
                });
            }

            return;
        }

        // "met on Sunday", "spoke by phone on Thursday", "arrived in Hanoi on Wednesday", "received on Sunday …", "will resume on March 16":
        // the verb says what took place, or is to.
        var verb = tokens.FindLastIndex(first, t => Lexicon.EventVerbs.ContainsKey(t.Text));
        // "handed Ambassador Hiroshi Kawamura a list of the coast guard's needs last Friday": further within one clause.
        var near = verb >= 0 && (first - verb <= 8 || (first - verb <= 14 && !ClauseBreak().IsMatch(doc.Text[tokens[verb].End..date.Span.Start])));
        // "The United States on Wednesday delivered its written response": the date just before its verb.
        if (!near && last + 1 < tokens.Count && Lexicon.EventVerbs.ContainsKey(tokens[last + 1].Text) && tokens[last + 1].Start - date.Span.End <= 1)
        {
            (verb, near) = (last + 1, true);
        }

        if (near && !(verb + 2 < tokens.Count && tokens[verb + 1].Text == "to" && tokens[verb + 2].Text is "reporters" or "journalists" or "the"))
        {
            var (kind, format) = Lexicon.EventVerbs[tokens[verb].Text];
            var encounter = kind == "call" || format is "in-person" or "phone";
            var means = verb < first ? doc.Text[tokens[verb].End..date.Span.Start] : string.Empty;
            format ??= means.Contains("video", StringComparison.Ordinal) ? "video" : means.Contains("phone", StringComparison.Ordinal) ? "phone" : null;
            // A past verb says it happened, whatever else the sentence announces.
            var past = tokens[verb].Text.EndsWith("ed", StringComparison.Ordinal) || tokens[verb].Text is "met" or "spoke" or "spoken";
            var status = published is null || past && string.CompareOrdinal(date.Start, published) <= 0 ? "held" : Status(date, kind, sentence);
            var (from, to) = (Math.Min(tokens[verb].Start, date.Span.Start), Math.Max(tokens[verb].End, date.Span.End));
            var clause = Clause(sentence, from, to);
            // Whom the verb reaches may stand past the date and its clause (spoke on Friday with the Prime Minister of Bhutan, Karma Dorji).
            var inClause = Participants(clause, tokens);
            var who = BodiesBefore(sentence, from, WithSubject(sentence, from, encounter || inClause.Count == 0 ? Participants(sentence, tokens) : inClause));
            _drafts.Add(new Draft(kind, format, status, date, Location(clause), who, Evidence(from, to), 0.7, kind));
        }
    }

    private List<EventProposal> Merge()
    {
        var proposals = new List<EventProposal>();
        var groups = _drafts.GroupBy(d => d.Date is null
            ? $"proposed|{d.Kind}"
            : Lexicon.MeetingKinds.Contains(d.Kind) ? $"meeting|{d.Date.Start}|{(d.Status is "cancelled" or "postponed" ? d.Status : "")}|{(d.Apart ? string.Join(',', d.Participants) : "")}"
            : $"{d.Kind}|{d.Date.Start}|{d.Participants.FirstOrDefault()}");
        foreach (var drafts in groups.SelectMany(SameMeetings))
        {
            var lead = drafts.FirstOrDefault(d => d.Kind != "meeting" && Lexicon.MeetingKinds.Contains(d.Kind)) ?? drafts[0];
            var status = drafts.Any(d => d.Status == "held") ? "held" : drafts[0].Status;
            if (lead.Date is not null && Lexicon.MeetingKinds.Contains(lead.Kind) && DurationFor(lead.Kind, status) is { } duration)
            {
                drafts.Add(duration);
            }

            var date = drafts.Select(d => d.Date).FirstOrDefault(d => d is not null);
            var end = drafts.Select(d => d.Date?.End).Where(e => e is not null).Max(StringComparer.Ordinal);
            var participants = drafts.SelectMany(d => d.Participants).Distinct(StringComparer.Ordinal).ToList();
            var noun = drafts.Where(d => d.Kind == lead.Kind || d.Minutes is not null).Select(d => d.Noun).MaxBy(n => n.Split(' ').Length) ?? lead.Noun;
            var evidence = drafts.Select(d => d.Evidence).DistinctBy(e => e.Start).OrderBy(e => e.Start).ToList();
            proposals.Add(new EventProposal(
                Title(lead.Date is null, lead.Kind, noun, participants), lead.Kind, drafts.Select(d => d.Format).FirstOrDefault(f => f is not null), status,
                date?.Start, end, date?.Precision, date?.Relative ?? false, date?.Note, drafts.Select(d => d.Minutes).FirstOrDefault(m => m is not null),
                drafts.Select(d => d.Location).FirstOrDefault(l => l is not null), participants, evidence,
                Math.Round(Math.Min(0.95, drafts.Max(d => d.Confidence) + (0.05 * (drafts.Count - 1))), 2)));
        }

        return [.. proposals.OrderBy(p => p.Evidence[0].Start)];
    }

    /// <summary>
    /// The mentions of one day's meetings, parted into separate meetings where two name different people (a visitor meeting the
    /// president, then the foreign minister): mentions go together when one's people include the other's, or one names fewer than two.
    /// </summary>
    private IEnumerable<List<Draft>> SameMeetings(IEnumerable<Draft> group)
    {
        var meetings = new List<(HashSet<string> People, List<Draft> Drafts)>();
        foreach (var draft in group)
        {
            var people = draft.Participants.Where(mentions.IsPerson).ToHashSet(StringComparer.Ordinal);
            var same = meetings.FindIndex(m => !Lexicon.MeetingKinds.Contains(draft.Kind) || people.Count < 2 || m.People.Count < 2
                || m.People.IsSubsetOf(people) || m.People.IsSupersetOf(people));
            if (same < 0)
            {
                meetings.Add((people, [draft]));
            }
            else
            {
                meetings[same].People.UnionWith(people);
                meetings[same].Drafts.Add(draft);
            }
        }

        return meetings.Select(m => m.Drafts);
    }

    /// <summary>The duration written for a meeting of this kind, or the only one when the report tells of one meeting held.</summary>
    private Draft? DurationFor(string kind, string status)
    {
        var heldMeetings = _drafts.Where(d => d.Date is not null && Lexicon.MeetingKinds.Contains(d.Kind) && d.Status == "held").Select(d => d.Date!.Start).Distinct().Count();
        return _durations.FirstOrDefault(d => d.Kind == kind)
            ?? (heldMeetings == 1 && status == "held" ? _durations.FirstOrDefault() : null);
    }

    /// <summary>A title from who took part and what it was: <c>Biden–Putin phone call</c>.</summary>
    private string Title(bool proposed, string kind, string noun, List<string> participants)
    {
        var people = participants.Where(mentions.IsPerson).ToList();
        var names = people.Count >= 2
            ? people.Select(ShortName)
            : participants.Select(p => mentions.IsPerson(p) ? ShortName(p) : mentions.NameOf(p));
        var who = string.Join('–', names.Take(3));
        var what = kind is "statement" or "briefing" ? kind : noun;
        var title = $"{who} {what}".Trim();
        return proposed ? $"{title} (proposed)" : title;
    }

    /// <summary>
    /// The parties with who acts: the sentence's subject before <paramref name="anchor"/> when it is a person (<c>Sutrisno arrived</c>,
    /// <c>He is due to hold talks</c>: the pronoun's person), first; apart from a speaker reported as saying so.
    /// </summary>
    private List<string> WithSubject((int Start, int End) sentence, int anchor, List<string> parties)
    {
        var subject = mentions.Within(sentence.Start, anchor).FirstOrDefault(m => !doc.InQuote(m.Start) && mentions.IsPerson(mentions.Resolve(m)));
        // The subject's words run on past its title (Vice Foreign Minister Wu Hongbo told …).
        var end = subject is null ? 0 : mentions.Within(subject.Start, anchor).TakeWhile(m => mentions.Resolve(m) == mentions.Resolve(subject)).LastOrDefault()?.End ?? subject.End;
        if (subject is not null && mentions.Resolve(subject) is { } id && !parties.Contains(id)
            && !StatementRules.SpeechPhrases(doc.TokensIn(end, anchor)).Any(p => p.First == 0))
        {
            parties.Insert(0, id);
        }

        return parties;
    }

    /// <summary>
    /// A person as a title names them: a known one by the last word of the name; one new to the data as this report
    /// refers to them most (<c>Da Costa Neves</c>, <c>Zhang</c>, <c>Tesfaye</c>), else by the last word.
    /// </summary>
    private string ShortName(string id)
    {
        var full = mentions.NameOf(id);
        if (!id.StartsWith(Mention.NewPrefix, StringComparison.Ordinal))
        {
            return full.Split(' ')[^1];
        }

        return mentions.All.Where(m => m.Id == id && m.Kind == MentionKind.Name && !doc.InQuote(m.Start))
            .Select(m => ParticipantDirectory.Key(m.Text)).Where(t => t != full)
            .GroupBy(t => t, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault()
            ?? (full.Split(' ') is [var family, _, ..] && Lexicon.FamilyNamesFirst.Contains(family) ? family : full.Split(' ')[^1]);
    }

    /// <summary>
    /// The participants a sentence names, apart from those it reports as speaking; only the people when
    /// it names two or more (the countries beside them are where, not who).
    /// </summary>
    private List<string> Participants((int Start, int End) sentence, List<Token> tokens)
    {
        var phrases = StatementRules.SpeechPhrases(tokens);
        var named = mentions.Within(sentence.Start, sentence.End).Where(m => !doc.InQuote(m.Start) && m.Kind is MentionKind.Name or MentionKind.Title).ToList();
        var speakers = named
            .Where(m => phrases.Any(p => Lexicon.SpeakerFollows.Contains(p.Phrase)
                ? m.Start >= tokens[p.Last].End && m.Start - tokens[p.Last].End <= 2
                : tokens[p.First].Start >= m.End && tokens[p.First].Start - m.End <= 12))
            .Select(mentions.Resolve).ToHashSet(StringComparer.Ordinal);
        // "X told Y during their meeting": who speaks of "their" meeting took part in it.
        if (Their().IsMatch(doc.Text[sentence.Start..sentence.End]))
        {
            speakers.Clear();
        }

        // "the two ministers" are the report's two principals, unless the sentence names its people itself.
        var both = BothLeaders().Match(doc.Text[sentence.Start..sentence.End]) is { Success: true } group
            && named.Select(mentions.Resolve).Where(mentions.IsPerson).Distinct().Count() < 2
            ? PrincipalsWho(group.Value, group.Groups["three"].Success ? 3 : 2) : [];
        var ids = named.Select(mentions.Resolve).OfType<string>().Where(id => !speakers.Contains(id)).Concat(both).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count(mentions.IsPerson) >= 2 ? [.. ids.Where(mentions.IsPerson)] : ids;
    }

    /// <summary>The stretch of the sentence around [from, to): from the clause break before it to the one after it.</summary>
    private (int Start, int End) Clause((int Start, int End) sentence, int from, int to)
    {
        var text = doc.Text;
        var start = ClauseBreak().Matches(text[sentence.Start..from]).LastOrDefault() is { } b ? sentence.Start + b.Index + b.Length : sentence.Start;
        // A list ("between US, Russia and European countries") runs on past commas.
        var end = ClauseBreak().Matches(text[to..sentence.End]).FirstOrDefault(m => m.Value != ",") is { } a ? to + a.Index : sentence.End;
        return (start, end);
    }

    private string? Location((int Start, int End) clause)
    {
        var text = doc.Text[clause.Start..clause.End];
        if (text.Contains("neutral territory", StringComparison.Ordinal) || text.Contains("neutral ground", StringComparison.Ordinal))
        {
            return text.Contains("neutral territory", StringComparison.Ordinal) ? "neutral territory" : "neutral ground";
        }

        foreach (Match place in PlacePattern().Matches(text))
        {
            var at = clause.Start + place.Groups["place"].Index;
            var name = place.Groups["place"].Value;
            if (!mentions.Within(Math.Max(0, at - 200), at + 200).Any(m => m.Start <= at && m.End > at) && !Lexicon.Months.ContainsKey(name) && !name.EndsWith("day", StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether another date stands between an event noun and a date, so the date is another event's;
    /// not when the two dates are coordinated (<c>talks in Geneva on Monday and at NATO on Wednesday</c>: talks on both days).
    /// </summary>
    private bool Separated(int from, int to, List<DateMention> others)
        => from < to && others.Any(o => o.Span.Start >= from && o.Span.End <= to && o.DurationMinutes is null
            && (!doc.Text[o.Span.End..to].TrimStart().StartsWith("and ", StringComparison.Ordinal)
                || doc.TokensIn(o.Span.End, to).Any(t => Lexicon.EventVerbs.ContainsKey(t.Text))));

    private Evidence Evidence(int start, int end) => new(start, end, doc.Text[start..end]);

    private static bool CallsOn(List<Token> tokens, int i) => i + 2 < tokens.Count && tokens[i + 1].Text == "on" && char.IsUpper(tokens[i + 2].Text[0]);

    private static List<Noun> EventNouns(List<Token> tokens)
    {
        var found = new List<Noun>();
        for (var i = 0; i < tokens.Count; i++)
        {
            // "called on President X on Wednesday": a visit paid.
            if (tokens[i].Text is "called" or "calls" && CallsOn(tokens, i))
            {
                found.Add(new Noun(i, i, "meeting", "in-person", "meeting"));
                continue;
            }

            foreach (var (words, kind, format) in Lexicon.EventNouns)
            {
                // A capitalised noun names a forum ("the NATO-Russia Council", "the Strategic Stability Dialogue") and matches only so written.
                if (i + words.Length <= tokens.Count && words.Select((w, k) => string.Equals(tokens[i + k].Text, w, char.IsUpper(w[0]) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)).All(x => x))
                {
                    // "to call on Prime Minister X": a visit paid, not a call.
                    var visit = words is ["call"] && CallsOn(tokens, i);
                    // "met on the sidelines of the summit": the summit says where; the meeting is the verb's.
                    var where = tokens.Skip(Math.Max(0, i - 5)).Take(Math.Min(i, 5)).Any(t => t.Key is "sidelines" or "margins" or "margin" or "sideline");
                    found.Add(visit ? new Noun(i, i, "meeting", "in-person", "meeting")
                        : where ? new Noun(i, i + words.Length - 1, null, null, string.Join(' ', words))
                        : new Noun(i, i + words.Length - 1, kind, format, string.Join(' ', words)));
                    i += words.Length - 1;
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>A place after <c>in</c> or <c>at</c>, or before the event noun (<c>Geneva summit</c>).</summary>
    [GeneratedRegex(@"\b(?:in|at) (?<place>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)|(?<place>\p{Lu}\p{Ll}+) (?:summit|talks|meeting)\b")]
    private static partial Regex PlacePattern();

    [GeneratedRegex(@"^\s*for (?:a|an|his|her|their) (?:[\w-]+ ){0,2}$")]
    private static partial Regex ForA();

    [GeneratedRegex(@"\b(?:their|our) (?:meeting|talks|call|phone call|conversation|visit)\b")]
    private static partial Regex Their();

    [GeneratedRegex(@",|;| (?:after|before|while|when|but|which|as) ")]
    private static partial Regex ClauseBreak();


    [GeneratedRegex(@"\b(?:the two|(?<three>the three)|both(?: the)?) (?:leaders|presidents|(?:foreign |prime |deputy )?ministers|deputies|envoys|heads of state)\b|\bthe (?:presidents|leaders|(?:foreign )?ministers|envoys)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BothLeaders();

    private readonly record struct Noun(int First, int Last, string? Kind, string? Format, string Words);

    private sealed record Draft(
        string Kind, string? Format, string Status, DateMention? Date, string? Location, List<string> Participants, Evidence Evidence, double Confidence, string Noun)
    {
        public int? Minutes { get; init; }

        /// <summary>One of the separate meetings the sentence tells of with one subject: kept apart from the others of its day.</summary>
        public bool Apart { get; init; }
    }
}
