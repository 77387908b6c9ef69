using System.Globalization;
using System.Text.RegularExpressions;

namespace TimelineApi.Extraction;

/// <summary>
/// Parties named other than by name: who a dated statement is by when its subject is an institution or an office, the
/// principals a plural office stands for, and the countries or body a phrase refers to.
/// </summary>
internal sealed partial class EventRules
{
    /// <summary>
    /// The speaker of a reporting verb whose subject, the words right before it, names an institution or an office rather than
    /// a person: a ministry, an office or State House speaks for the country it names (<c>Seoul's Ministry of Maritime Affairs
    /// said</c>, <c>Tanzania's foreign ministry</c>), else for the country of the report's dateline (<c>NAIROBI … State House
    /// said</c>), else for no one it names; <c>his spokesman said</c> is the one person the report titles spokesman.
    /// <c>Decided</c> is false when the subject is a person's name, left to the nearest mention.
    /// </summary>
    private (bool Decided, string? Id) InstitutionSpeaker(List<Token> tokens, int verb)
    {
        var start = verb;
        while (start > 0 && verb - start < 8 && doc.Text[tokens[start - 1].End..tokens[start].Start] is " " or "-"
            && IsSubjectWord(tokens[start - 1]))
        {
            start--;
        }

        if (start == verb)
        {
            return (false, null);
        }

        var subject = mentions.Within(tokens[start].Start, tokens[verb - 1].End).Where(m => !doc.InQuote(m.Start)).Select(mentions.Resolve).OfType<string>().ToList();
        var words = tokens[start..verb];
        // "the president's office announced": the office speaks, for its country.
        if (words.Any(t => Lexicon.Institutions.Contains(t.Key)) && (!subject.Any(mentions.IsPerson) || Lexicon.Institutions.Contains(words[^1].Key)))
        {
            return (true, subject.FirstOrDefault(id => !mentions.IsPerson(id)) ?? DatelineCountry());
        }

        if (subject.Any(mentions.IsPerson))
        {
            return (false, null);
        }

        // "his spokesman said", "the spokeswoman said": the one person the report gives that office, if any.
        if (subject.Count == 0 && words[^1] is var role && Lexicon.RoleNouns.Contains(role.Key) && words.Count <= 3)
        {
            var holders = mentions.Bindings.Where(b => b.Head == Lexicon.HeadOf(role.Key)).Select(b => b.Id).Distinct(StringComparer.Ordinal).ToList();
            return (true, holders.Count == 1 ? holders[0] : null);
        }

        return (false, null);
    }

    private static bool IsSubjectWord(Token t)
        => char.IsUpper(t.Text[0]) || t.Key is "his" or "her" or "its" or "their" or "the" or "of" or "for"
           || Lexicon.Institutions.Contains(t.Key) || Lexicon.TitleModifiers.Contains(t.Key) || Lexicon.RoleNouns.Contains(t.Key);

    /// <summary>The country whose capital opens the report's dateline (<c>NAIROBI, March 11 (wire) -</c>), as a participant id.</summary>
    private string? DatelineCountry()
    {
        if (doc.Blocks.FirstOrDefault(b => b.Kind == BlockKind.Body) is not { } body
            || DatelinePlace().Match(doc.Text, body.Start, body.End - body.Start) is not { Success: true } place)
        {
            return null;
        }

        var city = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(place.Value.ToLowerInvariant());
        return Countries.Capitals.TryGetValue(city, out var country)
            ? mentions.Directory.Participants.Values.FirstOrDefault(p => p.Kind != "person" && p.Name == country)?.Id
            : null;
    }

    [GeneratedRegex(@"\G\p{Lu}[\p{Lu} ]+(?=,)")]
    private static partial Regex DatelinePlace();

    /// <summary>
    /// The report's principals <paramref name="group"/> names (<c>the two heads of state</c>, <c>the two foreign ministers</c>): the
    /// people named most whose titles hold that office, when there are <paramref name="count"/> of them; else the people named most.
    /// </summary>
    private IEnumerable<string> PrincipalsWho(string group, int count)
    {
        var offices = group.ToLowerInvariant() switch
        {
            var g when g.Contains("minister", StringComparison.Ordinal) => ["minister"],
            var g when g.Contains("envoy", StringComparison.Ordinal) => ["envoy", "ambassador", "representative", "negotiator"],
            var g when g.Contains("deput", StringComparison.Ordinal) => ["deputy"],
            _ => new[] { "president", "king", "queen", "prime minister", "premier", "emir", "sultan", "chancellor", "leader", "head of state" },
        };
        var holding = mentions.Bindings.Where(b => offices.Any(o => b.Title.Contains(o, StringComparison.OrdinalIgnoreCase))).Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var holders = _principals.Value.Where(holding.Contains).Take(count).ToList();
        return holders.Count == count ? holders : _principals.Value.Take(count);
    }

    /// <summary>
    /// The parties of an event whose words are preceded, closely, by a reference to countries or a body (<c>the joint commission
    /// of the two countries will meet</c>, <c>foreign ministers of the 53-member union will meet</c>): those; else <paramref name="parties"/>.
    /// </summary>
    private List<string> BodiesBefore((int Start, int End) sentence, int at, List<string> parties)
        => BodiesOf(doc.Text[Math.Max(sentence.Start, at - 80)..at]) is { Count: > 0 } bodies ? bodies : parties;

    /// <summary>
    /// The countries or the body a phrase refers to without naming them: <c>the two countries</c> are the two countries the
    /// report names most; <c>the union</c>, <c>the bloc</c> the one organisation it names. Empty when there is no such phrase.
    /// </summary>
    private List<string> BodiesOf(string text)
    {
        var match = BodyReference().Match(text);
        if (!match.Success)
        {
            return [];
        }

        var kind = match.Groups["countries"].Success ? "country" : "organization";
        if (!_mostNamed.TryGetValue(kind, out var named))
        {
            _mostNamed[kind] = named = [.. mentions.All.Where(m => m.Kind == MentionKind.Name && !doc.InQuote(m.Start) && mentions.Directory.KindOf(m.Id) == kind)
                .GroupBy(m => m.Id!).OrderByDescending(g => g.Count()).ThenBy(g => g.First().Start).Select(g => g.Key)];
        }

        return kind == "country" ? (named.Count >= 2 ? named[..2] : []) : (named.Count == 1 ? [.. named] : []);
    }

    /// <summary>The countries and the organisations the report names, each kind most named first: read once, when first asked for.</summary>
    private readonly Dictionary<string, List<string>> _mostNamed = new(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:of|between) (?:the two|both) (?<countries>countries|nations|governments)\b|\b(?:the two|both) (?<countries>countries|nations)(?:'|’)|\bof the (?:\d+-member |regional |\w+-nation )?(?:union|bloc|alliance|grouping|organi[sz]ation|community)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BodyReference();

    /// <summary>
    /// A round of talks told of by the series it belongs to, naming no one (<c>The previous round was held in Ankara on Oct. 12</c>,
    /// <c>The two sides last met in Berlin</c>), is between the parties of the report's other meeting of that series: of its kind
    /// if there is one, else of any kind.
    /// </summary>
    private void SameSeries()
    {
        var named = _drafts.Where(d => d.Participants.Count > 0 && Lexicon.MeetingKinds.Contains(d.Kind)).ToList();
        var firstOfKind = named.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => g.First());
        foreach (var draft in _drafts.Where(d => d.Participants.Count == 0 && Lexicon.MeetingKinds.Contains(d.Kind)))
        {
            var sentence = doc.SentenceAt(draft.Evidence.Start);
            if (SeriesReference().IsMatch(doc.Text[sentence.Start..sentence.End])
                && (firstOfKind.GetValueOrDefault(draft.Kind) ?? named.FirstOrDefault()) is { } series)
            {
                draft.Participants.AddRange(series.Participants);
            }
        }
    }

    [GeneratedRegex(@"\b(?:previous|last|earlier|next|new|another|first|second|third|fourth) round\b|\b(?:the two|both) sides\b", RegexOptions.IgnoreCase)]
    private static partial Regex SeriesReference();
}
