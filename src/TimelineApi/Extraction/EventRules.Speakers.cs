using System.Globalization;
using System.Text.RegularExpressions;

namespace TimelineApi.Extraction;

/// <summary>Who a dated statement is by when its subject is no one named: an institution, or someone known by office alone.</summary>
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
        if (subject.Any(mentions.IsPerson))
        {
            return (false, null);
        }

        if (words.Any(t => Lexicon.Institutions.Contains(t.Key)))
        {
            return (true, subject.FirstOrDefault() ?? DatelineCountry());
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
        return Countries.Capitals.TryGetValue(city, out var country) || Lexicon.Metonyms.TryGetValue(city, out country)
            ? mentions.Directory.Participants.Values.FirstOrDefault(p => p.Kind != "person" && p.Name == country)?.Id
            : null;
    }

    [GeneratedRegex(@"\G\p{Lu}[\p{Lu} ]+(?=,)")]
    private static partial Regex DatelinePlace();
}
