using SpaceTraders.Dashboard.Views;

namespace SpaceTraders.Dashboard.Endpoints;

/// <summary>
/// Builds each API path's payload at most once per half update interval, however many pages and API calls ask for it,
/// so that serving the dashboard costs the runner little. Builds of a path follow one another: each is compared with the
/// one before (the same figures keep the same <see cref="PayloadBuild.Version"/>, so nothing is pushed) and the overview's
/// carries its delta from it. A failed build is answered with a 503 problem (the message only: never a stack trace).
/// </summary>
internal sealed class PayloadCache(DashboardViews views, DashboardOptions options, bool history)
{
    /// <summary>How long a history's payloads (and the fleet read they start from) are served again: it does not change.</summary>
    internal static readonly TimeSpan HistoryFreshness = TimeSpan.FromSeconds(15);

    private readonly object _gate = new();
    private readonly Dictionary<string, (long At, Task<PayloadBuild> Build)> _entries = new(StringComparer.Ordinal);
    private long _versions;

    /// <summary>Gets how long a built payload is served again: half an update interval live; longer for a history, which does not change.</summary>
    private TimeSpan Freshness => history ? HistoryFreshness : options.UpdateInterval / 2;

    public Task<PayloadBuild> GetAsync(string path, CancellationToken cancellationToken)
    {
        var clock = options.PushClock;
        var now = clock.GetTimestamp();
        lock (_gate)
        {
            Task<PayloadBuild>? previous = null;
            if (_entries.TryGetValue(path, out var entry))
            {
                if (clock.GetElapsedTime(entry.At, now) < Freshness)
                {
                    return entry.Build.IsCompleted ? entry.Build : entry.Build.WaitAsync(cancellationToken);
                }

                previous = entry.Build;
            }

            if (_entries.Count > 256)
            {
                _entries.Clear();
                previous = null;
            }

            var build = BuildAsync(path, previous);
            _entries[path] = (now, build);
            return build.IsCompleted ? build : build.WaitAsync(cancellationToken);
        }
    }

    private async Task<PayloadBuild> BuildAsync(string path, Task<PayloadBuild>? previousBuild)
    {
        // After the build before (a slow database), so that builds of a path compare and number in order. Never faulted.
        var previous = previousBuild is null ? null : await previousBuild.ConfigureAwait(false);
        var basis = previous is { Status: 200 } ? previous : null;
        PayloadBuild build;
        try
        {
            // Built without the asker's token: another page may be waiting for the same payload.
            build = await views.BuildAsync(path, basis, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A source that fails (a database away) is reported to the page, which keeps its last figures.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            build = new PayloadBuild(503, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new ProblemPayload(503, "The fleet could not be read", ex.Message), DashboardJson.Default.ProblemPayload));
        }

        if (build.SameAs(previous))
        {
            return previous!;
        }

        build.Version = Interlocked.Increment(ref _versions);
        build.DeltaBasis = build.Delta is null ? 0 : basis?.Version ?? 0;
        return build;
    }
}
