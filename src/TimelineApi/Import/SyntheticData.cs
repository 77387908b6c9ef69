using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TimelineApi.Import;

/// <summary>
/// A deterministic synthetic timeline for load and import tests, in the import format: per block of
/// twenty events, one source (a report quoting four statements), the events (calls, talks, meetings,
/// summits, statements, briefings and reports between a pool of people, countries and organizations,
/// with topics and statuses, talks and summits often over several days) and the four statements.
/// The same seed always gives the same file.
/// </summary>
public static class SyntheticData
{
    private const int BlockSize = 20;

    private static readonly string[] s_first = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Irina", "Jonas", "Kemal", "Lena", "Marco", "Nadia", "Oleg", "Priya", "Rafael", "Sofia", "Tomas", "Yuki"];
    private static readonly string[] s_last = ["Petrova", "Meyer", "Novak", "Rossi", "Kowalski", "Haddad", "Lindqvist", "Moreau", "Tanaka", "Okafor", "Silva", "Ivanov", "Jensen", "Costa", "Nakamura", "Weber"];
    private static readonly string[] s_countries = ["Austria", "Belgium", "Brazil", "Canada", "Chile", "Denmark", "Egypt", "Finland", "France", "Germany", "Ghana", "India", "Italy", "Japan", "Kenya", "Mexico", "Norway", "Poland", "Spain", "Turkey"];
    private static readonly string[] s_organizations = ["Regional Security Forum", "Trade Council", "Energy Agency", "Maritime Commission", "Water Authority", "Climate Secretariat"];
    private static readonly string[] s_topics = ["trade", "energy", "security-guarantees", "sanctions", "cybersecurity", "climate", "migration", "arms-control", "nato-expansion", "ukraine", "water", "fisheries", "grain", "nuclear", "sovereignty", "elections", "humanitarian-aid", "border", "shipping", "health"];
    private static readonly (string Kind, int Weight)[] s_kinds = [("call", 20), ("talks", 15), ("meeting", 20), ("summit", 5), ("statement", 25), ("briefing", 10), ("report", 5)];
    private static readonly (string Status, int Weight)[] s_statuses = [("held", 70), ("scheduled", 15), ("proposed", 8), ("postponed", 4), ("cancelled", 3)];
    private static readonly string[] s_phrases = ["we remain ready for dialogue", "the talks were constructive", "no agreement was reached", "both sides will meet again", "the proposal deserves a careful answer", "sanctions would be a mistake", "trade must keep flowing", "security guarantees must be mutual"];

    public static async Task<(int Events, int Sources, int Statements)> WriteAsync(TextWriter output, int eventCount, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var people = Enumerable.Range(0, 400).Select(i => Participant($"{s_first[i % s_first.Length]} {s_last[i / s_first.Length % s_last.Length]} {i / (s_first.Length * s_last.Length) + 1}", "person")).ToArray();
        var countries = s_countries.Select(c => Participant(c, "country")).ToArray();
        var organizations = s_organizations.Select(o => Participant(o, "organization")).ToArray();
        var epoch = new DateOnly(2000, 1, 1);
        int sources = 0, statements = 0;
        var json = JsonSerializerOptions.Web;

        for (var block = 0; block * BlockSize < eventCount; block++)
        {
            ct.ThrowIfCancellationRequested();
            var blockDay = epoch.AddDays(block * 9 % 9496 + random.Next(3));
            var sourceId = $"syn-source-{block:D6}";
            var speakers = Enumerable.Range(0, 4).Select(_ => people[random.Next(people.Length)]).ToArray();
            var quotes = speakers.Select(_ => Capitalize(s_phrases[random.Next(s_phrases.Length)]) + ",").ToArray();
            var text = new StringBuilder($"Report {block}. ");
            var spans = new List<(int Start, int End)>();
            for (var q = 0; q < quotes.Length; q++)
            {
                text.Append('"');
                spans.Add((text.Length, text.Length + quotes[q].Length));
                text.Append(quotes[q]).Append("\" ").Append(speakers[q].Name).Append(" said. ");
            }

            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                id = sourceId,
                title = $"Synthetic report {block}",
                publisher = "Synthetic Wire",
                author = (string?)null,
                dateline = (string?)null,
                publishedAt = Day(blockDay.AddDays(1)),
                publishedAtText = (string?)null,
                publishedAtInferred = false,
                publishedAtNote = (string?)null,
                updatedAtText = (string?)null,
                fileName = $"{sourceId}.txt",
                text = text.ToString(),
            }, json));
            sources++;

            var firstEvent = block * BlockSize;
            var lastEvent = Math.Min(eventCount, firstEvent + BlockSize);
            for (var n = firstEvent; n < lastEvent; n++)
            {
                var kind = Pick(random, s_kinds);
                var start = blockDay.AddDays(random.Next(7));
                var multiDay = kind is "talks" or "summit" && random.Next(10) < 4;
                var parties = new[] { people[random.Next(people.Length)], countries[random.Next(countries.Length)] }
                    .Concat(random.Next(3) == 0 ? [organizations[random.Next(organizations.Length)]] : [])
                    .DistinctBy(p => p.Id).ToArray();
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    id = $"syn-event-{n:D7}",
                    title = $"{Capitalize(kind)} of {parties[0].Name} with {parties[1].Name}",
                    kind,
                    format = kind switch { "call" => random.Next(2) == 0 ? "phone" : "video", "talks" or "summit" or "meeting" => "in-person", _ => (string?)null },
                    status = start > new DateOnly(2025, 6, 1) ? "scheduled" : Pick(random, s_statuses),
                    start = Day(start),
                    end = multiDay ? Day(start.AddDays(1 + random.Next(3))) : null,
                    datePrecision = "day",
                    dateInferred = false,
                    dateNote = (string?)null,
                    durationMinutes = kind == "call" ? 20 + random.Next(100) : (int?)null,
                    location = kind is "talks" or "summit" or "meeting" ? s_countries[random.Next(s_countries.Length)] : null,
                    summary = $"Synthetic {kind} number {n} about {s_topics[n % s_topics.Length]}.",
                    participants = parties.Select(p => new { p.Id, p.Name, p.Kind, roles = new[] { new { role = "participant", source = (string?)null } } }),
                    topics = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => s_topics[random.Next(s_topics.Length)]).Distinct(),
                    sources = new[] { sourceId },
                }, json));
            }

            for (var q = 0; q < quotes.Length; q++)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    id = $"syn-statement-{block:D6}-{q}",
                    speaker = new { speakers[q].Id, speakers[q].Name },
                    text = quotes[q],
                    date = Day(blockDay),
                    dateInferred = false,
                    @event = $"syn-event-{firstEvent + q % (lastEvent - firstEvent):D7}",
                    source = sourceId,
                    span = new { start = spans[q].Start, end = spans[q].End },
                    attribution = $"{speakers[q].Name} said",
                }, json));
                statements++;
            }
        }

        return (eventCount, sources, statements);
    }

    private static (string Id, string Name, string Kind) Participant(string name, string kind)
        => ("syn-" + Editing.EditContext.Slug(name), name, kind);

    private static string Pick(Random random, (string Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if ((roll -= weight) < 0)
            {
                return value;
            }
        }

        return choices[^1].Value;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
