using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace TimelineApi.Http;

/// <summary>
/// What one request may cost. Every read runs in a read snapshot bounded in time (<c>Limits:ReadMilliseconds</c>) and
/// stopped when its client leaves. A full-text search (any read with <c>q</c>, and <c>/v1/search</c>), whose cost grows
/// with what it is asked, is bounded more: its own time (<c>Limits:SearchMilliseconds</c>), its own count per client
/// (<c>Limits:SearchesPerMinute</c>), and, with the readings of reports, a few at once in the process
/// (<c>Limits:ConcurrentCostly</c>, the rest waiting in a queue of <c>Limits:CostlyQueue</c>), so costly work can never
/// take every core from the other requests. Readings of reports, which compute for seconds, run on threads of their own. Writes of sources
/// take the same turns (<see cref="RunCostlyAsync"/>), and change streams are counted (<see cref="OpenStream"/>).
/// </summary>
public sealed class RequestBudgets : IDisposable
{
    private readonly RequestLimitsOptions _limits;
    private readonly ConcurrencyLimiter _costly;
    private readonly IClientWindows _windows;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _streamsPerClient = new(StringComparer.Ordinal);
    private int _streams;

    public RequestBudgets(IOptions<RequestLimitsOptions> limits, IClientWindows windows)
    {
        _windows = windows;
        _limits = limits.Value;
        _costly = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _limits.ConcurrentCostly,
            QueueLimit = _limits.CostlyQueue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Whether a read is a full-text search.</summary>
    public static bool IsSearch(HttpRequest request)
        => request.Path.StartsWithSegments("/v1/search") || request.Query.ContainsKey("q");

    /// <summary>
    /// Runs a read in its budget: a read snapshot bounded in time and by the client's presence, and for a search, its
    /// turn among the costly requests. A search over its client's count answers 429, one with no place left to wait 503.
    /// </summary>
    public async Task RunReadAsync(HttpContext http, Data.DbSession session, RequestDelegate next)
    {
        var search = IsSearch(http.Request);
        var (admitted, turn) = search ? await TakeTurnAsync(http) : (true, null);
        using var held = turn;
        if (!admitted)
        {
            return; // the refusal is written
        }

        var time = TimeSpan.FromMilliseconds(search ? _limits.SearchMilliseconds : _limits.ReadMilliseconds);
        await using (session.BeginReadSnapshot(time, http.RequestAborted))
        {
            await next(http);
        }
    }

    private const string Busy = "Too many costly requests (full-text searches, readings of reports) are running or waiting just now "
        + "(Limits:ConcurrentCostly, Limits:CostlyQueue): retry after 1 second.";

    /// <summary>
    /// Runs costly work on a thread of its own rather than one of the pool's (SQLite's statements and the extractor
    /// compute without yielding, and a pool thread held for a second makes every other request wait for the pool to
    /// grow), at a lower scheduling priority (on Linux, nice 10), so that when the cores are busy the other requests
    /// are served first. What the work does after a wait that truly yields goes on in the pool, as usual.
    /// </summary>
    private static Task<T> OnOwnThread<T>(Func<Task<T>> work)
        => Task.Factory.StartNew(() =>
        {
            Costly.LowerThisThread();
            return work();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>
    /// Runs a costly request (one that reads a report's text) in its turn among the costly requests
    /// (<c>Limits:ConcurrentCostly</c>, waiting in a queue of <c>Limits:CostlyQueue</c>; 503 with <c>Retry-After</c>
    /// when no place is left to wait), on a thread of its own.
    /// </summary>
    public async Task<IResult> RunCostlyAsync(HttpContext http, Func<Task<IResult>> work)
    {
        using var turn = await _costly.AcquireAsync(1, http.RequestAborted);
        if (!turn.IsAcquired)
        {
            Telemetry.TimelineMetrics.Refused("costly");
            http.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: Busy);
        }

        // The body is read here, in the pool, where waiting for it costs nothing: the work then reads it from memory and
        // runs through on its own thread (a body longer than the limit keeps one byte more, for the reader to refuse).
        if (http.Request.ContentLength is not { } length || length <= _limits.MaxBodyBytes)
        {
            var body = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while (body.Length <= _limits.MaxBodyBytes && (read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                body.Write(chunk, 0, read);
            }

            body.Position = 0;
            http.Request.Body = body;
            http.Response.RegisterForDispose(body);
        }

        return await OnOwnThread(work);
    }

    /// <summary>
    /// Reads a report for suggestions (inside a costly request's turn, <see cref="RunCostlyAsync"/>) for at most
    /// <c>Limits:ExtractionMilliseconds</c>, and no longer than its client stays. Either the reading's result, or the
    /// 422 problem that says it ran out of time.
    /// </summary>
    public async Task<(T? Value, IResult? Refused)> ExtractAsync<T>(HttpContext http, Func<CancellationToken, Task<T>> extract)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        budget.CancelAfter(_limits.ExtractionMilliseconds);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var value = await OnOwnThread(() => extract(budget.Token));
            Telemetry.TimelineMetrics.ExtractionDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", "done"));
            return (value, null);
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            Telemetry.TimelineMetrics.ExtractionDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("outcome", "over_budget"));
            return (default, TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "More work than a request may take",
                detail: $"Reading the report took longer than one reading may (Limits:ExtractionMilliseconds, {_limits.ExtractionMilliseconds} ms): nothing was proposed."));
        }
    }

    /// <summary>
    /// A change stream's place, held until disposal: at most <c>Limits:StreamsPerClient</c> per client (429 beyond) and
    /// <c>Limits:MaxStreams</c> in all (503 beyond), each with <c>Retry-After</c>.
    /// </summary>
    public (IDisposable? Place, IResult? Refused) OpenStream(HttpContext http)
    {
        var client = ProtectionSetup.ClientOf(http);
        if (Interlocked.Increment(ref _streams) > _limits.MaxStreams)
        {
            Interlocked.Decrement(ref _streams);
            Telemetry.TimelineMetrics.Refused("streams");
            http.Response.Headers.RetryAfter = "5";
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: "The server holds as many change streams as it may (Limits:MaxStreams): retry after 5 seconds, or read /v1/changes."));
        }

        if (_streamsPerClient.AddOrUpdate(client, 1, (_, n) => n + 1) > _limits.StreamsPerClient)
        {
            CloseStream(client);
            Telemetry.TimelineMetrics.Refused("streams_per_client");
            http.Response.Headers.RetryAfter = "5";
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests,
                detail: $"This client has {_limits.StreamsPerClient} change streams open already (Limits:StreamsPerClient): close one, or retry after 5 seconds."));
        }

        Telemetry.TimelineMetrics.ChangeStreams.Add(1);
        return (new StreamPlace(this, client), null);
    }

    private void CloseStream(string client)
    {
        Interlocked.Decrement(ref _streams);
        if (_streamsPerClient.AddOrUpdate(client, 0, (_, n) => n - 1) <= 0)
        {
            _streamsPerClient.TryRemove(KeyValuePair.Create(client, 0));
        }
    }

    private sealed class StreamPlace(RequestBudgets budgets, string client) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Telemetry.TimelineMetrics.ChangeStreams.Add(-1);
                budgets.CloseStream(client);
            }
        }
    }

    /// <summary>The search's turn, or not admitted with the refusal written.</summary>
    private async Task<(bool Admitted, RateLimitLease? Turn)> TakeTurnAsync(HttpContext http)
    {
        var counted = await _windows.CountAsync("searches|" + ProtectionSetup.ClientOf(http), _limits.SearchesPerMinute, http.RequestAborted);
        if (!counted.Admitted)
        {
            await ClientLimits.RefuseAsync(http, "searches", counted.RetryAfterSeconds,
                $"This client has used its full-text searches for now (Limits:SearchesPerMinute): retry after {counted.RetryAfterSeconds} seconds.");
            return (false, null);
        }

        var turn = await _costly.AcquireAsync(1, http.RequestAborted);
        if (turn.IsAcquired)
        {
            return (true, turn);
        }

        turn.Dispose();
        Telemetry.TimelineMetrics.Refused("costly");
        await ClientLimits.WriteRefusalAsync(http, StatusCodes.Status503ServiceUnavailable, 1, Busy);
        return (false, null);
    }

    public void Dispose()
    {
        _costly.Dispose();
    }

    /// <summary>The scheduling priority of the threads costly work runs on.</summary>
    private static class Costly
    {
        private const int PriorityOfProcess = 0; // PRIO_PROCESS: on Linux, with a thread's id, that thread alone
        private const int Nice = 10;

        public static void LowerThisThread()
        {
            if (OperatingSystem.IsLinux())
            {
                _ = SetPriority(PriorityOfProcess, GetThreadId(), Nice); // raising one's own niceness needs no privilege
            }
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setpriority")]
        private static extern int SetPriority(int which, int who, int priority);

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "gettid")]
        private static extern int GetThreadId();
    }
}
