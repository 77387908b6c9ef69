using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TimelineApi.Seed;

namespace TimelineApi.Extraction;

/// <summary>
/// <c>extract --evaluate [--corpus DIR]... [--details]</c>: scores the extractor on the seed's reports and on annotated corpora;
/// <c>extract --bench [--seconds N] [--corpus DIR]...</c>: documents per second over the seed's reports (and the corpora's);
/// <c>extract FILE [--published DATE] [--title TEXT]</c>: prints what the extractor proposes for a report.
/// </summary>
public static class ExtractCommands
{
    private static readonly JsonSerializerOptions Pretty = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var seed = SeedSet.LoadEmbedded();
        switch (args)
        {
            case ["--evaluate", .. var rest]:
                return await EvaluateAsync(seed, rest, output, error);
            case ["--bench", .. var rest]:
                var seconds = Option(rest, "--seconds") is { } s && int.TryParse(s, CultureInfo.InvariantCulture, out var n) ? n : 5;
                var (toRead, unreadable) = ReadCorpora(rest);
                if (toRead is null)
                {
                    await error.WriteLineAsync(unreadable);
                    return 2;
                }

                var reports = toRead.SelectMany(c => c.Reports).Select(r => new DocumentInput(r.Text, null, r.Gold.Publisher, r.Gold.PublishedAt));
                await output.WriteLineAsync(Bench(seed, reports, TimeSpan.FromSeconds(seconds)));
                return 0;
            case [var given, .. var rest] when !given.StartsWith("--", StringComparison.Ordinal):
                var file = Locate(given);
                if (!File.Exists(file))
                {
                    await error.WriteLineAsync($"No such file: {file}");
                    return 2;
                }

                var published = Option(rest, "--published");
                var title = Option(rest, "--title");
                var extractor = new Extractor(SeedEvaluation.KnownBefore(seed, sourceId: null));
                var result = extractor.Extract(new DocumentInput(await File.ReadAllTextAsync(file, ct), title, null, published), ct);
                await output.WriteLineAsync(JsonSerializer.Serialize(result, Pretty));
                return 0;
            default:
                await error.WriteLineAsync("usage: extract --evaluate [--corpus DIR]... [--details] | extract --bench [--seconds N] [--corpus DIR]... | extract FILE [--published YYYY-MM-DD] [--title TEXT]");
                return 2;
        }
    }

    /// <summary>The seed's scores, then each <c>--corpus DIR</c>'s.</summary>
    private static async Task<int> EvaluateAsync(SeedSet seed, string[] args, TextWriter output, TextWriter error)
    {
        var (corpora, problem) = ReadCorpora(args);
        if (corpora is null)
        {
            await error.WriteLineAsync(problem);
            return 2;
        }

        var details = args.Contains("--details");
        await output.WriteLineAsync("corpus seed (the seed's reports against the curated seed)\n");
        await output.WriteAsync(SeedEvaluation.Run(seed).ToMarkdown(details));
        var known = SeedEvaluation.KnownBefore(seed, sourceId: null);
        foreach (var (name, reports) in corpora)
        {
            await output.WriteLineAsync();
            await output.WriteAsync(CorpusEvaluation.Run(name, reports, known).ToMarkdown(details));
        }

        return 0;
    }

    /// <summary>The annotated corpora the arguments name with <c>--corpus DIR</c>, or why one cannot be read.</summary>
    private static (List<(string Name, List<CorpusReport> Reports)>? Corpora, string? Error) ReadCorpora(string[] args)
    {
        var corpora = new List<(string, List<CorpusReport>)>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] != "--corpus")
            {
                continue;
            }

            if (++i >= args.Length)
            {
                return (null, "--corpus needs a directory");
            }

            try
            {
                corpora.Add((args[i], Corpus.Load(Locate(args[i]))));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or JsonException)
            {
                return (null, e.Message);
            }
        }

        return (corpora, null);
    }

    /// <summary>Reads the reports over and over for <paramref name="duration"/> after a warm-up of a second, five rounds; the median rate in documents per second.</summary>
    private static string Bench(SeedSet seed, IEnumerable<DocumentInput> more, TimeSpan duration)
    {
        var extractor = new Extractor(SeedEvaluation.KnownBefore(seed, sourceId: null));
        var inputs = seed.Sources.Select(s => new DocumentInput(s.Text, s.Title, s.Publisher, s.PublishedAt)).Concat(more).ToList();
        for (var warm = Stopwatch.StartNew(); warm.Elapsed < TimeSpan.FromSeconds(1);)
        {
            foreach (var input in inputs)
            {
                extractor.Extract(input);
            }
        }

        var rates = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            var documents = 0;
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < duration / 5)
            {
                extractor.Extract(inputs[documents++ % inputs.Count]);
            }

            rates.Add(documents / clock.Elapsed.TotalSeconds);
        }

        rates.Sort();
        var characters = inputs.Average(i => i.Text.Length);
        return string.Create(CultureInfo.InvariantCulture,
            $"extractor: median {rates[2]:0} documents/s over 5 rounds (min {rates[0]:0}, max {rates[4]:0}); {inputs.Count} documents averaging {characters:0} characters; one thread, {Environment.ProcessorCount} cores");
    }

    /// <summary>
    /// A relative path as the caller meant it: <c>dotnet run --project</c> starts the program in the
    /// project's folder, so a path that is not there is looked for from each folder above it.
    /// </summary>
    private static string Locate(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        for (var folder = Directory.GetParent(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, path);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return path;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
