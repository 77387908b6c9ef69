using System.Globalization;

namespace TimelineApi.Import;

/// <summary><c>import FILE</c> and <c>generate --events N --out FILE [--seed S]</c> on the program's command line.</summary>
public static class ImportCommands
{
    public const string Usage = """
        Usage:
          import FILE.ndjson                               load events, sources and statements, one JSON per line
          generate --events N --out FILE.ndjson [--seed S] write a deterministic synthetic data set
        """;

    public static async Task<int> ImportAsync(Importer importer, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (args.Length != 1 || !File.Exists(args[0]))
        {
            await error.WriteLineAsync(args.Length == 1 ? $"There is no file '{args[0]}'." : Usage);
            return 2;
        }

        using var reader = new StreamReader(args[0]);
        var summary = await importer.ImportAsync(reader, "import", p =>
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Lines,10:N0} lines read, {p.Imported,10:N0} records imported, {p.Errors} refused, {p.Seconds:F1} s")), ct);
        foreach (var e in summary.Errors)
        {
            await error.WriteLineAsync($"line {e.Line}: {e.Error}");
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Imported {summary.Events:N0} events, {summary.Sources:N0} sources, {summary.Statements:N0} statements ({summary.ParticipantsCreated:N0} new participants) from {summary.Lines:N0} lines in {summary.Seconds:F1} s ({summary.Imported / Math.Max(summary.Seconds, 0.001):N0} records/s); {summary.Errors.Count} lines refused."));
        return summary.Errors.Count == 0 ? 0 : 1;
    }

    public static async Task<int> GenerateAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var events = Option(args, "--events");
        var path = Option(args, "--out");
        var seed = Option(args, "--seed") ?? "42";
        if (events is null || path is null || !int.TryParse(events, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1
            || !int.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out var seedValue))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        await using var writer = new StreamWriter(path);
        var (written, sources, statements) = await SyntheticData.WriteAsync(writer, count, seedValue, ct);
        await output.WriteLineAsync($"Wrote {written} events, {sources} sources and {statements} statements to {path}.");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
