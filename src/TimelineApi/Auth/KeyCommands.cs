namespace TimelineApi.Auth;

/// <summary>
/// <c>keys create --name NAME [--read-only]</c>, <c>keys revoke --name NAME</c>, <c>keys list</c>:
/// managing API keys from the command line of the program itself.
/// </summary>
public static class KeyCommands
{
    public const string Usage = """
        Usage:
          keys create --name NAME [--read-only]   create a key (shown once: keep it)
          keys revoke --name NAME                 revoke a key: it can no longer write
          keys list                               list keys (names and scopes, never the keys)
        """;

    public static async Task<int> RunAsync(ApiKeyStore keys, string[] args, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var name = ValueOf(args, "--name");
        switch (args.FirstOrDefault())
        {
            case "create" when name is not null:
                var scope = args.Contains("--read-only") ? ApiKeyStore.ReadScope : ApiKeyStore.WriteScope;
                if (await keys.CreateAsync(name, scope, ct) is not { } key)
                {
                    await error.WriteLineAsync($"A key named '{name}' already exists.");
                    return 1;
                }

                await output.WriteLineAsync($"Created {scope} key '{name}'. It is shown only now; send it as 'Authorization: Bearer <key>':");
                await output.WriteLineAsync(key);
                return 0;

            case "revoke" when name is not null:
                if (!await keys.RevokeAsync(name, ct))
                {
                    await error.WriteLineAsync($"There is no active key named '{name}'.");
                    return 1;
                }

                await output.WriteLineAsync($"Revoked key '{name}'.");
                return 0;

            case "list":
                foreach (var k in await keys.ListAsync(ct))
                {
                    await output.WriteLineAsync($"{k.Name}\t{k.Scope}\tcreated {k.CreatedAt}\t{(k.RevokedAt is null ? "active" : "revoked " + k.RevokedAt)}");
                }

                return 0;

            default:
                await error.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static string? ValueOf(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
