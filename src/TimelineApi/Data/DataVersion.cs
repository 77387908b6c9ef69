namespace TimelineApi.Data;

/// <summary>
/// Identifies the state of the data: it changes whenever what the API serves changes (today, when a
/// new seed is applied). HTTP validators are derived from it.
/// </summary>
public sealed class DataVersion
{
    private string _current = "0";

    public string Current => Volatile.Read(ref _current);

    public void Set(string version) => Volatile.Write(ref _current, version);
}
