using System.Globalization;
using System.Text.RegularExpressions;

namespace TimelineApi.Extraction;

/// <summary>
/// The status of a dated event as of the report (held, scheduled, proposed, postponed, cancelled), and the stretches of days a
/// sentence joins into one.
/// </summary>
internal sealed partial class EventRules
{
    /// <summary>
    /// Days joined by <c>and</c> or <c>to</c> within three days of each other (<c>on Saturday and Sunday</c>, <c>on Monday and
    /// Tuesday</c>) are one stretch of days: the first, ending on the second.
    /// </summary>
    private List<DateMention> DaysTogether(List<DateMention> found)
    {
        var ordered = found.OrderBy(d => d.Span.Start).ToList();
        for (var i = ordered.Count - 2; i >= 0; i--)
        {
            var (first, second) = (ordered[i], ordered[i + 1]);
            if (first is { Precision: "day", End: null, Start: { } from } && second is { Precision: "day", Start: { } to }
                && second.Span.Start >= first.Span.End && doc.Text[first.Span.End..second.Span.Start] is " and " or " to " or " and on "
                && DateOnly.TryParse(from, CultureInfo.InvariantCulture, out var a) && DateOnly.TryParse(to, CultureInfo.InvariantCulture, out var b)
                && b.DayNumber - a.DayNumber is > 0 and <= 3)
            {
                ordered[i] = first with { End = second.End ?? to, Span = Evidence(first.Span.Start, second.Span.End) };
                ordered.RemoveAt(i + 1);
            }
        }

        return ordered;
    }

    private string Status(DateMention date, string kind, (int Start, int End) sentence, (int Start, int End)? clause = null)
    {
        if (!Lexicon.MeetingKinds.Contains(kind))
        {
            return "held";
        }

        // "set for July 10, will now take place on August 17", "moved from March 3": the day first set has been given up for another.
        var before = doc.Text[sentence.Start..date.Span.Start];
        if (SetFor().Match(before) is { Success: true, Groups: [_, { Success: true }, ..] } && Moved().IsMatch(doc.Text[date.Span.End..sentence.End])
            || MovedFrom().IsMatch(before))
        {
            return "postponed";
        }

        // "postponed to March 10", "will now take place on August 17": the day it was moved to is the day it is set for.
        if (MovedTo().IsMatch(before))
        {
            return "scheduled";
        }

        var words = doc.TokensIn(sentence.Start, sentence.End).Select(t => t.Text).ToList();
        // "A visit …, planned for Wednesday, was cancelled", "the talks were postponed", "called off".
        if (words.Select((w, i) => Lexicon.CalledOff.TryGetValue(w, out var said) && (w != "off" || i > 0 && words[i - 1] is "called" or "call" or "calls") ? said : null)
            .FirstOrDefault(s => s is not null) is { } calledOff)
        {
            return calledOff;
        }

        // A day agreed, planned or said it would be is fixed; one proposed, wanted or possible is not.
        var proposed = Lexicon.ProposalCue().Matches(doc.Text[sentence.Start..sentence.End]).Any(c => !FixedCue().IsMatch(c.Value))
            || doc.Text[sentence.Start..date.Span.Start].Contains(" proposed that ", StringComparison.Ordinal);
        var firstDay = date.Start!.Length == 7 ? date.Start + "-01" : date.Start;
        var lastDay = date.End ?? (date.Start.Length == 7 ? date.Start + "-31" : date.Start);
        if (published is null)
        {
            return words.Any(Lexicon.ScheduleCues.Contains) ? "scheduled" : "held";
        }

        var reference = published[..10];
        if (string.CompareOrdinal(lastDay, reference) < 0)
        {
            return "held";
        }

        if (string.CompareOrdinal(firstDay, reference) > 0)
        {
            return proposed ? "proposed" : "scheduled";
        }

        // The report's own day: what is to come says so in the event's clause ("will hold … later on Thursday"); else it is news of what happened.
        var own = clause is { } c ? doc.TokensIn(c.Start, c.End).Select(t => t.Text).ToList() : words;
        return own.Any(Lexicon.ScheduleCues.Contains) || own.Contains("later") ? "scheduled" : "held";
    }
    /// <summary>Words right before a date that it is the day an event was set for, or takes place on (group 1: set for it).</summary>
    [GeneratedRegex(@"(?:\b((?:originally |initially )?(?:set|planned|scheduled|slated) for)|\b(?:take|takes|took) place on|\b(?:be|was|were|is|are) held on)\s*$")]
    private static partial Regex SetFor();

    [GeneratedRegex(@"^(?:would|plans? to|agreed to) meet$", RegexOptions.IgnoreCase)]
    private static partial Regex FixedCue();

    /// <summary>Between a reporting verb and its date: the means of saying (<c>in a statement</c>, <c>in a radio address</c>).</summary>
    [GeneratedRegex(@"^\s*in (?:a|an|his|her|its|their) (?:[a-z]+ ){0,2}(?:statement|address|interview|speech|message|broadcast|letter)\s+(?:on\s+)?$")]
    private static partial Regex SaidIn();

    /// <summary>Words right before the day an event was moved to (<c>postponed to</c>, <c>rescheduled for</c>, <c>will now take place on</c>).</summary>
    [GeneratedRegex(@"\b(?:(?:postponed|delayed|deferred|moved|rescheduled|pushed back|put off|brought forward|shifted)\s+(?:from [^,.;]{3,25}? )?(?:to|until|till|for)|now\s+(?:take|takes) place(?: on)?|now be held(?: on)?)\s+(?:on\s+)?$")]
    private static partial Regex MovedTo();

    /// <summary>Words right before the day an event was moved from (<c>moved from March 3</c>).</summary>
    [GeneratedRegex(@"\b(?:postponed|delayed|moved|rescheduled|pushed back|brought forward|shifted)\s+from\s+$")]
    private static partial Regex MovedFrom();

    /// <summary>Words right before the day an event was called off or moved on, which is not its day (<c>postponed on Monday</c>).</summary>
    [GeneratedRegex(@"\b(?:postponed|delayed|deferred|cancell?ed|called off|scrapped|put off)\s+(?:on\s+)?$")]
    internal static partial Regex CalledOffOn();

    /// <summary>Words after a date set for an event that move it to another (<c>will now take place on</c>, <c>moved to</c>).</summary>
    [GeneratedRegex(@"\b(?:now|instead|moved|rescheduled|brought forward|pushed back)\b")]
    private static partial Regex Moved();
}
