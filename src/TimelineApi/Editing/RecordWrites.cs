namespace TimelineApi.Editing;

/// <summary>
/// The steps a resource's create and change take, given what differs per resource: how a new record gets its id
/// (<paramref name="newId"/>), how an id is set on it (<paramref name="withId"/>), its rules
/// (<paramref name="validateAsync"/>), and how it is written (<paramref name="writeAsync"/>). Each gives back the id
/// written (not yet committed) or the refusal (<see cref="Written"/>), and the route answers in its own shape.
/// </summary>
public sealed class RecordWrites<TRecord, TResponse>(
    string resource,
    string table,
    Func<TRecord, string?> idOf,
    Func<TRecord, string> newId,
    Func<TRecord, string, TRecord> withId,
    Func<EditContext, TRecord, CancellationToken, Task> validateAsync,
    Func<EditContext, TRecord, CancellationToken, Task> writeAsync)
    where TRecord : class
{
    /// <summary>
    /// A POST: the body bound (400), readied by <paramref name="prepare"/> before the write begins, given an id that is a
    /// slug and not taken (422, 409), checked (422) and written.
    /// </summary>
    public async Task<Written> CreateAsync(PendingWrite write, HttpContext http, CancellationToken ct, Func<TRecord, TRecord>? prepare = null)
    {
        if (!WriteRequest.TryBind<TRecord, TResponse>(write.Body, out var record, out var invalid))
        {
            return Written.Refused(invalid);
        }

        record = prepare?.Invoke(record) ?? record;
        var edit = await write.BeginAsync(http, ct);
        var id = newId(record);
        if (await edit.CheckNewIdAsync(resource, table, id, ct) is { } refused)
        {
            return Written.Refused(refused);
        }

        return await CheckAndWriteAsync(edit, withId(record, id), current: null, id, ct);
    }

    /// <summary>
    /// A PUT (the body is the whole record) or PATCH (a merge patch of <paramref name="current"/>) of <paramref name="id"/>,
    /// inside the write its filter began: bound (400), keeping its id (422), checked (422), and written when it changes anything.
    /// </summary>
    public async Task<Written> ChangeAsync(string id, bool patch, TRecord? current, PendingWrite write, CancellationToken ct)
    {
        var edit = write.Edit;
        if (!WriteRequest.TryBindChange<TRecord, TResponse>(current, write.Body, patch, out var record, out var invalid))
        {
            return Written.Refused(invalid);
        }

        return idOf(record) is { } given && given != id
            ? Written.Refused(WriteResults.IdChanged(edit, given, id))
            : await CheckAndWriteAsync(edit, withId(record, id), current, id, ct);
    }

    private async Task<Written> CheckAndWriteAsync(EditContext edit, TRecord record, TRecord? current, string id, CancellationToken ct)
    {
        await validateAsync(edit, record, ct);
        if (!edit.IsValid)
        {
            return Written.Refused(WriteResults.Unprocessable(edit));
        }

        if (current is not null && !WriteRequest.Changes(current, record))
        {
            return Written.Unchanged(id);
        }

        await writeAsync(edit, record, ct);
        return id;
    }
}
