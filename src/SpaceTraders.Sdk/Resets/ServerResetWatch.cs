using System.Text.Json;
using System.Text.RegularExpressions;
using SpaceTraders.Sdk.Errors;

namespace SpaceTraders.Sdk.Resets;

/// <summary>
/// One client's view of the server's resets: the reset its agent belongs to (from the token, else from the first status
/// read), and whether the server has reset since. Fed by both signals (a rejection of the token, 4113 or 4109, mapped in
/// <see cref="ApiErrorFactory"/>; a later <c>resetDate</c> on the status endpoint), it reports a reset once: the
/// client drops the caches keyed to the old world and raises <see cref="SpaceTradersClient.ServerReset"/>; from then on
/// the pipeline refuses to send the dead token (<see cref="ServerResetException"/>).
/// </summary>
/// <remarks>Thread-safe: any call may detect the reset; exactly one detection is reported.</remarks>
internal sealed partial class ServerResetWatch
{
    private readonly TimeProvider _clock;
    private readonly bool _hasAgentToken;
    private ServerResetEventArgs? _detected;
    private string? _playedReset;
    private Action<ServerResetEventArgs>? _onReset;

    /// <summary>Initializes a new instance of the <see cref="ServerResetWatch"/> class.</summary>
    /// <param name="options">The client's options: the agent token (its reset date) and the clock.</param>
    public ServerResetWatch(SpaceTradersClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = options.TimeProvider;
        _hasAgentToken = !string.IsNullOrEmpty(options.Token);
        _playedReset = AgentTokenClaims.ResetDate(options.Token);
    }

    /// <summary>
    /// Gets the reset the client plays (<c>yyyy-MM-dd</c>): its agent token's <c>reset_date</c>, or the first
    /// <c>resetDate</c> the status endpoint showed; <see langword="null"/> while unknown.
    /// </summary>
    public string? PlayedReset => Volatile.Read(ref _playedReset);

    /// <summary>Gets the reset detected, or <see langword="null"/> while none was.</summary>
    public ServerResetEventArgs? Detected => Volatile.Read(ref _detected);

    /// <summary>Adds what runs once when the reset is detected (the client's cache drop and event), before the call that detected it returns.</summary>
    /// <param name="onReset">The work.</param>
    public void OnReset(Action<ServerResetEventArgs> onReset) => _onReset += onReset;

    /// <summary>Notes a status read: a <c>resetDate</c> later than the reset played is a reset.</summary>
    /// <param name="resetDate">The status endpoint's <c>resetDate</c>.</param>
    /// <returns>The reset, when this read detected it.</returns>
    public ServerResetEventArgs? ObserveStatus(string? resetDate)
    {
        var date = AgentTokenClaims.Normalize(resetDate);
        if (date is null)
        {
            return null;
        }

        // Without a token to say which reset the client plays, the first status says it (an anonymous client has no
        // agent to lose, so it only ever learns the date).
        var played = Interlocked.CompareExchange(ref _playedReset, date, null) ?? date;
        if (!_hasAgentToken || string.CompareOrdinal(date, played) <= 0)
        {
            return null;
        }

        return Report(new ServerResetEventArgs(played, date, ServerResetSignal.StatusResetDate, _clock.GetUtcNow()));
    }

    /// <summary>Notes a rejection of the token (401 with error 4113, or error 4109): the token belongs to an earlier reset.</summary>
    /// <param name="error">The server's answer.</param>
    /// <returns>What is known of the reset (the first detection, when this was not it).</returns>
    public ServerResetEventArgs TokenRejected(SpaceTradersApiException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var (expected, actual) = ReadDates(error);
        var reset = new ServerResetEventArgs(actual ?? PlayedReset, expected, ServerResetSignal.TokenRejected, _clock.GetUtcNow());
        return Report(reset) ?? Detected ?? reset;
    }

    /// <summary>Reads the server's and the token's reset dates from a 4113 answer: <c>data.expected</c> and <c>data.actual</c>, else the message's <c>Expected: ..., Actual: ...</c>.</summary>
    /// <param name="error">The answer.</param>
    /// <returns>The server's date and the token's, when given.</returns>
    internal static (string? Expected, string? Actual) ReadDates(SpaceTradersApiException error)
    {
        string? expected = null, actual = null;
        if (error.ErrorData is { ValueKind: JsonValueKind.Object } data)
        {
            expected = data.TryGetProperty("expected", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            actual = data.TryGetProperty("actual", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        }

        if ((expected is null || actual is null) && error.ErrorMessage is { } message && MessageDates().Match(message) is { Success: true } match)
        {
            expected ??= match.Groups["expected"].Value;
            actual ??= match.Groups["actual"].Value;
        }

        return (AgentTokenClaims.Normalize(expected), AgentTokenClaims.Normalize(actual));
    }

    private ServerResetEventArgs? Report(ServerResetEventArgs reset)
    {
        if (Interlocked.CompareExchange(ref _detected, reset, null) is not null)
        {
            return null;
        }

        _onReset?.Invoke(reset);
        return reset;
    }

    [GeneratedRegex(@"Expected:\s*(?<expected>[0-9T:.Z-]+)\s*,\s*Actual:\s*(?<actual>[0-9T:.Z-]+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MessageDates();
}
