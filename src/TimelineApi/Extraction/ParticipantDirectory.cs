using TimelineApi.Common;

namespace TimelineApi.Extraction;

internal enum MentionKind
{
    /// <summary>The participant's name, an alias, or a form of it (surname, acronym, <c>the</c> dropped).</summary>
    Name,

    /// <summary>A title the participant holds (<c>Kremlin spokesman</c>).</summary>
    Title,

    /// <summary><c>he</c> or <c>she</c>.</summary>
    Pronoun,

    /// <summary>A role noun with <c>the</c> (<c>the spokesperson</c>): the holder named nearby.</summary>
    Definite,

    /// <summary>A role noun with <c>a</c> or <c>one</c> (<c>a senior official</c>): someone the report does not name.</summary>
    Anonymous,
}

/// <summary>
/// A stretch of text that refers to a participant: a known one (<see cref="Id"/>), a new one named in
/// the document (<see cref="Id"/> <c>new:slug</c>), or someone to be resolved (pronouns, definite titles).
/// </summary>
internal sealed record Mention(int Start, int End, string? Id, string Text, MentionKind Kind, string? Head = null)
{
    public const string NewPrefix = "new:";

    /// <summary>The id of a participant new to the data, named <paramref name="name"/> in the document: <c>new:kim-sung-hoon</c>.</summary>
    public static string NewId(string name) => NewPrefix + TextKey.Normalize(name).Replace(' ', '-');
}

/// <summary>
/// The names the extractor recognises: each known participant's name, aliases and titles, and the
/// forms news writes them in (a person's surname, an organisation without <c>The</c>, its acronym or
/// handle, a capital for its country). A name is matched at its longest, word by word; words written
/// with a capital must match exactly, others in any case.
/// </summary>
internal sealed class ParticipantDirectory
{
    private readonly Dictionary<string, List<Entry>> _byFirstWord = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The directory this one adds a document's own names to, read before them; null for the product's directory.</summary>
    private readonly ParticipantDirectory? _base;

    private ParticipantDirectory(IReadOnlyDictionary<string, KnownParticipant> participants, ParticipantDirectory? @base = null)
    {
        Participants = participants;
        _base = @base;
    }

    public IReadOnlyDictionary<string, KnownParticipant> Participants { get; }

    public static ParticipantDirectory Build(IEnumerable<KnownParticipant> known)
    {
        // The countries the data does not know yet are read too, as parties new to the data.
        var given = known.ToList();
        var participants = given.Concat(Countries.NotIn(given)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var directory = new ParticipantDirectory(participants);
        var persons = participants.Values.Where(p => p.Kind == "person").ToList();
        var surnames = persons.GroupBy(p => Words(p.Name)[^1], StringComparer.Ordinal).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Id);
        var titleHolders = participants.Values.SelectMany(p => p.Titles.Distinct().Select(t => (Title: t, p.Id)))
            .GroupBy(t => t.Title, StringComparer.OrdinalIgnoreCase).Where(g => g.Select(t => t.Id).Distinct().Count() == 1)
            .Select(g => (g.Key, g.First().Id));

        foreach (var p in participants.Values)
        {
            foreach (var name in p.Aliases.Prepend(p.Name))
            {
                directory.Add(name, p.Id, MentionKind.Name);
                if (p.Kind != "person" && name.StartsWith("The ", StringComparison.Ordinal))
                {
                    directory.Add(name[4..], p.Id, MentionKind.Name);
                }
            }

            if (p.Kind != "person")
            {
                var words = Words(p.Name.StartsWith("The ", StringComparison.Ordinal) ? p.Name[4..] : p.Name);
                var capitals = words.Where(w => char.IsUpper(w[0])).ToList();
                if (capitals.Count >= 2 && capitals.Count == words.Count)
                {
                    var acronym = string.Concat(capitals.Select(w => w[0]));
                    directory.Add(acronym, p.Id, MentionKind.Name);
                    directory.Add(string.Concat(acronym.Select(c => $"{c}.")), p.Id, MentionKind.Name);
                    directory.Add("@" + string.Concat(words), p.Id, MentionKind.Name);
                }

                foreach (var (metonym, country) in Lexicon.Metonyms)
                {
                    if (string.Equals(country, p.Name, StringComparison.Ordinal))
                    {
                        directory.Add(metonym, p.Id, MentionKind.Name);
                    }
                }

                foreach (var (demonym, country) in Countries.Demonyms)
                {
                    if (string.Equals(country, p.Name, StringComparison.Ordinal))
                    {
                        directory.Add(demonym, p.Id, MentionKind.Name, Use.BeforeGroup);
                    }
                }

                foreach (var (capital, country) in Countries.Capitals)
                {
                    if (string.Equals(country, p.Name, StringComparison.Ordinal))
                    {
                        directory.Add(capital, p.Id, MentionKind.Name, Use.Actor);
                    }
                }
            }
        }

        foreach (var (surname, id) in surnames)
        {
            directory.Add(surname, id, MentionKind.Name);
        }

        foreach (var (title, id) in titleHolders)
        {
            // A bare office ("President") names no one in particular.
            if (Words(title).Any(w => !Lexicon.RoleNouns.Contains(w) && !Lexicon.TitleModifiers.Contains(w.ToLowerInvariant())))
            {
                directory.Add(title, id, MentionKind.Title);
            }
        }

        return directory;
    }

    /// <summary>This directory with titles and names the document itself ties to participants.</summary>
    public ParticipantDirectory With(IEnumerable<(string Text, string Id, MentionKind Kind)> local)
    {
        // The product's names are shared, not copied: the document's own are kept apart and read after them.
        var copy = new ParticipantDirectory(Participants, this);
        foreach (var (text, id, kind) in local)
        {
            copy.Add(text, id, kind);
        }

        return copy;
    }

    public string KindOf(string? id) => id is not null && Participants.TryGetValue(id, out var p) ? p.Kind : "person";

    /// <summary>The mentions among the tokens, longest first, without overlaps.</summary>
    public List<Mention> Find(SourceDocument doc, IReadOnlyList<Token> tokens)
    {
        var mentions = new List<Mention>();
        for (var i = 0; i < tokens.Count; i++)
        {
            Entry? best = null;
            // A capital after "in", "to", "from" … says where, not who; so does one joined to such a place (to Bogota and Quito,
            // to Buenos Aires and Lima).
            var placed = i > 0 && (Lexicon.PlacePrepositions.Contains(tokens[i - 1].Key)
                || tokens[i - 1].Key is "and" or "or" && new[] { i - 3, i - 4 }.Any(k => k >= 0 && Lexicon.PlacePrepositions.Contains(tokens[k].Key)));
            foreach (var entry in EntriesOf(Key(tokens[i].Key)))
            {
                if ((best is null || entry.Words.Length > best.Words.Length) && !(entry.Use == Use.Actor && placed) && Matches(doc, tokens, i, entry.Words)
                    && (entry.Use != Use.BeforeGroup || BeforeGroup(doc, tokens, i + entry.Words.Length)))
                {
                    best = entry;
                }
            }

            if (best is not null)
            {
                var last = tokens[i + best.Words.Length - 1];
                mentions.Add(new Mention(tokens[i].Start, last.End, best.Id, doc.Text[tokens[i].Start..last.End], best.Kind));
                i += best.Words.Length - 1;
            }
        }

        return mentions;
    }

    internal static List<string> Words(string text) => [.. text.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).Select(Key).Where(word => word.Length > 0)]; // a word may have no key (a lone possessive)

    /// <summary>A word as names are matched: without a possessive ending, with curly apostrophes straightened.</summary>
    internal static string Key(string word)
        => (word.EndsWith("'s", StringComparison.Ordinal) || word.EndsWith("’s", StringComparison.Ordinal) ? word[..^2] : word).Replace('’', '\'');

    private static bool Matches(SourceDocument doc, IReadOnlyList<Token> tokens, int at, string[] words)
    {
        if (at + words.Length > tokens.Count)
        {
            return false;
        }

        for (var k = 0; k < words.Length; k++)
        {
            var token = tokens[at + k];
            var key = Key(token.Key);
            var expected = words[k];
            var same = char.IsUpper(expected[0]) || expected[0] == '@' ? string.Equals(key, expected, StringComparison.Ordinal) : string.Equals(key, expected, StringComparison.OrdinalIgnoreCase);
            if (!same)
            {
                return false;
            }

            // The words of a name stand next to each other.
            if (k > 0 && doc.Text[tokens[at + k - 1].End..token.Start] is var gap && gap != "-" && !string.IsNullOrWhiteSpace(gap))
            {
                return false;
            }
        }

        return true;
    }

    private void Add(string text, string id, MentionKind kind, Use use = Use.Always)
    {
        var words = Words(text);
        if (words.Count == 0 || TextKey.Normalize(text).Length < 2)
        {
            return;
        }

        if (!_byFirstWord.TryGetValue(words[0], out var list))
        {
            _byFirstWord[words[0]] = list = [];
        }

        if (!EntriesOf(words[0]).Any(e => e.Id == id && e.Words.SequenceEqual(words)))
        {
            list.Add(new Entry([.. words], id, kind, use));
        }
    }

    /// <summary>The names that start with <paramref name="word"/>: those of the directory this one adds to first, then its own.</summary>
    private IEnumerable<Entry> EntriesOf(string word)
    {
        if (_base is not null)
        {
            foreach (var entry in _base.EntriesOf(word))
            {
                yield return entry;
            }
        }

        if (_byFirstWord.TryGetValue(word, out var own))
        {
            foreach (var entry in own)
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// Whether the words after token <paramref name="at"/> are a body of people a demonym stands before: other demonyms joined by
    /// <c>and</c>, up to two modifiers, then a group noun (<c>and Japanese negotiators</c>, <c>foreign ministry</c>).
    /// </summary>
    private static bool BeforeGroup(SourceDocument doc, IReadOnlyList<Token> tokens, int at)
    {
        var k = at;
        while (k < tokens.Count && k - at < 6 && (tokens[k].Key == "and" || char.IsUpper(tokens[k].Text[0]) && !Countries.GroupNouns.Contains(tokens[k].Key)))
        {
            k++;
        }

        for (var modifiers = 0; k < tokens.Count && modifiers <= 2; k++, modifiers++)
        {
            if (Countries.GroupNouns.Contains(tokens[k].Text))
            {
                return doc.Text[tokens[at - 1].End..tokens[k].Start].All(c => c is not ('.' or ';' or ':'));
            }

            if (!Lexicon.TitleModifiers.Contains(tokens[k].Text) && tokens[k].Text is not ("senior" or "trade" or "military" or "border" or "peace"))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Where a name names its participant: anywhere; only where it acts, not where it says where (a capital); only before a body of people (a demonym).</summary>
    private enum Use
    {
        Always,
        Actor,
        BeforeGroup,
    }

    /// <summary>A name as matched, and where it names its participant.</summary>
    private sealed record Entry(string[] Words, string Id, MentionKind Kind, Use Use = Use.Always);
}
