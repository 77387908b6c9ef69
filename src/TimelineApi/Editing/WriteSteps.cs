using System.Text.Json.Nodes;
using TimelineApi.Http;

namespace TimelineApi.Editing;

/// <summary>
/// The steps a write request takes before its handler, as endpoint filters, each ending the request with its own
/// answer when the request cannot go on: <see cref="TakesBody"/> reads the body (400, 413, 415);
/// <see cref="ChangesRecord"/> and <see cref="DeletesRecord"/> require <c>If-Match</c> (428, 400), begin the write and
/// check the record is there (404) at the version <c>If-Match</c> names (412). The handler then finds the body and
/// the write begun in the request's <see cref="PendingWrite"/>.
/// </summary>
public static class WriteSteps
{
    /// <summary>
    /// Reads the body as a JSON object (with <paramref name="plainTextMember"/>, a <c>text/plain</c> body as that
    /// member); the write itself is begun by the handler once the body is bound (<see cref="PendingWrite.BeginAsync"/>).
    /// </summary>
    public static RouteHandlerBuilder TakesBody(this RouteHandlerBuilder route, string? plainTextMember = null)
        => route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var (body, problem) = await WriteRequest.ReadAsync(http, http.RequestAborted, plainTextMember);
            if (body is null)
            {
                return problem;
            }

            await using var write = http.RequestServices.GetRequiredService<PendingWrite>();
            write.Body = body;
            return await next(context);
        });

    /// <summary>A PUT or PATCH of the record of <paramref name="resource"/> (in <paramref name="table"/>) the route's <c>{id}</c> names.</summary>
    public static RouteHandlerBuilder ChangesRecord(this RouteHandlerBuilder route, string resource, string table)
        => route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (WriteRequest.RequireIfMatch(http.Request, resource) is { } required)
            {
                return required;
            }

            var (body, problem) = await WriteRequest.ReadAsync(http, http.RequestAborted);
            if (body is null)
            {
                return problem;
            }

            await using var write = http.RequestServices.GetRequiredService<PendingWrite>();
            write.Body = body;
            return await BeginOnRecordAsync(context, next, write, resource, table);
        });

    /// <summary>A DELETE of the record of <paramref name="resource"/> (in <paramref name="table"/>) the route's <c>{id}</c> names.</summary>
    public static RouteHandlerBuilder DeletesRecord(this RouteHandlerBuilder route, string resource, string table)
        => route.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (WriteRequest.RequireIfMatch(http.Request, resource) is { } required)
            {
                return required;
            }

            await using var write = http.RequestServices.GetRequiredService<PendingWrite>();
            return await BeginOnRecordAsync(context, next, write, resource, table);
        });

    /// <summary>Runs the rest of the request in its turn among the costly ones (<see cref="RequestBudgets.RunCostlyAsync"/>), before its write begins.</summary>
    public static RouteHandlerBuilder RunsCostly(this RouteHandlerBuilder route)
        => route.AddEndpointFilter(async (context, next) => await context.HttpContext.RequestServices.GetRequiredService<RequestBudgets>()
            .RunCostlyAsync(context.HttpContext, async () => (IResult)(await next(context))!));

    private static async ValueTask<object?> BeginOnRecordAsync(
        EndpointFilterInvocationContext context, EndpointFilterDelegate next, PendingWrite write, string resource, string table)
    {
        var http = context.HttpContext;
        var id = (string)http.GetRouteValue("id")!;
        var edit = await write.BeginAsync(http, http.RequestAborted);
        return await edit.CheckVersionAsync(http.Request, resource, table, id, http.RequestAborted) ?? await next(context);
    }
}

/// <summary>
/// A write request past its <see cref="WriteSteps"/> (a scoped service): the body they read and the write they began,
/// ended when the handler returns (rolled back unless it committed).
/// </summary>
public sealed class PendingWrite : IAsyncDisposable
{
    private EditContext? _edit;
    private JsonObject? _body;

    /// <summary>The body, as a JSON object.</summary>
    public JsonObject Body
    {
        get => _body ?? throw new InvalidOperationException("The route reads no body: add WriteSteps.TakesBody or ChangesRecord.");
        internal set => _body = value;
    }

    /// <summary>The write, begun.</summary>
    public EditContext Edit => _edit ?? throw new InvalidOperationException("The write is not begun: add WriteSteps.ChangesRecord or DeletesRecord, or call BeginAsync.");

    /// <summary>Begins the write (once): the request's session holds the writer's place until the commit.</summary>
    public async ValueTask<EditContext> BeginAsync(HttpContext http, CancellationToken ct) => _edit ??= await EditContext.BeginAsync(http, ct);

    public ValueTask DisposeAsync() => _edit?.DisposeAsync() ?? ValueTask.CompletedTask;
}
