using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace TimelineApi.Extraction;

/// <summary>The word lists the extractor reads English news with.</summary>
internal static partial class Lexicon
{
    /// <summary>Verbs and phrases that report speech, each as its words; the subject before them is the speaker.</summary>
    public static readonly string[][] SpeechPhrases = Phrases(
        "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
        "state", "states", "stated", "note", "notes", "noted", "warn", "warns", "warned", "warning",
        "urge", "urges", "urged", "demand", "demands", "demanded", "insist", "insists", "insisted",
        "deny", "denies", "denied", "claim", "claims", "claimed", "announce", "announced", "declare", "declared",
        "confirm", "confirms", "confirmed", "explain", "explained", "reply", "replied", "respond", "responded",
        "remark", "remarked", "write", "wrote", "tweet", "tweeted", "ask", "asked", "stress", "stressed",
        "emphasise", "emphasised", "emphasize", "emphasized", "mention", "mentioned", "accuse", "accused",
        "acknowledge", "acknowledged", "admit", "admitted", "argue", "argued", "assure", "assured", "caution", "cautioned",
        "complain", "complained", "pledge", "pledged", "promise", "promised", "suggest", "suggested", "threaten", "threatened",
        "vow", "vowed", "describe", "described", "called", "recalled", "underscored", "commented", "reiterate", "reiterated", "reiterating", "speaking", "quoted",
        "call for", "calls for", "called for", "calling for", "make it clear", "made it clear", "makes it clear",
        "according to", "as quoted by", "as per", "told reporters", "was quoted saying", "was quoted as saying");

    /// <summary>The speech phrases by their first word, longest first.</summary>
    public static readonly FrozenDictionary<string, string[][]> SpeechPhrasesByFirstWord = SpeechPhrases
        .GroupBy(p => p[0], StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>Speech phrases whose speaker follows them (<c>according to X</c>).</summary>
    public static readonly FrozenSet<string> SpeakerFollows = FrozenSet.ToFrozenSet(["according to", "as quoted by", "as per"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Nouns that name an office or a role; the head of a title (<c>Kremlin spokesman</c>).</summary>
    public static readonly FrozenSet<string> RoleNouns = FrozenSet.ToFrozenSet(
    [
        "president", "vice-president", "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor",
        "ambassador", "envoy", "chancellor", "premier", "counterpart", "official", "officials", "diplomat", "negotiator", "chief",
        "director", "deputy", "leader", "king", "queen", "prince", "senator", "governor", "mayor", "general", "commander", "representative",
        "chairman", "chairwoman", "chair", "head", "counsellor", "counselor", "press", "emir", "sultan", "director-general",
        "secretary-general",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Lower-case words that may stand inside a title (<c>foreign policy adviser</c>).</summary>
    public static readonly FrozenSet<string> TitleModifiers = FrozenSet.ToFrozenSet(
    [
        "foreign", "policy", "press", "national", "security", "deputy", "chief", "senior", "top", "defence", "defense", "state",
        "prime", "vice", "special", "presidential", "former", "acting", "interior", "finance", "economic", "affairs",
    ], StringComparer.Ordinal);

    /// <summary>Role nouns that refer to the same office when used alone (<c>the spokesman</c>, <c>the spokesperson</c>).</summary>
    public static string HeadOf(string roleNoun) => roleNoun.ToLowerInvariant() switch
    {
        "spokesman" or "spokeswoman" or "spokesperson" => "spokesperson",
        "advisor" or "adviser" => "adviser",
        var other => other,
    };

    /// <summary>Common given names whose bearers news refers to as <c>she</c>; with <see cref="MaleNames"/>, the gender a pronoun must agree with.</summary>
    public static readonly FrozenSet<string> FemaleNames = FrozenSet.ToFrozenSet(
    [
        "Alice", "Amy", "Ana", "Andrea", "Angela", "Ann", "Anna", "Anne", "Annalena", "Antonia", "Barbara", "Beata", "Carla", "Caroline", "Catherine",
        "Christine", "Claire", "Claudia", "Daria", "Diana", "Dominika", "Elena", "Elisabeth", "Elizabeth", "Ella", "Emily", "Emma", "Eva", "Fatima",
        "Federica", "Gabriela", "Galina", "Hanna", "Hannah", "Helen", "Helena", "Ilona", "Ingrid", "Irina", "Isabel", "Jane", "Janet", "Jen", "Jennifer",
        "Jessica", "Joanna", "Julia", "Julianne", "Kamala", "Karen", "Katarzyna", "Kate", "Katherine", "Kathleen", "Kaja", "Laura", "Linda", "Lisa",
        "Liz", "Lyudmila", "Margaret", "Maria", "Marie", "Marina", "Marta", "Mary", "Michelle", "Monika", "Nadia", "Nancy", "Natalia", "Natalya",
        "Nina", "Oksana", "Olena", "Olga", "Patricia", "Rachel", "Rebecca", "Sandra", "Sarah", "Sofia", "Sophie", "Susan", "Svetlana", "Tatiana",
        "Tatyana", "Teresa", "Ursula", "Valentina", "Vera", "Victoria", "Viktoria", "Wendy", "Yelena", "Yulia", "Zoya",
    ], StringComparer.Ordinal);

    public static readonly FrozenSet<string> MaleNames = FrozenSet.ToFrozenSet(
    [
        "Adam", "Alexander", "Alexei", "Alexey", "Andrei", "Andrew", "Andrey", "Anthony", "Antony", "Anton", "Boris", "Brian", "Charles", "Christopher",
        "Daniel", "David", "Dmitri", "Dmitry", "Dmytro", "Donald", "Edward", "Emmanuel", "Evgeny", "Frank", "Gabor", "Georgy", "Grigory", "Heiko",
        "Igor", "Ivan", "Jake", "James", "Jean", "Jens", "Joe", "John", "Joseph", "Josep", "Julien", "Karl", "Klaus", "Konstantin", "Lars", "Leonid",
        "Lloyd", "Mark", "Marek", "Matthew", "Maxim", "Michael", "Mikhail", "Mike", "Nikolai", "Nikolay", "Ned", "Olaf", "Oleg", "Oleksii",
        "Paul", "Pavel", "Peter", "Pyotr", "Richard", "Robert", "Roman", "Samuel", "Sergei", "Sergey", "Simon", "Stefan", "Stephen", "Steven", "Taras",
        "Thomas", "Timothy", "Tomasz", "Valery", "Vasily", "Viktor", "Vitaly", "Vladimir", "Volodymyr", "William", "Yevgeny", "Yuri", "Yury", "Zbigniew",
    ], StringComparer.Ordinal);

    /// <summary>Role nouns that say the holder's gender.</summary>
    public static readonly FrozenDictionary<string, char> GenderedRoles = new Dictionary<string, char>(StringComparer.OrdinalIgnoreCase)
    {
        ["spokeswoman"] = 'f',
        ["chairwoman"] = 'f',
        ["queen"] = 'f',
        ["spokesman"] = 'm',
        ["chairman"] = 'm',
        ["king"] = 'm',
        ["prince"] = 'm',
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Role nouns used alone for whoever holds a related office: <c>the diplomat</c> for a minister or an
    /// ambassador, <c>the official</c> for anyone in office, <c>the leader</c> for a head of state.
    /// </summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>> RoleFamilies = new Dictionary<string, FrozenSet<string>>(StringComparer.OrdinalIgnoreCase)
    {
        ["diplomat"] = FrozenSet.ToFrozenSet(["minister", "ambassador", "envoy", "negotiator", "secretary", "representative", "diplomat", "counsellor", "counselor", "spokesperson", "chief", "head"], StringComparer.OrdinalIgnoreCase),
        ["official"] = FrozenSet.ToFrozenSet(["minister", "ambassador", "envoy", "negotiator", "secretary", "representative", "diplomat", "aide", "adviser", "spokesperson", "official", "director", "deputy", "chief", "head", "general", "counsellor", "counselor"], StringComparer.OrdinalIgnoreCase),
        ["leader"] = FrozenSet.ToFrozenSet(["president", "chancellor", "premier", "leader", "king", "queen"], StringComparer.OrdinalIgnoreCase),
        ["head"] = FrozenSet.ToFrozenSet(["head", "chief", "minister", "secretary", "negotiator", "director", "chair", "chairman", "chairwoman", "general", "leader", "president"], StringComparer.OrdinalIgnoreCase),
        ["envoy"] = FrozenSet.ToFrozenSet(["envoy", "ambassador", "representative", "negotiator"], StringComparer.OrdinalIgnoreCase),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that place someone with a country or an alliance (<c>Russian</c>, <c>Kremlin</c>, <c>U.S.</c>), by the country.</summary>
    public static readonly FrozenDictionary<string, string> Affiliations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Russian"] = "RU",
        ["Russia"] = "RU",
        ["Moscow"] = "RU",
        ["Kremlin"] = "RU",
        ["Presidential"] = "RU",
        ["US"] = "US",
        ["U.S."] = "US",
        ["American"] = "US",
        ["America"] = "US",
        ["Washington"] = "US",
        ["State"] = "US",
        ["White"] = "US",
        ["NATO"] = "NATO",
        ["alliance"] = "NATO",
        ["Chinese"] = "CN",
        ["China"] = "CN",
        ["Beijing"] = "CN",
        ["Ukrainian"] = "UA",
        ["Ukraine"] = "UA",
        ["Kyiv"] = "UA",
        ["German"] = "DE",
        ["Germany"] = "DE",
        ["French"] = "FR",
        ["France"] = "FR",
        ["British"] = "GB",
        ["Polish"] = "PL",
        ["Poland"] = "PL",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Lower-case words inside a name, between its capitalised words (<c>da Costa</c>, <c>van der Linden</c>, <c>bin Khalifa</c>, <c>al-Harthi</c>).</summary>
    public static readonly FrozenSet<string> NameParticles = FrozenSet.ToFrozenSet(
        ["bin", "binti", "bint", "ibn", "al", "el", "da", "das", "de", "del", "della", "der", "den", "di", "do", "dos", "du", "la", "le", "van", "von", "ter", "dela", "y"],
        StringComparer.Ordinal);

    /// <summary>
    /// Family names that Chinese and Korean names put first (<c>Liu Jianmin</c> is Liu, <c>Kim Sung-hoon</c> is Kim); a report
    /// refers to such a person by the first word. (Vietnamese names, also family name first, are referred to by the last.)
    /// </summary>
    public static readonly FrozenSet<string> FamilyNamesFirst = FrozenSet.ToFrozenSet(
        ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo", "Gao",
         "Zheng", "Liang", "Xie", "Tang", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Du", "Ye",
         "Cheng", "Wei", "Su", "Ding", "Ren", "Shen", "Yao", "Qin", "Fu", "Kong", "Qian", "Dai", "Xia", "Yin", "Hou", "Shi", "Bai", "Cui", "Mao", "Qiu",
         "Gu", "Lei", "Hao", "Geng", "Yan", "Kim", "Lee", "Park", "Choi", "Jung", "Chung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
         "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Moon", "Ban", "Ryu", "Nam", "Baek"],
        StringComparer.Ordinal);

    /// <summary>Honorifics and forms of address written before a name, which are not part of it (<c>Sheikh</c>, <c>Datuk</c>, <c>Lyonchhen</c>).</summary>
    public static readonly FrozenSet<string> Honorifics = FrozenSet.ToFrozenSet(
        ["Sheikh", "Shaikh", "Datuk", "Dato", "Datin", "Tun", "Lyonchhen", "Lyonpo", "Excellency", "Highness", "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Haji", "Shri", "Smt", "Ratu", "Seri", "Tunku", "Tengku", "Dasho", "Comrade", "Monsieur", "Madame", "Senor", "Senora"],
        StringComparer.Ordinal);

    /// <summary>Capitalised words that start a sentence or name a body, never a person's name (<c>With Dzhumabaev, …</c>, <c>the General Assembly</c>).</summary>
    public static readonly FrozenSet<string> NotNames = FrozenSet.ToFrozenSet(
        ["With", "In", "On", "At", "For", "From", "After", "Before", "During", "And", "But", "As", "By", "To", "Of", "This", "That", "These", "Those",
         "It", "Its", "His", "Her", "Their", "Our", "We", "They", "He", "She", "Both", "Earlier", "Later", "Meanwhile", "Asked", "Speaking", "While",
         "Assembly", "Council", "Ministry", "Office", "Commission", "Committee", "Parliament", "Congress", "Senate", "Agency", "Bank", "Fund", "Union",
         "Organisation", "Organization", "Court", "Forum", "Summit", "Conference", "Department", "House", "Palace", "Government", "Cabinet", "Embassy"],
        StringComparer.Ordinal);

    /// <summary>Lower-case words that join the parts of a title (<c>Secretary of State for European Affairs</c>).</summary>
    public static readonly FrozenSet<string> TitleConnectors = FrozenSet.ToFrozenSet(["of", "for", "to", "the", "on"], StringComparer.Ordinal);

    /// <summary>Words between a subject and its verb that do not change who acts (<c>Peskov also said</c>).</summary>
    public static readonly FrozenSet<string> Adverbs = FrozenSet.ToFrozenSet(
        ["also", "later", "earlier", "then", "again", "already", "now", "still", "just", "since", "had", "has", "repeatedly", "once", "further", "have", "was", "is", "separately", "previously", "publicly", "reportedly"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Names other than a capital that stand for a country (<c>America</c>); capitals are <see cref="Countries.Capitals"/>.</summary>
    public static readonly FrozenDictionary<string, string> Metonyms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["USA"] = "United States",
        ["America"] = "United States",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Nouns of bodies that speak for a government (<c>the foreign ministry said</c>, <c>State House said</c>).</summary>
    public static readonly FrozenSet<string> Institutions = FrozenSet.ToFrozenSet(
        ["ministry", "office", "house", "palace", "government", "embassy", "presidency", "cabinet", "secretariat", "department", "chancellery",
         "diwan", "mission", "consulate"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Auxiliary and modal verbs: a phrase holding one is a clause, not a title.</summary>
    public static readonly FrozenSet<string> Auxiliaries = FrozenSet.ToFrozenSet(
        ["will", "would", "shall", "should", "can", "could", "may", "might", "must", "is", "was", "are", "were", "has", "have", "had", "did", "does"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Words after which a place name says where (<c>in Seoul</c>, <c>flew to Lima</c>).</summary>
    public static readonly FrozenSet<string> PlacePrepositions = FrozenSet.ToFrozenSet(
        ["in", "to", "at", "from", "near", "outside", "into", "via", "toward", "towards", "visit", "visited", "visiting", "across", "around", "through"],
        StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenSet<string> MeetingKinds = FrozenSet.ToFrozenSet(["call", "summit", "talks", "meeting"], StringComparer.Ordinal);

    /// <summary>Nouns that name an event, with the kind and format they imply; longer phrases first.</summary>
    public static readonly (string[] Words, string Kind, string? Format)[] EventNouns =
    [
        (["video", "call"], "call", "video"), (["video", "conference"], "call", "video"), (["video", "summit"], "call", "video"),
        (["video", "link"], "call", "video"), (["online", "summit"], "call", "video"), (["virtual", "talks"], "call", "video"),
        (["virtual", "summit"], "call", "video"), (["virtual", "meeting"], "call", "video"), (["videoconference"], "call", "video"),
        (["phone", "call"], "call", "phone"), (["telephone", "call"], "call", "phone"), (["phone", "conversation"], "call", "phone"), (["telephone", "conversation"], "call", "phone"),
        (["press", "conference"], "briefing", null), (["briefing"], "briefing", null),
        (["security", "talks"], "talks", null), (["round", "of", "talks"], "talks", null), (["round", "of", "consultations"], "talks", null), (["round"], "talks", null), (["negotiations"], "talks", null), (["talks"], "talks", null),
        (["news", "conference"], "briefing", null), (["working", "dinner"], "meeting", "in-person"), (["dinner"], "meeting", "in-person"),
        (["consultations"], "talks", null), (["Dialogue"], "talks", null), (["Council"], "meeting", null),
        (["security", "meeting"], "meeting", null), (["session"], "meeting", null), (["meeting"], "meeting", null),
        (["summit"], "summit", "in-person"), (["conference"], "meeting", null), (["call"], "call", null),
        (["readout"], "statement", null), (["statement"], "statement", null),
        (["state", "visit"], "meeting", "in-person"), (["official", "visit"], "meeting", "in-person"), (["working", "visit"], "meeting", "in-person"),
        (["visit"], "meeting", "in-person"), (["interview"], "statement", null), (["press", "release"], "statement", null),
    ];

    /// <summary>
    /// Verbs that tell of an encounter when a date follows them (<c>arrived in Hanoi on Wednesday</c>, <c>received on Sunday …</c>,
    /// <c>telephoned his counterpart on Thursday</c>, <c>will resume on March 16</c>): the kind and format each implies.
    /// </summary>
    public static readonly FrozenDictionary<string, (string Kind, string? Format)> EventVerbs = new Dictionary<string, (string, string?)>(StringComparer.Ordinal)
    {
        ["met"] = ("meeting", "in-person"),
        ["meets"] = ("meeting", "in-person"),
        ["meet"] = ("meeting", "in-person"),
        ["spoke"] = ("call", null),
        ["spoken"] = ("call", null),
        ["talked"] = ("call", null),
        ["speak"] = ("call", null),
        ["talk"] = ("call", null),
        ["telephoned"] = ("call", "phone"),
        ["phoned"] = ("call", "phone"),
        ["received"] = ("meeting", "in-person"),
        ["receives"] = ("meeting", "in-person"),
        ["receive"] = ("meeting", "in-person"),
        ["heads"] = ("meeting", "in-person"),
        ["visit"] = ("meeting", "in-person"),
        ["summoned"] = ("meeting", "in-person"),
        ["visits"] = ("meeting", "in-person"),
        ["arrive"] = ("meeting", "in-person"),
        ["return"] = ("meeting", "in-person"),
        ["returns"] = ("meeting", "in-person"),
        ["welcomed"] = ("meeting", "in-person"),
        ["hosted"] = ("meeting", "in-person"),
        ["hosts"] = ("meeting", "in-person"),
        ["host"] = ("meeting", "in-person"),
        ["arrived"] = ("meeting", "in-person"),
        ["arrives"] = ("meeting", "in-person"),
        ["visited"] = ("meeting", "in-person"),
        ["travel"] = ("meeting", "in-person"),
        ["travels"] = ("meeting", "in-person"),
        ["fly"] = ("meeting", "in-person"),
        ["flies"] = ("meeting", "in-person"),
        ["opened"] = ("meeting", "in-person"),
        ["signed"] = ("meeting", "in-person"),
        ["sign"] = ("meeting", "in-person"),
        ["handed"] = ("meeting", "in-person"),
        ["delivered"] = ("statement", null),
        ["chaired"] = ("meeting", null),
        ["co-chaired"] = ("meeting", null),
        ["resume"] = ("talks", null),
        ["resumed"] = ("talks", null),
        ["reconvene"] = ("talks", null),
        ["convene"] = ("meeting", null),
        ["planned"] = ("meeting", null),
        ["agreed"] = ("talks", null),
        ["reached"] = ("talks", null),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Words saying a planned meeting will not take place as planned: the status they give.</summary>
    public static readonly FrozenDictionary<string, string> CalledOff = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["cancelled"] = "cancelled",
        ["canceled"] = "cancelled",
        ["scrapped"] = "cancelled",
        ["off"] = "cancelled",
        ["postponed"] = "postponed",
        ["delayed"] = "postponed",
        ["deferred"] = "postponed",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Words around a meeting that say it has not happened yet but is fixed.</summary>
    public static readonly FrozenSet<string> ScheduleCues = FrozenSet.ToFrozenSet(
        ["will", "set", "scheduled", "expected", "planned", "upcoming", "ahead", "followed", "due", "slated"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Phrases that propose a meeting no one has fixed yet, with the kind and format they imply.</summary>
    [GeneratedRegex(@"\b(?:proposal to meet|proposed (?:a )?meeting|(?:would|could|want to|wants to|plan to|plans to|agreed to) meet|meet in person|hold (?:more|further|new) talks|another round of talks|(?:more|further) talks)\b", RegexOptions.IgnoreCase)]
    public static partial Regex ProposalCue();

    public static readonly FrozenDictionary<string, int> Months = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["January"] = 1,
        ["February"] = 2,
        ["March"] = 3,
        ["April"] = 4,
        ["May"] = 5,
        ["June"] = 6,
        ["July"] = 7,
        ["August"] = 8,
        ["September"] = 9,
        ["October"] = 10,
        ["November"] = 11,
        ["December"] = 12,
        ["Jan"] = 1,
        ["Feb"] = 2,
        ["Mar"] = 3,
        ["Apr"] = 4,
        ["Jun"] = 6,
        ["Jul"] = 7,
        ["Aug"] = 8,
        ["Sep"] = 9,
        ["Sept"] = 9,
        ["Oct"] = 10,
        ["Nov"] = 11,
        ["Dec"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, int> Numbers = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["fifteen"] = 15,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["forty-five"] = 45,
        ["fifty"] = 50,
        ["ninety"] = 90,
        ["an"] = 1,
        ["a"] = 1,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Abbreviations after which a full stop does not end a sentence.</summary>
    public static readonly FrozenSet<string> Abbreviations = FrozenSet.ToFrozenSet(
        ["Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "No", "vs", "Gen", "Lt", "Col", "Sen", "Rep", "Gov", "Prof", "Jan", "Feb", "Mar", "Apr",
         "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc", "Ltd", "Co", "pic", "etc"], StringComparer.Ordinal);

    private static string[][] Phrases(params string[] phrases) => [.. phrases.Select(p => p.Split(' ')).OrderByDescending(p => p.Length)];
}
