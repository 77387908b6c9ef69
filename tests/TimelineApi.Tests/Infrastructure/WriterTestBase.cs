namespace TimelineApi.Tests.Infrastructure;

/// <summary>
/// A test class that writes: each test gets its own app over its own database, a client, and a
/// write key named after the class's role.
/// </summary>
public abstract class WriterTestBase(string keyName = "editor", bool responseCache = false) : IAsyncLifetime
{
    protected TimelineApiFactory App { get; } = responseCache ? TimelineApiFactory.WithResponseCache() : new();
    protected HttpClient Client { get; private set; } = null!;
    protected string Key { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = App.CreateClient();
        Key = await App.CreateKeyAsync(keyName);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
