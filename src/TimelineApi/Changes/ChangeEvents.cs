using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using TimelineApi.Common;
using TimelineApi.Data;
using TimelineApi.Http;

namespace TimelineApi.Changes;

/// <summary>
/// The change feed as Server-Sent Events: each change (the same record <c>/v1/changes</c> lists) as one event whose
/// id is its sequence number, so a client that reconnects with <c>Last-Event-ID</c> resumes exactly after the last
/// change it received. The stream reads new changes only when <see cref="ChangeSignal"/> (one poller and, on
/// PostgreSQL, one listener for the whole process) says the data moved, and sends a comment as a heartbeat when it
/// has had nothing to say for a while, so proxies keep it open. Streams are counted (<see cref="RequestBudgets.OpenStream"/>)
/// and a replay from far back is refused as an export too large is.
/// </summary>
public static class ChangeEvents
{
    public const string Path = "/v1/changes/stream";
    private const int Batch = 500;

    private static readonly QueryParameter s_since = new(
        "since", "Start after this sequence number (0: from the first change). Left out: only changes made from now on. A reconnecting client's `Last-Event-ID` header takes its place.",
        "61", QueryParameterType.WholeNumber, Minimum: 0, Maximum: long.MaxValue);

    private static readonly QueryParameter[] s_parameters = [s_since, ChangesEndpoints.ResourceParameter];

    /// <summary>Whether a request is for the stream, which lives long: no read snapshot, no ETag, no cache.</summary>
    public static bool IsStream(HttpRequest request) => request.Path.StartsWithSegments(Path);

    public static RouteHandlerBuilder MapChangeStream(this IEndpointRouteBuilder routes)
        => routes.MapGet(Path, StreamAsync)
            .WithTags("Changes")
            .WithName("StreamChanges")
            .WithSummary("The change feed, live, as Server-Sent Events")
            .WithDescription("""
                Every write as it lands, as a `text/event-stream`: each change is an event named `change` whose `id` is its
                sequence number and whose `data` is the change as `/v1/changes` lists it. A client that loses the connection
                reconnects with `Last-Event-ID` (browsers' `EventSource` does so by itself) and resumes right after the last
                change it received; `since` starts elsewhere. Changes show within a second of their commit; a comment line
                (`: heartbeat`) goes out when nothing else has for `Http:StreamHeartbeatSeconds` (15). The stream never ends
                on its own, so it is sent only to a request that accepts `text/event-stream` (406 otherwise). A client holds at
                most `Limits:StreamsPerClient` streams (429 beyond) and the server `Limits:MaxStreams` (503 beyond). A start
                more than `Limits:MaxExportItems` changes back is refused (422): read those with `/v1/changes`, then stream
                from the last one's `seq`.
                """)
            .WithQueryParameters(s_parameters)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status406NotAcceptable)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> StreamAsync(
        HttpContext http, Database db, ChangeSignal signal, RequestBudgets budgets, IOptions<RequestLimitsOptions> limits, IConfiguration configuration)
    {
        // A stream never ends: only a client that asks for one gets it (EventSource always does).
        if (!http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status406NotAcceptable, title: "Not Acceptable",
                detail: "This is a stream of Server-Sent Events that never ends: send 'Accept: text/event-stream' (EventSource does), or read the feed page by page at /v1/changes.");
        }

        var query = new QueryReader(http.Request, s_parameters);
        long? after = null;
        if (query.ExactText(s_since) is { } since)
        {
            after = long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
                : Invalid(query, s_since.Name, $"'{since}' is not a sequence number: use a whole number, 0 or more.");
        }

        if (http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastEventId)
        {
            after = long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
                : Invalid(query, "Last-Event-ID", $"'{lastEventId}' is not the id of an event of this stream (a sequence number).");
        }

        var resources = query.List(ChangesEndpoints.ResourceParameter);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        var (place, refused) = budgets.OpenStream(http);
        if (refused is not null)
        {
            return refused;
        }

        using var held = place;
        // The stream ends when its client leaves, or when this process is stopping (then with a hint to reconnect).
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var ct = ends.Token;
        await using (var connection = await db.OpenAsync(ct))
        {
            if (after is { } start)
            {
                // A replay is bounded as an export is: the changes to send first, counted up to one past the limit.
                var most = limits.Value.MaxExportItems;
                var behind = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM changes WHERE seq > @start LIMIT @take) AS behind;", new { start, take = most + 1 }, cancellationToken: ct));
                if (behind > most)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Too many changes to replay",
                        detail: $"More than {most} changes follow {start} (Limits:MaxExportItems): read them from /v1/changes?since={start}, then stream from the last one's seq.");
                }
            }
            else
            {
                after = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COALESCE(MAX(seq), 0) FROM changes;", cancellationToken: ct));
            }
        }

        var heartbeat = TimeSpan.FromSeconds(configuration.GetValue("Http:StreamHeartbeatSeconds", 15.0));
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        using var open = signal.Open();
        try
        {
            await WriteAsync(response, $"retry: 1000\n\n", ct);
            var quietSince = DateTime.UtcNow;
            while (!ct.IsCancellationRequested)
            {
                var moved = signal.Next; // taken before reading, so a change committed meanwhile wakes the wait below
                var (sent, last) = await SendNewAsync(db, response, after.Value, resources, ct);
                after = last;
                if (sent > 0)
                {
                    quietSince = DateTime.UtcNow;
                }

                if (DateTime.UtcNow - quietSince >= heartbeat)
                {
                    await WriteAsync(response, ": heartbeat\n\n", ct);
                    quietSince = DateTime.UtcNow;
                }

                await ChangeSignal.WaitAsync(moved, TimeSpan.FromMilliseconds(Math.Max(10, (heartbeat - (DateTime.UtcNow - quietSince)).TotalMilliseconds)), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away, or this process is stopping.
        }

        if (stopping.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            // EventSource reconnects after the retry time, sending the last id it had: a balancer gives it another replica.
            try
            {
                await WriteAsync(response, ": this server is stopping: reconnect\nretry: 1000\n\n", http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client left first.
            }
        }

        return Results.Empty;
    }

    /// <summary>Sends the changes after <paramref name="after"/>; returns how many, and the sequence number to go on after.</summary>
    private static async Task<(int Sent, long After)> SendNewAsync(
        Database db, HttpResponse response, long after, IReadOnlyList<string> resources, CancellationToken ct)
    {
        var sent = 0;
        await using var connection = await db.OpenAsync(ct);
        while (true)
        {
            var rows = (await connection.QueryAsync<ChangesEndpoints.ChangeRow>(new CommandDefinition(ChangesEndpoints.SelectChanges.For(connection),
                new { after, sinceTime = (string?)null, all = resources.Count == 0, resources = resources.ToArray(), take = Batch }, cancellationToken: ct))).AsList();
            var text = new StringBuilder();
            foreach (var row in rows)
            {
                text.Append(CultureInfo.InvariantCulture, $"id: {row.Seq}\nevent: change\ndata: ")
                    .Append(JsonSerializer.Serialize(row.ToResponse(), ApiJsonContext.Answers))
                    .Append("\n\n");
                after = row.Seq;
            }

            if (rows.Count > 0)
            {
                await WriteAsync(response, text.ToString(), ct);
                sent += rows.Count;
            }

            if (rows.Count < Batch)
            {
                return (sent, after);
            }
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.WriteAsync(text, ct);
        await response.Body.FlushAsync(ct);
    }

    private static long? Invalid(QueryReader query, string name, string message)
    {
        query.AddError(name, message);
        return null;
    }
}
