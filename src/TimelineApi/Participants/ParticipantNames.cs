using System.Text.Json;
using Dapper;
using TimelineApi.Common;
using TimelineApi.Data;

namespace TimelineApi.Participants;

/// <summary>
/// Finds participants by any name they are known by (id, name, alias, a person's family name), and, for a name that
/// finds nobody, the participants whose names are closest to it. Every read that takes a participant goes through it
/// (<see cref="UseKnownParticipants"/>), so a list never answers "nothing" for a name it does not know.
/// </summary>
public sealed class ParticipantNames(DbSession session)
{
    /// <summary>How many close names a refusal offers.</summary>
    public const int Offered = 3;

    private const string SelectIds = "SELECT participant_id FROM participant_lookup WHERE key = @key ORDER BY participant_id;";

    /// <summary>The ids of the participants known by <paramref name="name"/>, in id order.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(string name, CancellationToken ct)
    {
        await using var connection = await session.OpenAsync(ct);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(SelectIds, new { key = TextKey.Normalize(name) }, cancellationToken: ct))];
    }

    /// <summary>
    /// The participants whose names are closest to <paramref name="name"/> (by edit distance between the normalised
    /// forms, over the names sharing a word's first three letters with it), closest first.
    /// </summary>
    public async Task<IReadOnlyList<ParticipantName>> ClosestAsync(string name, CancellationToken ct)
    {
        var key = TextKey.Normalize(name);
        var stems = key.Split(' ').Where(w => w.Length >= 3).Select(w => w[..3]).Distinct(StringComparer.Ordinal).Take(8).ToArray();
        if (stems.Length == 0)
        {
            return [];
        }

        var dialect = session.Dialect;
        var contains = dialect.IsPostgres ? "strpos(l.key, s.value) > 0" : "instr(l.key, s.value) > 0";
        var sql = $"""
            SELECT DISTINCT l.key, p.id, p.name FROM participant_lookup l JOIN participants p ON p.id = l.participant_id
            WHERE EXISTS (SELECT 1 FROM {dialect.Values("@stems")} s WHERE {contains})
            LIMIT 5000;
            """;
        await using var connection = await session.OpenAsync(ct);
        var candidates = await connection.QueryAsync<(string Key, string Id, string Name)>(new CommandDefinition(sql, new { stems = JsonSerializer.Serialize(stems) }, cancellationToken: ct));
        return [.. candidates
            .Select(c => (c.Id, c.Name, Distance: Math.Min(Distance(key, c.Key), key.Split(' ').Min(w => Distance(w, c.Key)) + 1)))
            .Where(c => c.Distance <= Math.Max(2, key.Length / 3))
            .GroupBy(c => c.Id, StringComparer.Ordinal)
            .Select(g => g.MinBy(c => c.Distance))
            .OrderBy(c => c.Distance).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(Offered)
            .Select(c => new ParticipantName(c.Id, c.Name))];
    }

    /// <summary>Levenshtein distance, in one row of memory.</summary>
    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    /// <summary>
    /// Before a read runs: a <c>participant</c> query parameter (on the routes that take one) must name somebody, else
    /// 400 offering the closest names; a participant's path (<c>/v1/participants/{id}…</c>) takes any of its names, as the
    /// lists do, and a name that finds nobody answers 404 offering the closest.
    /// </summary>
    public static IApplicationBuilder UseKnownParticipants(IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method) || http.GetEndpoint() is not { } endpoint)
        {
            await next(http);
            return;
        }

        var names = http.RequestServices.GetRequiredService<ParticipantNames>();
        var parameter = CommonParameters.Participant.Name;
        if (endpoint.Metadata.GetMetadata<QueryParametersMetadata>()?.Parameters.Any(p => p.Name == parameter) == true
            && request.Query.TryGetValue(parameter, out var given) && given.Count == 1 && given[0] is { } name && TextKey.Normalize(name).Length > 0
            && (await names.FindAsync(name, http.RequestAborted)).Count == 0)
        {
            await UnknownAsync(http, names, name, StatusCodes.Status400BadRequest,
                $"No participant is known as '{name}' (by id, name, alias or family name).", parameter);
            return;
        }

        if ((endpoint as RouteEndpoint)?.RoutePattern.RawText?.StartsWith("/v1/participants/{id}", StringComparison.Ordinal) == true
            && request.RouteValues["id"] is string id)
        {
            var found = await names.FindAsync(id, http.RequestAborted);
            if (found.Count == 0)
            {
                await UnknownAsync(http, names, id, StatusCodes.Status404NotFound, $"There is no participant with id, name or alias '{id}'.", null);
                return;
            }

            // The id itself, else the one participant the name finds; a name several share is left to the route (it finds no such id).
            request.RouteValues["id"] = found.Contains(id) ? id : found.Count == 1 ? found[0] : id;
        }

        await next(http);
    });

    private static async Task UnknownAsync(HttpContext http, ParticipantNames names, string name, int status, string detail, string? parameter)
    {
        var closest = await names.ClosestAsync(name, http.RequestAborted);
        var offer = closest.Count == 0
            ? " No participant has a name close to it: /v1/participants?name= finds them by part of a name."
            : $" Did you mean {string.Join(" or ", closest.Select(c => $"{c.Id} ({c.Name})"))}?";
        var problem = parameter is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = "Not Found", Detail = detail + offer }
            : new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(new Dictionary<string, string[]> { [parameter] = [detail + offer] })
            {
                Status = status,
                Title = "One or more query parameters are invalid.",
                Detail = "See `errors`: each key names a parameter and says what is wrong with it.",
            };
        problem.Extensions["suggestions"] = closest.ToArray();
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}

/// <summary>A participant offered for a name that found nobody.</summary>
public sealed record ParticipantName(string Id, string Name);
