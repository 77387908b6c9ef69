using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TimelineApi.Auth;
using TimelineApi.Common;
using TimelineApi.Editing;

using TimelineApi.Http;

namespace TimelineApi.Suggestions;

public static class SuggestionsEndpoints
{
    private static readonly string[] s_kinds = ["statement", "participant", "event"];
    private static readonly string[] s_statuses = ["pending", "accepted", "rejected"];

    private static readonly QueryParameter s_source = new("source", "Only suggestions for this source (its id).", "2021-12-12-putin-biden-agreed-to-hold-more-talks");
    private static readonly QueryParameter s_kind = new("kind", "Only suggestions of these kinds.", "statement", AllowedValues: s_kinds, IsList: true);
    private static readonly QueryParameter s_status = new("status", "Only suggestions in these states.", "pending", AllowedValues: s_statuses, IsList: true);
    private static readonly QueryParameter[] s_parameters = [s_source, s_kind, s_status, .. CommonParameters.Paging];

    public static void MapSuggestions(this IEndpointRouteBuilder routes)
    {
        var read = routes.MapGroup("/v1/suggestions").WithTags("Suggestions")
            .WithIdParameter("suggestion", "statement-2b5cfbd3b0e1");

        read.MapGet("/", ListSuggestions)
            .WithName("ListSuggestions")
            .WithSummary("List suggestions")
            .WithDescription("""
                What the extractor proposed for the sources, in the order it proposed them: statements (a quote, its speaker and
                the words attributing it), participants (known ones with names or titles the source adds, new ones) and events
                (dated or proposed, meetings with the status the source implies). Each has the record it would write
                (`proposal`), its evidence as UTF-16 spans of the source's text, a confidence from 0 to 1, and its state.
                """)
            .WithQueryParameters(s_parameters);

        read.MapGet("/{id}", GetSuggestion)
            .WithName("GetSuggestion")
            .WithSummary("Get one suggestion")
            .WithDescription("One suggestion by id, with its proposal, evidence and state (and, once accepted, the records it wrote).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var write = routes.MapGroup("/v1").WithTags("Suggestions")
            .RequireAuthorization(ApiKeyAuthenticationHandler.WritePolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        write.MapPost("/suggestions/{id}/accept", AcceptAsync)
            .WithName("AcceptSuggestion")
            .WithSummary("Accept a suggestion: write its records")
            .WithDescription("""
                Writes what the suggestion proposes, with the same checks as the write API, and records it in the change feed
                under your key. Existing records are merged into rather than duplicated: a quote already recorded at the same
                span, a participant known by that name (new names and titles are added, cited to the source), an event of the
                same kind on overlapping days sharing a participant (the source is added, with its account in a meeting's
                status history). The optional body changes the proposal: `speaker` (a participant id for a quote),
                `event` or `participant` (the record to merge into), `id` (the new record's id); and corrects what the extractor read:
                `date` (a quote's day), `title`, `status`, `start`, `end` and `participants` (an event's; a new `start` replaces the
                days, no longer inferred, and the meeting's history notes the correction). 409 once decided; 422 naming
                what stops it (such as a quote whose speaker is not a participant yet).
                """)
            .WithMetadata(new IdParameterMetadata("The suggestion's id.", "statement-2b5cfbd3b0e1"))
            .Accepts<AcceptRequest>(isOptional: true, "application/json")
            .Produces<SuggestionResponse>()
            .ProducesValidationProblem()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        write.MapPost("/suggestions/{id}/reject", RejectAsync)
            .WithName("RejectSuggestion")
            .WithSummary("Reject a suggestion")
            .WithDescription("Marks the suggestion rejected (with your key and the time); it writes nothing and stays rejected when the source is extracted again. 409 once decided.")
            .WithMetadata(new IdParameterMetadata("The suggestion's id.", "statement-2b5cfbd3b0e1"))
            .Produces<SuggestionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        write.MapPost("/sources/{id}/extract", (string id, HttpContext http, RequestBudgets budgets, CancellationToken ct)
                => budgets.RunCostlyAsync(http, () => ExtractAsync(id, http, ct)))
            .WithName("ExtractSource")
            .WithSummary("Run the extractor over a source again")
            .WithDescription("""
                Reads the source's text again (after its participants or text changed, or for a seeded source) and stores
                what it proposes that is not already a suggestion; decided suggestions keep their decision. Answers with
                how many are new and every suggestion of the source.
                """)
            .WithMetadata(new IdParameterMetadata("The source's id.", "2021-12-12-putin-biden-agreed-to-hold-more-talks"))
            .Produces<ExtractionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static Results<ListResult<SuggestionResponse>, ValidationProblem> ListSuggestions(HttpRequest request, SuggestionStore store)
    {
        var query = new QueryReader(request, s_parameters);
        var source = query.Text(s_source);
        var kinds = query.List(s_kind);
        var statuses = query.List(s_status);
        var start = query.SequenceCursor();
        var list = query.ListRequest(request, start == 0 ? null : [start.ToString(CultureInfo.InvariantCulture)]);
        if (!query.IsValid)
        {
            return Problems.InvalidQuery(query);
        }

        return ListResult.Create<SuggestionResponse>(async (limit, after, ct) =>
        {
            var from = after is null ? 0 : long.Parse(after[0], CultureInfo.InvariantCulture);
            var rows = await store.ListAsync(source, kinds, statuses, from, limit + 1, ct);
            return [.. rows.Select(r => (r.ToResponse(), new[] { r.Cursor }))];
        }, list);
    }

    private static async Task<Results<Ok<SuggestionResponse>, ProblemHttpResult>> GetSuggestion(string id, SuggestionStore store, CancellationToken ct)
    {
        return await store.FindAsync(id, ct) is { } row
            ? TypedResults.Ok(row.ToResponse())
            : Problems.NotFound("suggestion", id);
    }

    private static async Task<IResult> AcceptAsync(string id, HttpContext http, CancellationToken ct)
    {
        var changes = AcceptRequest.None;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await WriteRequest.ReadAsync(http, ct);
            if (body is null)
            {
                return problem!;
            }

            var (bound, path, bindError) = RequestBody.Bind<AcceptRequest>(body);
            if (bound is null)
            {
                return WriteResults.BadBody(path ?? "body", bindError ?? "The body must be a JSON object.");
            }

            changes = bound;
        }

        return await DecideAsync(http, id, "accepted", (edit, row) => new SuggestionAcceptor(http.RequestServices, edit).AcceptAsync(row, changes, ct), ct);
    }

    private static Task<IResult> RejectAsync(string id, HttpContext http, CancellationToken ct)
        => DecideAsync(http, id, "rejected", (_, _) => Task.FromResult<IReadOnlyList<SuggestionRecordRef>?>([]), ct);

    /// <summary>Accepts or rejects in one transaction: the records written and the decision stand or fall together.</summary>
    private static async Task<IResult> DecideAsync(
        HttpContext http, string id, string decision, Func<EditContext, SuggestionStore.SuggestionRow, Task<IReadOnlyList<SuggestionRecordRef>?>> decide, CancellationToken ct)
    {
        var store = http.RequestServices.GetRequiredService<SuggestionStore>();
        await using var edit = await EditContext.BeginAsync(http, ct);
        if (await store.FindAsync(id, ct) is not { } row)
        {
            return Problems.NotFound("suggestion", id);
        }

        if (row.Status != "pending")
        {
            return WriteResults.Conflict($"Suggestion '{id}' was already {row.Status} (by {row.DecidedBy} at {row.DecidedAt}).");
        }

        var records = await decide(edit, row);
        if (records is null || !edit.IsValid)
        {
            return WriteResults.Unprocessable(edit);
        }

        await store.DecideAsync(edit, id, decision, records, edit.Writer.Now, ct);
        var decided = (await store.FindAsync(id, ct))!.ToResponse();
        await edit.CommitAsync(ct);
        return TypedResults.Ok(decided);
    }

    private static async Task<IResult> ExtractAsync(string id, HttpContext http, CancellationToken ct)
    {
        if (await http.RequestServices.GetRequiredService<Sources.SourceStore>().FindAsync(id, ct) is not { } row)
        {
            return Problems.NotFound("source", id);
        }

        var (result, refused) = await http.RequestServices.GetRequiredService<RequestBudgets>().ExtractAsync(http, budget => http.RequestServices.GetRequiredService<SuggestionStore>().ExtractAsync(
            Sources.SourceWrites.ToRecord(row), http.RequestServices.GetRequiredService<TimeProvider>().Now(), budget));
        return refused ?? TypedResults.Ok(result);
    }
}
