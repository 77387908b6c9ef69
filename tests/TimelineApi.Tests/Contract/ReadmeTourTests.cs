using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

/// <summary>
/// The README's curl lines, run against a fresh seeded app, each checked against what the README says it
/// shows: the status its comment names (2xx otherwise), a JSON object after <c>-></c>, the ids after <c>-></c>,
/// and quoted or bracketed text. So the tour cannot drift from the API.
/// </summary>
public sealed partial class ReadmeTourTests : WriterTestBase
{
    private sealed record TourLine(int Number, string Command, string Comment);

    [Fact]
    public async Task EveryCurlLineOfTheReadme_AnswersWhatTheReadmeSays()
    {
        var lines = TourLines(await File.ReadAllTextAsync(RepositoryFiles.PathOf("README.md"))).ToList();
        Assert.True(lines.Count >= 50, $"Only {lines.Count} curl lines found in the README.");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["K"] = $"Authorization: Bearer {Key}" };
        var failures = new List<string>();
        foreach (var line in lines)
        {
            var failure = await RunAsync(line, variables);
            if (failure is not null)
            {
                failures.Add($"README line {line.Number}: {line.Command}\n  {failure}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>What a stream sends within <paramref name="time"/>, as curl --max-time keeps it.</summary>
    private static async Task<string> ReadForAsync(HttpResponseMessage response, TimeSpan time)
    {
        using var timeout = new CancellationTokenSource(time);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var read = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int count;
            while ((count = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                read.Write(buffer, 0, count);
            }
        }
        catch (OperationCanceledException)
        {
            // The time is up: keep what came.
        }

        return Encoding.UTF8.GetString(read.ToArray());
    }

    /// <summary>The curl commands of the README's bash blocks (continued lines joined), each with the comments that describe it.</summary>
    private static IEnumerable<TourLine> TourLines(string readme)
    {
        var inBash = false;
        var comments = new List<string>();
        var pending = new StringBuilder();
        var start = 0;
        var number = 0;
        foreach (var raw in readme.Split('\n'))
        {
            number++;
            var text = raw.TrimEnd();
            if (text.StartsWith("```", StringComparison.Ordinal))
            {
                inBash = !inBash && text == "```bash";
                comments.Clear();
                continue;
            }

            if (!inBash)
            {
                continue;
            }

            // A comment line before a command says what the command shows only after "->"; the rest introduces a group.
            if (pending.Length == 0 && text.StartsWith('#'))
            {
                if (text.IndexOf("->", StringComparison.Ordinal) is var arrow and >= 0)
                {
                    comments.Add("#" + text[arrow..]);
                }

                continue;
            }

            if (pending.Length == 0)
            {
                start = number;
            }

            pending.Append(text.TrimEnd('\\')).Append(' ');
            if (text.EndsWith('\\'))
            {
                continue;
            }

            var command = pending.ToString().Trim();
            pending.Clear();
            if (command.Contains("curl ", StringComparison.Ordinal))
            {
                var trailing = SplitComment(command);
                yield return new TourLine(start, trailing.Command, string.Join(' ', comments.Append(trailing.Comment)));
            }

            comments.Clear();
        }
    }

    private static (string Command, string Comment) SplitComment(string command)
    {
        var quote = '\0';
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && i > 0 && command[i - 1] == ' ')
            {
                return (command[..i].Trim(), command[i..]);
            }
        }

        return (command, string.Empty);
    }

    private async Task<string?> RunAsync(TourLine line, Dictionary<string, string> variables)
    {
        var command = line.Command;
        string? assignTo = null;
        if (AssignmentRegex().Match(command) is { Success: true } assignment)
        {
            assignTo = assignment.Groups["name"].Value;
            command = assignment.Groups["command"].Value;
        }

        var pipe = command.Split(" | ", 2);
        command = pipe[0];
        var words = Words(command).Select(w => VariableRegex().Replace(w, m => m.Groups[1].Value == "B" ? string.Empty : variables.GetValueOrDefault(m.Groups[1].Value, m.Value))).ToList();
        Assert.DoesNotContain(words, w => w.Contains('$', StringComparison.Ordinal));
        var request = new HttpRequestMessage(HttpMethod.Get, words.First(w => w.StartsWith("/v1", StringComparison.Ordinal) || w.StartsWith("/health", StringComparison.Ordinal)));
        string? body = null;
        string? contentType = null;
        double? maxTime = null;
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-X":
                    request.Method = new HttpMethod(words[++i]);
                    break;
                case "-H":
                    var header = words[++i].Split(':', 2);
                    if (header[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    {
                        contentType = header[1].Trim();
                    }
                    else
                    {
                        request.Headers.TryAddWithoutValidation(header[0], header[1].Trim());
                    }

                    break;
                case "-d" or "--data-binary":
                    // `@report.txt`: the report the README's reader has at hand; the test brings one written for it.
                    body = words[++i] == "@report.txt"
                        ? await File.ReadAllTextAsync(RepositoryFiles.PathOf("tests", "TimelineApi.Tests", "Contract", "readme-report.txt"))
                        : words[i];
                    break;
                case "-o":
                    i++;
                    break;
                case "--max-time":
                    maxTime = double.Parse(words[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        if (request.Headers.TryGetValues("If-None-Match", out var match) && match.Single().Contains("<the etag>", StringComparison.Ordinal))
        {
            request.Headers.Remove("If-None-Match");
            request.Headers.TryAddWithoutValidation("If-None-Match", (await Client.GetAsync(request.RequestUri)).Headers.ETag!.Tag);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/x-www-form-urlencoded");
        }

        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var answer = maxTime is null ? await response.Content.ReadAsStringAsync() : await ReadForAsync(response, TimeSpan.FromSeconds(maxTime.Value));
        if (assignTo is not null)
        {
            // `| jq -r '.items[0].id'` takes the first item's id; `| grep -i '^etag' ...` the ETag.
            variables[assignTo] = pipe.Length > 1 && pipe[1].StartsWith("jq -r '.items[0].id'", StringComparison.Ordinal)
                ? JsonDocument.Parse(answer).RootElement.GetProperty("items")[0].GetProperty("id").GetString()!
                : response.Headers.ETag?.Tag ?? string.Empty;
        }

        var status = (int)response.StatusCode;
        var expected = StatusRegex().Match(line.Comment) is { Success: true } m ? int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        if (expected is null ? status is < 200 or >= 300 : status != expected)
        {
            return $"answered {status}, the README says {expected?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "2xx"}: {answer[..Math.Min(answer.Length, 300)]}";
        }

        return CheckClaims(line.Comment, answer);
    }

    /// <summary>What the comment says the answer shows, checked: a JSON object, ids, quoted and bracketed text.</summary>
    private static string? CheckClaims(string comment, string answer)
    {
        var strings = AllStrings(answer);
        var arrow = comment.IndexOf("->", StringComparison.Ordinal);
        if (arrow >= 0)
        {
            var claim = comment[(arrow + 2)..].Trim();
            if (claim.StartsWith('{'))
            {
                var json = claim[..(claim.LastIndexOf('}') + 1)];
                using var expected = JsonDocument.Parse(json);
                using var actual = JsonDocument.Parse(answer);
                foreach (var property in expected.RootElement.EnumerateObject())
                {
                    if (!actual.RootElement.TryGetProperty(property.Name, out var value) || value.GetRawText() != property.Value.GetRawText())
                    {
                        return $"the README shows {property.Name} = {property.Value.GetRawText()}, the API answers {(actual.RootElement.TryGetProperty(property.Name, out var v) ? v.GetRawText() : "nothing")}";
                    }
                }
            }

            foreach (Match id in SlugRegex().Matches(claim))
            {
                if (!strings.Contains(id.Value))
                {
                    return $"the README says the answer holds '{id.Value}'; it does not";
                }
            }

            foreach (Match counted in CountRegex().Matches(claim))
            {
                if (!Regex.IsMatch(answer, $"\"id\":\"{Regex.Escape(counted.Groups["id"].Value)}\"[^{{}}]*\"count\":{counted.Groups["n"].Value}[,}}]"))
                {
                    return $"the README says {counted.Groups["id"].Value} counts {counted.Groups["n"].Value}; the API answers otherwise";
                }
            }
        }

        foreach (Match quoted in QuotedRegex().Matches(comment))
        {
            var text = quoted.Groups[1].Value.Trim('.', '…');
            if (text.Length > 0 && !strings.Any(s => s.Contains(text, StringComparison.Ordinal)) && !answer.Contains(text, StringComparison.Ordinal))
            {
                return $"the README quotes \"{text}\"; the answer does not hold it";
            }
        }

        foreach (Match span in SpanRegex().Matches(comment))
        {
            if (!answer.Contains(span.Value, StringComparison.Ordinal))
            {
                return $"the README says the answer holds {span.Value}; it does not";
            }
        }

        return null;
    }

    private static HashSet<string> AllStrings(string answer)
    {
        var strings = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(answer);
            Collect(document.RootElement);
        }
        catch (JsonException)
        {
            strings.Add(answer);
        }

        return strings;

        void Collect(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    strings.Add(element.GetString()!);
                    break;
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Collect(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item);
                    }

                    break;
            }
        }
    }

    /// <summary>Splits a shell command into words, honouring single and double quotes.</summary>
    private static IEnumerable<string> Words(string command)
    {
        var word = new StringBuilder();
        var quote = '\0';
        var any = false;
        foreach (var c in command)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                any = true;
            }
            else if (c == ' ')
            {
                if (word.Length > 0 || any)
                {
                    yield return word.ToString();
                }

                word.Clear();
                any = false;
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0 || any)
        {
            yield return word.ToString();
        }
    }

    [GeneratedRegex(@"^(?<name>[A-Z])=\$\((?<command>.*)\)$")]
    private static partial Regex AssignmentRegex();

    [GeneratedRegex(@"\$\{?([A-Z])\}?")]
    private static partial Regex VariableRegex();

    [GeneratedRegex(@"(?<![\d\[,])\b(2\d\d|3\d\d|4\d\d)\b(?![\d)\]])")]
    private static partial Regex StatusRegex();

    [GeneratedRegex(@"\b(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+\b")]
    private static partial Regex SlugRegex();

    [GeneratedRegex(@"(?<id>[a-z0-9]+(?:-[a-z0-9]+)+) \((?<n>\d+)")]
    private static partial Regex CountRegex();

    [GeneratedRegex("\"([^\"]{3,})\"")]
    private static partial Regex QuotedRegex();

    [GeneratedRegex(@"\[\d+, \d+\)")]
    private static partial Regex SpanRegex();
}
