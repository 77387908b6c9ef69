namespace TimelineApi.Common;

/// <summary>
/// The normalised keys a participant can be found by: its id, its name, every alias, and for a person the family
/// name the news writes alone ("Halvorsen", "von der Leyen"): the last word of its name (not of an alias, which may
/// be a title: "President Putin of Russia"), with the lower-case particles before it.
/// </summary>
public static class ParticipantLookupKeys
{
    private static readonly HashSet<string> s_particles = new(["von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn"], StringComparer.Ordinal);

    public static IEnumerable<string> For(string id, string name, IEnumerable<string> aliases, string kind = "person")
    {
        var family = kind == "person" ? FamilyName(name) : null;
        return new[] { id, name }.Concat(aliases).Append(family).OfType<string>().Select(TextKey.Normalize).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal);
    }

    /// <summary>The family name of a person's name of two words or more, as the news writes it alone; null for a single word.</summary>
    public static string? FamilyName(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length < 2)
        {
            return null;
        }

        var first = words.Length - 1;
        while (first > 1 && s_particles.Contains(words[first - 1]))
        {
            first--;
        }

        return string.Join(' ', words[first..]);
    }
}
