using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TimelineApi.Seed;

namespace TimelineApi.Extraction;

/// <summary>
/// <c>extract --evaluate [--details]</c>: scores the extractor on the seed's reports;
/// <c>extract --bench [--seconds N]</c>: documents per second over the seed's reports;
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
                await output.WriteAsync(SeedEvaluation.Run(seed).ToMarkdown(details: rest.Contains("--details")));
                return 0;
            case ["--bench", .. var rest]:
                var seconds = rest is ["--seconds", var s] && int.TryParse(s, CultureInfo.InvariantCulture, out var n) ? n : 5;
                await output.WriteLineAsync(Bench(seed, TimeSpan.FromSeconds(seconds)));
                return 0;
            case [var file, .. var rest] when !file.StartsWith("--", StringComparison.Ordinal):
                if (!File.Exists(file))
                {
                    await error.WriteLineAsync($"No such file: {file}");
                    return 2;
                }

                var published = Option(rest, "--published");
                var title = Option(rest, "--title");
                var extractor = new Extractor(SeedEvaluation.KnownBefore(seed, sourceId: null));
                var result = extractor.Extract(new DocumentInput(await File.ReadAllTextAsync(file, ct), title, null, published));
                await output.WriteLineAsync(JsonSerializer.Serialize(result, Pretty));
                return 0;
            default:
                await error.WriteLineAsync("usage: extract --evaluate [--details] | extract --bench [--seconds N] | extract FILE [--published YYYY-MM-DD] [--title TEXT]");
                return 2;
        }
    }

    /// <summary>Reads the seed's reports over and over for <paramref name="duration"/>, five rounds; the median rate in documents per second.</summary>
    private static string Bench(SeedSet seed, TimeSpan duration)
    {
        var extractor = new Extractor(SeedEvaluation.KnownBefore(seed, sourceId: null));
        var inputs = seed.Sources.Select(s => new DocumentInput(s.Text, s.Title, s.Publisher, s.PublishedAt)).ToList();
        foreach (var input in inputs)
        {
            extractor.Extract(input);
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
            $"extractor: median {rates[2]:0} documents/s over 5 rounds (min {rates[0]:0}, max {rates[4]:0}); documents average {characters:0} characters; {Environment.ProcessorCount} cores");
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
