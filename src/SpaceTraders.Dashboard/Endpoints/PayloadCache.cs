using SpaceTraders.Dashboard.Views;

namespace SpaceTraders.Dashboard.Endpoints;

/// <summary>
/// Builds each API path's payload at most once per half update interval, however many pages and API calls ask for it,
/// so that serving the dashboard costs the runner little. A failed build is answered with a 503 problem (the message
/// only: never a stack trace) and retried at the next ask.
/// </summary>
internal sealed class PayloadCache(DashboardViews views, DashboardOptions options, bool history)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (long At, Task<PayloadResult> Build)> _entries = new(StringComparer.Ordinal);

    /// <summary>Gets how long a built payload is served again: half an update interval live; longer for a history, which does not change.</summary>
    private TimeSpan Freshness => history ? TimeSpan.FromSeconds(15) : options.UpdateInterval / 2;

    public Task<PayloadResult> GetAsync(string path, CancellationToken cancellationToken)
    {
        var clock = options.PushClock;
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            if (_entries.TryGetValue(path, out var entry) && clock.GetElapsedTime(entry.At, now) < Freshness && !entry.Build.IsFaulted)
            {
                return entry.Build;
            }

            if (_entries.Count > 256)
            {
                _entries.Clear();
            }

            var build = BuildAsync(path);
            _entries[path] = (now, build);
            return build.WaitAsync(cancellationToken);
        }
    }

    private async Task<PayloadResult> BuildAsync(string path)
    {
        try
        {
            // Built without the asker's token: another page may be waiting for the same payload.
            return await views.BuildAsync(path, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A source that fails (a database away) is reported to the page, which keeps its last figures.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new PayloadResult(503, System.Text.Json.JsonSerializer.Serialize(new ProblemPayload(503, "The fleet could not be read", ex.Message), DashboardJson.Default.ProblemPayload));
        }
    }
}
